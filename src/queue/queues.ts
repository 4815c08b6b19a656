import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../lib/logger.js';
import { JOB_QUEUE, type JobName, type JobOf, QueueName } from './job-names.js';

/** Bounded retention: finished jobs do not pile up in Redis. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
};

/** The producer side of every queue, typed by job name. */
export class Queues {
  private readonly queues: Record<QueueName, Queue>;
  /** Each job's own options (JobDefinition.opts), applied under the options of each add. */
  private readonly jobOptions = new Map<string, JobsOptions>();

  constructor(
    connection: Redis,
    readonly prefix: string,
    logger: Logger,
  ) {
    const make = (name: QueueName) => {
      const q = new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      q.on('error', (err) => logger.warn({ queue: name, err: err.message }, 'queue error'));
      return q;
    };
    this.queues = {
      [QueueName.Inbound]: make(QueueName.Inbound),
      [QueueName.Outbound]: make(QueueName.Outbound),
      [QueueName.Timers]: make(QueueName.Timers),
    };
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  /**
   * Registers every job definition's own options (retries, backoff): `add` applies them under
   * the caller's options, over the queue defaults. Called once at boot with the job registry.
   */
  useJobOptions(definitions: readonly { readonly name: string; readonly opts?: JobsOptions }[]): this {
    for (const d of definitions) if (d.opts) this.jobOptions.set(d.name, d.opts);
    return this;
  }

  /** The options a job of `name` is added with (the definition's, then the caller's). */
  optionsFor(name: JobName, opts: JobsOptions): JobsOptions {
    return { ...this.jobOptions.get(name), ...opts };
  }

  /** Adds a job; `jobId` makes it idempotent (a second add with the same id is a no-op). */
  add<N extends JobName>(name: N, data: JobOf<N>, opts: JobsOptions & { jobId: string }): Promise<unknown> {
    return this.queues[JOB_QUEUE[name]].add(name, data, this.optionsFor(name, opts));
  }

  async close(): Promise<void> {
    await Promise.allSettled(Object.values(this.queues).map((q) => q.close()));
  }
}
