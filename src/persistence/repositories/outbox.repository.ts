import { Types } from 'mongoose';
import type { Clock } from '../../lib/clock.js';
import {
  type OutboundMessage,
  type OutboundMessageInput,
  OutboundMessageSchema,
  type Recipient,
} from '../../messages/outbound-message.js';
import type { Models } from '../db.js';
import { hotFilters } from '../hot-queries.js';
import { OUTBOX_ARCHIVE_DAYS } from '../models/archive.model.js';
import { OUTBOX_RETENTION_DAYS, type OutboxRow } from '../models/outbox.model.js';
import { insertIgnoringDuplicates } from './mongo-errors.js';

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

/**
 * How long a sent row stays in the hot collection: the horizon within which its cause can run
 * again and must find it (an inbound event is retried within minutes). Then it moves to the archive.
 */
export const SENT_HORIZON_MS = 10 * 60_000;

/** Rows moved to the archive per sweep at most (the sweep runs every minute). */
const ARCHIVE_BATCH = 2000;

/** The lane of one recipient: their messages are sent one at a time, in the order stored. */
export const recipientLane = (to: Recipient): string =>
  to.userId ? `${to.platform}:u:${to.userId}` : `${to.platform}:c:${to.conversationId ?? ''}`;

type LeanOutbox = OutboxRow & { _id: Types.ObjectId };

const toItem = (row: LeanOutbox): OutboxItem => ({
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
  attempts: row.attempts ?? 0,
});

/**
 * Messages to send, stored before sending (the transactional-outbox pattern, one row each). Like
 * the inbound log it stays small: sent rows leave after {@link SENT_RETENTION_MS}, and every query
 * is by `_id`, `key`, or equality on the indexed `lane` or `status`.
 */
export class OutboxRepository {
  constructor(
    private readonly models: Models,
    private readonly clock: Clock,
  ) {}

  /**
   * Inserts the rows that do not exist yet in one round trip; returns the ids of every row (new or
   * existing), in the order given.
   */
  async addMany(items: readonly NewOutbox[]): Promise<string[]> {
    if (items.length === 0) return [];
    const now = this.clock.now();
    const docs = items.map((item) => ({
      _id: new Types.ObjectId(),
      key: item.key,
      platform: item.to.platform,
      toUserId: item.to.userId ?? '',
      toConversationId: item.to.conversationId ?? '',
      sessionWebhook: item.to.session?.webhook ?? '',
      ...(item.to.session ? { sessionExpiresAt: new Date(item.to.session.expiresAt) } : {}),
      message: OutboundMessageSchema.parse(item.message),
      status: 'pending' as const,
      lane: recipientLane(item.to),
      attempts: 0,
      createdAt: now,
      expiresAt: new Date(now.getTime() + OUTBOX_RETENTION_DAYS * 86_400_000),
    }));
    const ids = docs.map((d) => d._id.toString());
    try {
      await this.models.Outbox.collection.insertMany(docs, { ordered: false });
    } catch (e) {
      const failed = writeErrorIndexes(e);
      if (!failed) throw e;
      // Rows of a cause handled before (a retry): their existing ids stand in.
      for (const [index, code] of failed) {
        if (code !== 11000 && code !== 11001) throw e;
        const existing = await this.models.Outbox.findOne(hotFilters.outboxByKey(docs[index]?.key ?? ''), {
          _id: 1,
        }).lean();
        if (existing) ids[index] = existing._id.toString();
      }
    }
    return ids;
  }

  async get(id: string): Promise<OutboxItem | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const row = await this.models.Outbox.findById(id).lean();
    return row ? toItem(row as LeanOutbox) : null;
  }

  /** The lane of a row, while it is pending. */
  async laneOf(id: string): Promise<string | undefined> {
    if (!Types.ObjectId.isValid(id)) return undefined;
    const row = await this.models.Outbox.findById(id, { lane: 1 }).lean();
    return row?.lane ?? undefined;
  }

  /** The pending rows of one recipient, in the order they were stored. */
  async pendingInLane(lane: string): Promise<OutboxItem[]> {
    // Through the driver, like `markSent`: the per-message path needs no mongoose query building.
    const rows = await this.models.Outbox.collection.find<LeanOutbox>(hotFilters.outboxLane(lane)).toArray();
    rows.sort(
      (a, b) =>
        a.createdAt.getTime() - b.createdAt.getTime() || a._id.toString().localeCompare(b._id.toString()),
    );
    return rows.map(toItem);
  }

  async recordAttempt(id: string, error: string): Promise<void> {
    await this.models.Outbox.updateOne(hotFilters.outboxById(id), {
      $inc: { attempts: 1 },
      $set: { lastError: error.slice(0, 500) },
    });
  }

  /** pending → sent, once. Returns false when it was already sent (a duplicate job). */
  async markSent(id: string, result: Record<string, unknown>): Promise<boolean> {
    const now = this.clock.now();
    const r = await this.models.Outbox.collection.updateOne(
      { ...hotFilters.outboxById(id), status: 'pending' },
      {
        $set: { status: 'sent', sentAt: now, result },
        $unset: { lane: 1 },
        $inc: { attempts: 1 },
      },
    );
    return r.modifiedCount === 1;
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.models.Outbox.updateOne(
      { ...hotFilters.outboxById(id), status: 'pending' },
      {
        $set: { status: 'failed', lastError: error.slice(0, 500) },
        $unset: { lane: 1 },
        $inc: { attempts: 1 },
      },
    );
  }

  /** Moves rows sent longer ago than {@link SENT_HORIZON_MS} to the archive; returns how many. */
  async archiveSent(): Promise<number> {
    const cutoff = this.clock.now().getTime() - SENT_HORIZON_MS;
    const sent = await this.models.Outbox.find(hotFilters.outboxSent()).lean();
    const old = sent.filter((r) => (r.sentAt?.getTime() ?? 0) < cutoff).slice(0, ARCHIVE_BATCH);
    if (old.length === 0) return 0;
    const archived = old.map((r) => ({
      ...r,
      expiresAt: new Date(r.createdAt.getTime() + OUTBOX_ARCHIVE_DAYS * 86_400_000),
    }));
    await insertIgnoringDuplicates(this.models.OutboxArchive.collection, archived);
    await this.models.Outbox.deleteMany({ _id: { $in: old.map((r) => r._id) } });
    return old.length;
  }

  /** Lanes with a row pending for more than `olderThanMs` (equality on the indexed `status`). */
  async lanesToRelay(olderThanMs: number): Promise<string[]> {
    const cutoff = this.clock.now().getTime() - olderThanMs;
    const rows = await this.models.Outbox.find(hotFilters.outboxPending(), { lane: 1, createdAt: 1 }).lean();
    return [
      ...new Set(rows.filter((r) => r.createdAt.getTime() < cutoff && r.lane).map((r) => r.lane ?? '')),
    ];
  }

  async count(filter: { status?: string; toUserId?: string } = {}): Promise<number> {
    return this.models.Outbox.countDocuments(filter);
  }
}

/** Index and code of each failed insert of an unordered bulk insert (MongoBulkWriteError), if any. */
const writeErrorIndexes = (e: unknown): [number, number][] | undefined => {
  if (typeof e !== 'object' || e === null || !('writeErrors' in e)) return undefined;
  const list: unknown = e.writeErrors;
  const arr: unknown[] = Array.isArray(list) ? list : [list];
  return arr.map((w) => {
    const o = typeof w === 'object' && w !== null ? (w as { index?: unknown; code?: unknown }) : {};
    return [typeof o.index === 'number' ? o.index : -1, typeof o.code === 'number' ? o.code : 0];
  });
};
