import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { AppErrorCode, asAppError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { AnyJobDefinition } from './job-definition.js';
import { JOB_QUEUE, JobName, type QueueName } from './job-names.js';

/** Codes that no retry can fix: fail the job at once (drains give up the one row instead). */
export const UNRECOVERABLE_CODES: ReadonlySet<string> = new Set<string>([
  AppErrorCode.PLATFORM_REJECTED,
  AppErrorCode.VALIDATION_FAILED,
  AppErrorCode.CONFIG_INVALID,
  AppErrorCode.NOT_FOUND,
]);

/** Boot check (immich style): every job name has exactly one definition. */
export const checkDefinitions = <D>(
  defs: readonly AnyJobDefinition<D>[],
): Map<string, AnyJobDefinition<D>> => {
  const byName = new Map<string, AnyJobDefinition<D>>();
  for (const d of defs) {
    if (byName.has(d.name)) throw new Error(`job ${d.name} is defined twice`);
    byName.set(d.name, d);
  }
  const missing = Object.values(JobName).filter((n) => !byName.has(n));
  if (missing.length > 0) throw new Error(`jobs without a definition: ${missing.join(', ')}`);
  return byName;
};

/**
 * A job whose worker died (killed, or cut off while Redis was away) holds its lane until BullMQ
 * notices its lock has lapsed and runs it again. BullMQ renews a live job's lock every half
 * lockDuration, so short values only shorten how long a dead one blocks: about 15 s instead of up
 * to 60 s with the defaults (30 s lock, 30 s check). Redis outages cause stalls too, hence more
 * than one stall before a job fails.
 */
const STALL_DETECTION = { lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 5 } as const;

export interface WorkerRunnerOptions<D> {
  readonly deps: D;
  readonly definitions: readonly AnyJobDefinition<D>[];
  readonly connection: Redis;
  readonly prefix: string;
  readonly logger: Logger;
  readonly concurrency?: Partial<Record<QueueName, number>>;
}

/** One BullMQ Worker per queue, dispatching by job name to the definitions. */
export const startWorkers = <D>(opts: WorkerRunnerOptions<D>): Worker[] => {
  const defs = checkDefinitions(opts.definitions);
  const queues = [...new Set(Object.values(JOB_QUEUE))];
  return queues.map((queueName) => {
    const processor = async (job: Job, token?: string) => {
      const def = defs.get(job.name);
      if (!def || JOB_QUEUE[def.name as JobName] !== queueName) {
        throw new UnrecoverableError(`no handler for job ${job.name} on queue ${queueName}`);
      }
      const log = opts.logger.child({ job: job.name, jobId: job.id, attempt: job.attemptsMade + 1 });
      const parsed = def.schema.safeParse(job.data);
      if (!parsed.success)
        throw new UnrecoverableError(`bad payload for ${job.name}: ${parsed.error.message}`);
      try {
        const status = await def.handle(parsed.data, { deps: opts.deps, job, token, logger: log });
        log.debug({ status }, 'job finished');
        return status;
      } catch (e) {
        if (e instanceof DelayedError || e instanceof UnrecoverableError) throw e;
        const err = asAppError(e);
        if (UNRECOVERABLE_CODES.has(err.code)) {
          log.error({ code: err.code, reason: err.reason, err: err.message }, 'job failed permanently');
          throw new UnrecoverableError(err.message);
        }
        log.warn(
          {
            code: err.code,
            reason: err.reason,
            err: err.message,
            ...(err.code === AppErrorCode.UNKNOWN ? { stack: err.stack } : {}),
          },
          'job failed; will retry',
        );
        throw e;
      }
    };
    const worker = new Worker(queueName, processor, {
      connection: opts.connection,
      prefix: opts.prefix,
      concurrency: opts.concurrency?.[queueName] ?? 4,
      autorun: true,
      ...STALL_DETECTION,
    });
    worker.on('error', (err) => opts.logger.warn({ queue: queueName, err: err.message }, 'worker error'));
    worker.on('failed', (job, err) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        opts.logger.error(
          { queue: queueName, job: job.name, jobId: job.id, err: err.message },
          'job exhausted its attempts',
        );
      }
    });
    return worker;
  });
};
