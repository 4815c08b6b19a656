import { Types } from 'mongoose';
import type { Clock } from '../../lib/clock.js';
import { type InboundEvent, InboundEventSchema } from '../../platforms/inbound-event.js';
import type { Models } from '../db.js';
import { INBOUND_RETENTION_DAYS } from '../models/inbound-event.model.js';
import { isDuplicateKey } from './mongo-errors.js';

export interface StoredInbound {
  readonly id: string;
  readonly event: InboundEvent;
  readonly attempts: number;
}

/** A row counts as stuck in `processing` after this long (the worker died mid-way). */
const PROCESSING_LEASE_MS = 5 * 60_000;

/** The inbound-event log: de-duplication and the processing outbox, in one collection. */
export class InboundRepository {
  constructor(
    private readonly models: Models,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores an event once. A second delivery of the same platform event (same dedupe key) is
   * reported as a duplicate and stores nothing.
   */
  async record(event: InboundEvent): Promise<{ id: string; duplicate: boolean }> {
    const now = this.clock.now();
    try {
      const row = await this.models.InboundEvent.create({
        platform: event.platform,
        dedupeKey: event.dedupeKey,
        userId: event.userId,
        event,
        status: 'received',
        receivedAt: now,
        expiresAt: new Date(now.getTime() + INBOUND_RETENTION_DAYS * 86_400_000),
      });
      return { id: row._id.toString(), duplicate: false };
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      const existing = await this.models.InboundEvent.findOne(
        { platform: event.platform, dedupeKey: event.dedupeKey },
        { _id: 1 },
      ).lean();
      return { id: existing?._id.toString() ?? '', duplicate: true };
    }
  }

  /**
   * Claims a row for processing: only a row that is received, failed, or stuck in processing past
   * its lease. Returns null when another worker has it or it is done (the job is then skipped).
   */
  async claim(id: string): Promise<StoredInbound | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const now = this.clock.now();
    const row = await this.models.InboundEvent.findOneAndUpdate(
      {
        _id: id,
        $or: [
          { status: { $in: ['received', 'failed'] } },
          { status: 'processing', processedAt: { $lt: new Date(now.getTime() - PROCESSING_LEASE_MS) } },
        ],
      },
      { $set: { status: 'processing', processedAt: now }, $inc: { attempts: 1 } },
      { new: true },
    ).lean();
    if (!row) return null;
    return { id: row._id.toString(), event: InboundEventSchema.parse(row.event), attempts: row.attempts };
  }

  async markDone(id: string): Promise<void> {
    await this.models.InboundEvent.updateOne(
      { _id: id },
      { $set: { status: 'done', processedAt: this.clock.now() }, $unset: { lastError: 1 } },
    );
  }

  async markFailed(id: string, error: string, final = false): Promise<void> {
    await this.models.InboundEvent.updateOne(
      { _id: id },
      {
        $set: {
          status: final ? 'dead' : 'failed',
          lastError: error.slice(0, 500),
          processedAt: this.clock.now(),
        },
      },
    );
  }

  /**
   * Who sent an event, and whether an earlier event from the same account is still unfinished:
   * events of one person are processed in arrival order (a quick answer must not overtake its
   * question). Null when the row is gone.
   */
  async turnOf(
    id: string,
  ): Promise<{ platform: InboundEvent['platform']; userId: string; mustWait: boolean } | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const me = await this.models.InboundEvent.findById(id, { platform: 1, userId: 1, receivedAt: 1 }).lean();
    if (!me) return null;
    const staleBefore = new Date(this.clock.now().getTime() - PROCESSING_LEASE_MS);
    const earlier = await this.models.InboundEvent.find(
      {
        platform: me.platform,
        userId: me.userId,
        receivedAt: { $lte: me.receivedAt },
        _id: { $ne: me._id },
        $or: [
          { status: { $in: ['received', 'failed'] } },
          { status: 'processing', processedAt: { $gte: staleBefore } },
        ],
      },
      { _id: 1, receivedAt: 1 },
    ).lean();
    const mustWait = earlier.some(
      (e) => e.receivedAt < me.receivedAt || e._id.toString() < me._id.toString(),
    );
    return { platform: me.platform, userId: me.userId, mustWait };
  }

  /** Rows that should be in the queue but may not be: never enqueued, or stuck. */
  async findToRelay(olderThanMs: number, limit = 200): Promise<string[]> {
    const cutoff = new Date(this.clock.now().getTime() - olderThanMs);
    const rows = await this.models.InboundEvent.find(
      {
        $or: [
          { status: 'received', receivedAt: { $lt: cutoff } },
          {
            status: 'processing',
            processedAt: { $lt: new Date(this.clock.now().getTime() - PROCESSING_LEASE_MS) },
          },
        ],
      },
      { _id: 1 },
    )
      .sort({ receivedAt: 1 })
      .limit(limit)
      .lean();
    return rows.map((r) => r._id.toString());
  }

  /** For tests and tools: the stored events of one platform user, oldest first. */
  async listByUser(platform: InboundEvent['platform'], userId: string): Promise<InboundEvent[]> {
    const rows = await this.models.InboundEvent.find({ platform, 'event.userId': userId })
      .sort({ receivedAt: 1 })
      .lean();
    return rows.map((r) => InboundEventSchema.parse(r.event));
  }

  async count(filter: { platform?: InboundEvent['platform']; status?: string } = {}): Promise<number> {
    return this.models.InboundEvent.countDocuments(filter);
  }
}
