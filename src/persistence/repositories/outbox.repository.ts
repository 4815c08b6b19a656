import { Types } from 'mongoose';
import type { Clock } from '../../lib/clock.js';
import {
  type OutboundMessage,
  type OutboundMessageInput,
  OutboundMessageSchema,
  type Recipient,
} from '../../messages/outbound-message.js';
import type { Models } from '../db.js';
import { OUTBOX_RETENTION_DAYS } from '../models/outbox.model.js';
import { isDuplicateKey } from './mongo-errors.js';

export interface OutboxItem {
  readonly id: string;
  readonly key: string;
  readonly recipient: Recipient;
  readonly message: OutboundMessage;
  readonly status: 'pending' | 'sent' | 'failed';
  readonly attempts: number;
}

export interface NewOutbox {
  /** Deterministic per cause, so a retried cause re-creates the same rows (and sends once). */
  readonly key: string;
  readonly to: Recipient;
  readonly message: OutboundMessageInput;
}

/** Messages to send, stored before sending (the transactional-outbox pattern, one row each). */
export class OutboxRepository {
  constructor(
    private readonly models: Models,
    private readonly clock: Clock,
  ) {}

  /** Inserts the rows that do not exist yet; returns the ids of every row (new or existing). */
  async addMany(items: readonly NewOutbox[]): Promise<string[]> {
    const now = this.clock.now();
    const ids: string[] = [];
    for (const item of items) {
      const message = OutboundMessageSchema.parse(item.message);
      try {
        const row = await this.models.Outbox.create({
          key: item.key,
          platform: item.to.platform,
          toUserId: item.to.userId ?? '',
          toConversationId: item.to.conversationId ?? '',
          sessionWebhook: item.to.session?.webhook ?? '',
          ...(item.to.session ? { sessionExpiresAt: new Date(item.to.session.expiresAt) } : {}),
          message,
          status: 'pending',
          createdAt: now,
          expiresAt: new Date(now.getTime() + OUTBOX_RETENTION_DAYS * 86_400_000),
        });
        ids.push(row._id.toString());
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        const existing = await this.models.Outbox.findOne({ key: item.key }, { _id: 1 }).lean();
        if (existing) ids.push(existing._id.toString());
      }
    }
    return ids;
  }

  async get(id: string): Promise<OutboxItem | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const row = await this.models.Outbox.findById(id).lean();
    if (!row) return null;
    return {
      id: row._id.toString(),
      key: row.key,
      recipient: {
        platform: row.platform,
        ...(row.toUserId ? { userId: row.toUserId } : {}),
        ...(row.toConversationId ? { conversationId: row.toConversationId } : {}),
        ...(row.sessionWebhook && row.sessionExpiresAt
          ? { session: { webhook: row.sessionWebhook, expiresAt: row.sessionExpiresAt.toISOString() } }
          : {}),
      },
      message: OutboundMessageSchema.parse(row.message),
      status: row.status,
      attempts: row.attempts,
    };
  }

  async recordAttempt(id: string, error: string): Promise<void> {
    await this.models.Outbox.updateOne(
      { _id: id },
      { $inc: { attempts: 1 }, $set: { lastError: error.slice(0, 500) } },
    );
  }

  /** pending → sent, once. Returns false when it was already sent (a duplicate job). */
  async markSent(id: string, result: Record<string, unknown>): Promise<boolean> {
    const r = await this.models.Outbox.updateOne(
      { _id: id, status: 'pending' },
      { $set: { status: 'sent', sentAt: this.clock.now(), result }, $inc: { attempts: 1 } },
    );
    return r.modifiedCount === 1;
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.models.Outbox.updateOne(
      { _id: id, status: 'pending' },
      { $set: { status: 'failed', lastError: error.slice(0, 500) }, $inc: { attempts: 1 } },
    );
  }

  /** Pending rows older than `olderThanMs`: never enqueued, or their job was lost with Redis. */
  async findToRelay(olderThanMs: number, limit = 500): Promise<string[]> {
    const cutoff = new Date(this.clock.now().getTime() - olderThanMs);
    const rows = await this.models.Outbox.find({ status: 'pending', createdAt: { $lt: cutoff } }, { _id: 1 })
      .sort({ createdAt: 1 })
      .limit(limit)
      .lean();
    return rows.map((r) => r._id.toString());
  }

  async count(filter: { status?: string; toUserId?: string } = {}): Promise<number> {
    return this.models.Outbox.countDocuments(filter);
  }
}
