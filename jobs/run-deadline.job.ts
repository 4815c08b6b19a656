import { z } from 'zod';
import type { AppDeps } from '../src/app/deps.js';
import { RUN_DEADLINE_JOB_OPTS } from '../src/deadlines/deadline-runner.js';
import { defineJob, JobStatus } from '../src/queue/job-definition.js';
import { JobName } from '../src/queue/job-names.js';

/**
 * One due step of one item: claim it with a conditional update, then store its messages in the
 * outbox under keys derived from the step. A retry, a duplicate job or a rerun after a worker
 * died mid-job sends nothing twice.
 */
export const runDeadlineJob = defineJob<typeof JobName.RunDeadline, AppDeps>({
  name: JobName.RunDeadline,
  schema: z.object({ kind: z.string().min(1), itemId: z.string().min(1), dueAt: z.number().int() }),
  opts: RUN_DEADLINE_JOB_OPTS,
  async handle({ kind, itemId, dueAt }, { deps, logger }) {
    await deps.devClock?.refresh();
    const outcome = await deps.timers.deadlines.run(kind, { id: itemId, dueAt: new Date(dueAt) });
    logger.debug({ kind, itemId, outcome }, 'deadline step');
    return outcome === 'sent' ? JobStatus.Success : JobStatus.Skipped;
  },
});
