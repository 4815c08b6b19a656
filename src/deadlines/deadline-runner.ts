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

/** Retries of one step's job (JobDefinition.opts are not applied by Queues.add, so they travel here). */
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
    const queue = this.queues.queue(QueueName.Timers);
    let due = 0;
    for (const kind of this.registry.all()) {
      const refs = await kind.findDue(now, SWEEP_LIMIT);
      due += refs.length;
      for (const ref of refs) {
        const jobId = deadlineJobId(kind.name, ref);
        await this.queues.add(
          JobName.RunDeadline,
          { kind: kind.name, itemId: ref.id, dueAt: ref.dueAt.getTime() },
          { ...RUN_DEADLINE_JOB_OPTS, jobId },
        );
        // A job that used up its attempts keeps its id; the item is still due, so try again.
        const job = await queue.getJob(jobId);
        if (job && (await job.isFailed())) await job.retry('failed');
      }
    }
    if (due > 0) this.logger.info({ due }, 'deadlines due');
    return due;
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
    return 'sent';
  }
}
