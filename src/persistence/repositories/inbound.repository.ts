import { Types } from 'mongoose';
import type { Clock } from '../../lib/clock.js';
import { type InboundEvent, InboundEventSchema } from '../../platforms/inbound-event.js';
import type { Models } from '../db.js';
import { hotFilters } from '../hot-queries.js';
import { INBOUND_ARCHIVE_DAYS } from '../models/archive.model.js';
import { PLATFORMS } from '../models/identity.model.js';
import { INBOUND_RETENTION_DAYS } from '../models/inbound-event.model.js';
import { insertIgnoringDuplicates, isDuplicateKey } from './mongo-errors.js';

export interface StoredInbound {
  readonly id: string;
  readonly event: InboundEvent;
  /** Failed attempts so far. */
  readonly attempts: number;
}

export interface Recorded {
  readonly id: string;
  readonly duplicate: boolean;
  /** The person's lane (`platform:userId`). */
  readonly lane: string;
  /** Still waiting to be handled (always true for a new row; a duplicate may be finished). */
  readonly open: boolean;
}

/**
 * How long a handled event stays in the hot collection by default: the de-duplication horizon.
 * WeCom retries within seconds, DingTalk Stream re-delivers after about a minute, and a replay
 * older than the signature window is refused before it gets here. After it the row moves to the
 * archive.
 */
export const DEFAULT_DEDUPE_HORIZON_MS = 10 * 60_000;

/** Rows moved to the archive per sweep at most (the sweep runs every minute). */
const ARCHIVE_BATCH = 2000;

/**
 * What the schema requires of a row, checked by hand because the insert skips mongoose documents
 * (see `record`): a failure is named ValidationError, which intake answers with 400.
 */
const checkStorable = (event: InboundEvent): void => {
  const missing = [
    PLATFORMS.includes(event.platform) ? '' : 'platform',
    event.dedupeKey ? '' : 'dedupeKey',
    event.userId ? '' : 'userId',
  ].filter(Boolean);
  if (missing.length > 0) {
    const e = new Error(`inbound event is missing ${missing.join(', ')}`);
    e.name = 'ValidationError';
    throw e;
  }
};

/** An open row as the lane read projects it. */
type LaneRow = { _id: Types.ObjectId; event: unknown; attempts?: number; receivedAt: Date };

/** The lane of one sender: their events are handled one at a time, in arrival order. */
export const inboundLane = (platform: InboundEvent['platform'], userId: string): string =>
  `${platform}:${userId}`;

/**
 * The inbound-event log: de-duplication (unique per platform event) and the work list of the
 * per-person drains, in one small collection. Every query is by `_id` or by equality on one
 * indexed top-level field (`lane`, `status`), and handled rows leave after the de-duplication
 * horizon, so the cost per message does not grow with history.
 */
export class InboundRepository {
  constructor(
    private readonly models: Models,
    private readonly clock: Clock,
    private readonly dedupeHorizonMs = DEFAULT_DEDUPE_HORIZON_MS,
  ) {}

  /**
   * Stores an event once (one insert). A second delivery of the same platform event is reported
   * as a duplicate, with whether it is still open (then its lane deserves another signal: the
   * first delivery may have been stored by a process that died before waking the lane).
   */
  async record(event: InboundEvent): Promise<Recorded> {
    const now = this.clock.now();
    const lane = inboundLane(event.platform, event.userId);
    checkStorable(event);
    try {
      // One insert through the driver: the event was validated by its receiver, and this is the
      // acknowledgement path (mongoose document construction costs more than the insert).
      const _id = new Types.ObjectId();
      await this.models.InboundEvent.collection.insertOne({
        _id,
        platform: event.platform,
        dedupeKey: event.dedupeKey,
        userId: event.userId,
        lane,
        event,
        status: 'received',
        attempts: 0,
        receivedAt: now,
        expiresAt: new Date(now.getTime() + INBOUND_RETENTION_DAYS * 86_400_000),
      });
      return { id: _id.toString(), duplicate: false, lane, open: true };
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      const existing = await this.models.InboundEvent.findOne(
        { platform: event.platform, dedupeKey: event.dedupeKey },
        { _id: 1, lane: 1 },
      ).lean();
      return { id: existing?._id.toString() ?? '', duplicate: true, lane, open: Boolean(existing?.lane) };
    }
  }

  /**
   * The open events of one lane, oldest first (equality on the indexed `lane`). Through the driver,
   * like the other per-message reads and writes here: mongoose's query building and casting cost
   * more CPU than the round trip, and these filters and updates need none of it.
   */
  async openInLane(lane: string): Promise<StoredInbound[]> {
    const rows = await this.models.InboundEvent.collection
      .find<LaneRow>(hotFilters.inboundLane(lane), { projection: { event: 1, attempts: 1, receivedAt: 1 } })
      .toArray();
    rows.sort(
      (a, b) =>
        a.receivedAt.getTime() - b.receivedAt.getTime() || a._id.toString().localeCompare(b._id.toString()),
    );
    return rows.map((r) => ({
      id: r._id.toString(),
      event: InboundEventSchema.parse(r.event),
      attempts: r.attempts ?? 0,
    }));
  }

  /** Handled: leaves its lane (and, after the de-duplication horizon, the collection). */
  async markDone(id: string): Promise<void> {
    await this.models.InboundEvent.collection.updateOne(hotFilters.inboundById(id), {
      $set: { status: 'done', processedAt: this.clock.now() },
      $unset: { lane: 1, lastError: 1 },
    });
  }

  /**
   * Moves events handled longer ago than the de-duplication horizon to the archive (insert there,
   * then delete here; a crash in between leaves a row in both, which the archive tolerates).
   * Returns how many moved.
   */
  async archiveFinished(): Promise<number> {
    const cutoff = this.clock.now().getTime() - this.dedupeHorizonMs;
    const done = await this.models.InboundEvent.find(hotFilters.inboundDone()).lean();
    const old = done.filter((r) => (r.processedAt?.getTime() ?? 0) < cutoff).slice(0, ARCHIVE_BATCH);
    if (old.length === 0) return 0;
    const archived = old.map((r) => ({
      ...r,
      expiresAt: new Date(r.receivedAt.getTime() + INBOUND_ARCHIVE_DAYS * 86_400_000),
    }));
    await insertIgnoringDuplicates(this.models.InboundArchive.collection, archived);
    await this.models.InboundEvent.deleteMany({ _id: { $in: old.map((r) => r._id) } });
    return old.length;
  }

  /** A failed attempt: stays open (retried) unless `final`, which makes it dead. */
  async markFailed(id: string, error: string, final = false): Promise<void> {
    const now = this.clock.now();
    await this.models.InboundEvent.updateOne(
      hotFilters.inboundById(id),
      final
        ? {
            $set: { status: 'dead', lastError: error.slice(0, 500), processedAt: now },
            $unset: { lane: 1 },
            $inc: { attempts: 1 },
          }
        : { $set: { lastError: error.slice(0, 500), processedAt: now }, $inc: { attempts: 1 } },
    );
  }

  /**
   * Lanes with an event stored more than `olderThanMs` ago and still open: their wake-up call may
   * have been lost (Redis away, a process died). Equality on the indexed `status`.
   */
  async lanesToRelay(olderThanMs: number): Promise<string[]> {
    const cutoff = this.clock.now().getTime() - olderThanMs;
    const rows = await this.models.InboundEvent.find(
      { status: 'received' },
      { lane: 1, receivedAt: 1 },
    ).lean();
    return [
      ...new Set(rows.filter((r) => r.receivedAt.getTime() < cutoff && r.lane).map((r) => r.lane ?? '')),
    ];
  }

  /** For tests and tools: the stored events of one platform user, oldest first. */
  async listByUser(platform: InboundEvent['platform'], userId: string): Promise<InboundEvent[]> {
    const rows = await this.models.InboundEvent.find({ platform, userId }).sort({ receivedAt: 1 }).lean();
    return rows.map((r) => InboundEventSchema.parse(r.event));
  }

  async get(id: string): Promise<{ status: string; attempts: number } | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const row = await this.models.InboundEvent.findById(id, { status: 1, attempts: 1 }).lean();
    return row ? { status: row.status, attempts: row.attempts ?? 0 } : null;
  }

  async count(filter: { platform?: InboundEvent['platform']; status?: string } = {}): Promise<number> {
    return this.models.InboundEvent.countDocuments(filter);
  }
}
