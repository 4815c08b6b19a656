import type { Logger } from '../lib/logger.js';
import { withTimeout } from '../lib/with-timeout.js';
import {
  type NewOutbox,
  type OutboxRepository,
  recipientLane,
} from '../persistence/repositories/outbox.repository.js';
import type { LaneQueue } from '../queue/lane-queue.js';

/** A row whose sends failed this many times is given up on (marked failed, for a human to see). */
export const MAX_SEND_ATTEMPTS = 30;

/** How many row ids this process remembers the lane of (rows it stored itself, waiting to be woken). */
const LANE_MEMORY = 10_000;

/**
 * Queues messages for sending: stored in the outbox first (the commit point, one insert for a
 * batch), then the recipients' lanes are woken. Each recipient has one drain that sends their
 * messages in the order stored; if Redis is away the relay wakes the lanes later.
 */
export class OutboundService {
  private readonly laneById = new Map<string, string>();

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly lanes: LaneQueue,
    private readonly logger: Logger,
  ) {}

  async enqueue(items: readonly NewOutbox[]): Promise<string[]> {
    const ids = await this.store(items);
    await this.wake(ids);
    return ids;
  }

  /** Stores rows only (the caller wakes them after committing its own state). */
  async store(items: readonly NewOutbox[]): Promise<string[]> {
    if (items.length === 0) return [];
    const ids = await this.outbox.addMany(items);
    ids.forEach((id, i) => {
      const item = items[i];
      if (item) this.remember(id, recipientLane(item.to));
    });
    return ids;
  }

  /** Wakes the lanes of stored rows (idempotent: a lane already draining just looks again). */
  async wake(ids: readonly string[]): Promise<void> {
    await this.wakeExcept(ids, () => false);
  }

  /**
   * Wakes the lanes of stored rows except those `keep` selects, which are returned for the caller
   * to deliver itself (OutboxDelivery.deliverNow). When Redis or the store fails, nothing is
   * returned and the relay wakes the lanes later.
   */
  async wakeExcept(ids: readonly string[], keep: (lane: string) => boolean): Promise<string[]> {
    if (ids.length === 0) return [];
    try {
      const lanes = new Set<string>();
      for (const id of ids) {
        const lane = this.laneById.get(id) ?? (await this.outbox.laneOf(id));
        this.laneById.delete(id);
        if (lane) lanes.add(lane);
      }
      const kept = [...lanes].filter(keep);
      await this.wakeLanes([...lanes].filter((l) => !kept.includes(l)));
      return kept;
    } catch (e) {
      this.logger.warn(
        { count: ids.length, err: e instanceof Error ? e.message : String(e) },
        'outbox rows not enqueued; the relay will',
      );
      return [];
    }
  }

  /** Wakes recipients' lanes (one deduplicated job add each). */
  async wakeLanes(lanes: readonly string[]): Promise<void> {
    if (lanes.length === 0) return;
    await withTimeout(Promise.all(lanes.map((lane) => this.lanes.wake(lane))), 3000, 'enqueue timed out');
  }

  private remember(id: string, lane: string): void {
    if (this.laneById.size >= LANE_MEMORY) {
      const oldest = this.laneById.keys().next().value;
      if (oldest !== undefined) this.laneById.delete(oldest);
    }
    this.laneById.set(id, lane);
  }
}
