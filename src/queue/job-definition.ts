import type { Job, JobsOptions } from 'bullmq';
import type { z } from 'zod';
import type { Config } from '../config/env.js';
import type { Logger } from '../lib/logger.js';
import type { JobName, JobOf } from './job-names.js';

/** What a handler says happened; thrown errors mean "retry" unless unrecoverable. */
export const JobStatus = { Success: 'success', Skipped: 'skipped' } as const;
export type JobStatus = (typeof JobStatus)[keyof typeof JobStatus];

export interface JobRunContext<D> {
  readonly deps: D;
  readonly job: Job;
  /** Lock token of this attempt (needed to move the job to delayed from inside the handler). */
  readonly token: string | undefined;
  readonly logger: Logger;
}

export interface Repeat {
  /** Cron pattern evaluated in the business time zone (a function reads it from the config). */
  readonly pattern?: string | ((config: Config) => string);
  /** Or a fixed interval in ms. */
  readonly every?: number;
}

/**
 * One job: its name, payload schema, options and handler. Handlers re-read state and must be
 * idempotent: a retried or duplicated job does no harm.
 */
export interface JobDefinition<N extends JobName, D> {
  readonly name: N;
  readonly schema: z.ZodType<JobOf<N>>;
  readonly opts?: JobsOptions;
  /** Present for jobs the scheduler role runs on a timetable. */
  readonly repeat?: Repeat;
  handle(data: JobOf<N>, ctx: JobRunContext<D>): Promise<JobStatus>;
}

/** Any definition, for registries (the payload type is checked where each is defined). */
// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous registry; each entry is typed where defined
export type AnyJobDefinition<D> = JobDefinition<any, D>;

export const defineJob = <N extends JobName, D>(def: JobDefinition<N, D>): JobDefinition<N, D> => def;

/** True when a failure of this attempt fails the job for good (no retry follows). */
export const isLastAttempt = (job: Job): boolean => job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
