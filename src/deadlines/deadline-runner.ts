import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { MessageBatch } from '../outbound/message-batch.js';
import type { OutboundService } from '../outbound/outbound.service.js';
import type { PeopleRepository } from '../persistence/repositories/people.repository.js';
import type { Platform } from '../platforms/inbound-event.js';
import { JobName, QueueName } from '../queue/job-names.js';
import type { Queues } from '../queue/queues.js';
import type { DueRef } from './deadline-kind.js';
import type { DeadlineRegistry } from './deadline-registry.js';

/** At most this many items per kind per sweep; the rest wait one sweep interval. */
const SWEEP_LIMIT = 500;

/** Retries of one step's job (the run-deadline definition's options, which Queues.add applies). */
export const RUN_DEADLINE_JOB_OPTS = { attempts: 5, backoff: { type: 'exponential', delay: 2000 } } as const;

/** Job id of one step: deterministic, so a second sweep (or a second scheduler) adds nothing. */
export const deadlineJobId = (kind: string, ref: DueRef): string =>
  `dl-${kind}-${ref.id}-${ref.dueAt.getTime()}`;

export type RunOutcome = 'sent' | 'held' | 'gone' | 'unknown-kind';

/**
 * Sweeps deadline kinds and runs one item: the generic half of "deadlines live in MongoDB,
 * BullMQ wakes them". A lost job costs one sweep interval: the item is still due in Mongo.
 */
export class DeadlineRunner {
  constructor(
    private readonly registry: DeadlineRegistry,
    private readonly queues: Queues,
    private readonly people: PeopleRepository,
    private readonly outbound: OutboundService,
    private readonly platforms: readonly Platform[],
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Queues one job per due item of every kind; returns how many items were due. */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    let due = 0;
    for (const kind of this.registry.all()) {
      const refs = await kind.findDue(now, SWEEP_LIMIT);
      due += refs.length;
      for (const ref of refs) await this.queueStep(kind.name, ref);
    }
    if (due > 0) this.logger.info({ due }, 'deadlines due');
    return due;
  }

  /** One job for one step under its deterministic id; a job that used up its attempts is retried. */
  private async queueStep(
    kind: string,
    ref: DueRef,
    queue = this.queues.queue(QueueName.Timers),
  ): Promise<void> {
    const jobId = deadlineJobId(kind, ref);
    await this.queues.add(
      JobName.RunDeadline,
      { kind, itemId: ref.id, dueAt: ref.dueAt.getTime() },
      { ...RUN_DEADLINE_JOB_OPTS, jobId },
    );
    // A job that used up its attempts keeps its id; the item is still due, so try again.
    const job = await queue.getJob(jobId);
    if (job && (await job.isFailed())) await job.retry('failed');
  }

  /** Claims one step and, when this run owns it, stores its messages in the outbox. */
  async run(kindName: string, ref: DueRef): Promise<RunOutcome> {
    const kind = this.registry.get(kindName);
    if (!kind) return 'unknown-kind';
    const now = this.clock.now();
    const r = await kind.claim(ref, now);
    if (r.outcome === 'gone') return 'gone';
    if (r.outcome === 'held') {
      this.logger.info({ kind: kindName, itemId: ref.id, until: r.until }, 'deadline held for a shift');
      return 'held';
    }
    const batch = new MessageBatch(deadlineJobId(kindName, ref), this.people, this.platforms);
    await kind.notify(r.step, batch, now);
    await batch.flush(this.outbound);
    // A clock that jumped (a restart after hours, the dev clock) may have made the next step due
    // already: queue it now rather than one sweep per step.
    if (r.next && r.next.getTime() <= now.getTime())
      await this.queueStep(kindName, { id: ref.id, dueAt: r.next });
    return 'sent';
  }
}
