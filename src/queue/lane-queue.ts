import type { JobName } from './job-names.js';
import type { Lanes } from './lanes.js';
import type { Queues } from './queues.js';

/** How long one drain job keeps going on a busy lane before handing it to a fresh job. */
export const DRAIN_BUDGET_MS = 5000;

/**
 * How long BullMQ remembers that a lane has a drain job waiting. A drain removes the mark when it
 * starts; the TTL only matters if a job vanished (Redis lost it): then wake-ups work again after it.
 */
const WAITING_MARK_TTL_MS = 60_000;

/** The jobs that drain a lane; their payload is the lane key. */
export type LaneJobName = typeof JobName.ProcessInbound | typeof JobName.DeliverOutbox;

/**
 * Wakes lanes with one BullMQ add, deduplicated per lane while a drain job waits (so a burst from
 * one person queues one job). A drain removes that mark when it takes the lane, before it reads
 * the store: anything stored after that adds a new job, which either finds the lane idle or tells
 * the running owner to look again (Lanes.start). Used by intake (a new event), the outbox (new
 * messages) and the relay (work whose wake-up was lost).
 */
export class LaneQueue {
  constructor(
    readonly lanes: Lanes,
    private readonly queues: Queues,
    private readonly jobName: LaneJobName,
  ) {}

  async wake(lane: string): Promise<void> {
    await this.queues.add(
      this.jobName,
      { lane },
      {
        jobId: this.lanes.newJobId(lane),
        deduplication: { id: this.lanes.markOf(lane), ttl: WAITING_MARK_TTL_MS },
      },
    );
  }

  /**
   * The owner gives a still-busy lane to a new drain job: it releases the lane and wakes it again
   * (the work is in the store either way).
   */
  async handOff(lane: string, owner: string): Promise<void> {
    await this.lanes.release(lane, owner);
    await this.wake(lane);
  }
}
