import type { JobName } from './job-names.js';
import type { Lanes } from './lanes.js';
import type { Queues } from './queues.js';

/** How long one drain job keeps going on a busy lane before handing it to a fresh job. */
export const DRAIN_BUDGET_MS = 5000;

/** The jobs that drain a lane; their payload is the lane key. */
export type LaneJobName = typeof JobName.ProcessInbound | typeof JobName.DeliverOutbox;

/**
 * Wakes lanes: signals a lane and, when it was idle, adds its one drain job. Used by intake (a new
 * event), the outbox (new messages) and the relay (work whose signal was lost).
 */
export class LaneQueue {
  constructor(
    readonly lanes: Lanes,
    private readonly queues: Queues,
    private readonly jobName: LaneJobName,
  ) {}

  /**
   * The owner gives a still-busy lane to a new drain job: it releases the lane and signals it
   * again (whoever signals first schedules the next drain; the work is in the store either way).
   */
  async handOff(lane: string, owner: string): Promise<void> {
    await this.lanes.release(lane, owner);
    await this.wake(lane, Date.now());
  }

  /** True when a drain job was added (the lane was idle, or stuck and re-issued). */
  async wake(lane: string, nowMs: number, reissueAfterMs = 0): Promise<boolean> {
    const jobId = await this.lanes.signal(lane, nowMs, reissueAfterMs);
    if (!jobId) return false;
    await this.queues.add(this.jobName, { lane }, { jobId });
    return true;
  }
}
