import { z } from 'zod';
import type { AppDeps } from '../src/app/deps.js';
import { deadlineJobId, RUN_DEADLINE_JOB_OPTS } from '../src/deadlines/deadline-runner.js';
import { asAppError } from '../src/lib/errors.js';
import { defineJob, isLastAttempt, JobStatus } from '../src/queue/job-definition.js';
import { JobName } from '../src/queue/job-names.js';
import { UNRECOVERABLE_CODES } from '../src/queue/worker-runner.js';

/**
 * One due step of one item: claim it with a conditional update, then store its messages in the
 * outbox under keys derived from the step. A retry, a duplicate job or a rerun after a worker
 * died mid-job sends nothing twice.
 */
export const runDeadlineJob = defineJob<typeof JobName.RunDeadline, AppDeps>({
  name: JobName.RunDeadline,
  schema: z.object({ kind: z.string().min(1), itemId: z.string().min(1), dueAt: z.number().int() }),
  opts: RUN_DEADLINE_JOB_OPTS,
  async handle({ kind, itemId, dueAt }, { deps, job, logger }) {
    await deps.devClock?.refresh();
    const ref = { id: itemId, dueAt: new Date(dueAt) };
    try {
      const outcome = await deps.timers.deadlines.run(kind, ref);
      logger.debug({ kind, itemId, outcome }, 'deadline step');
      return outcome === 'sent' ? JobStatus.Success : JobStatus.Skipped;
    } catch (e) {
      const err = asAppError(e);
      // The last attempt (or one no retry can fix): recorded and told to the manager, once per step.
      if (isLastAttempt(job) || UNRECOVERABLE_CODES.has(err.code)) {
        const step = deps.timers.failures.stepOf(deadlineJobId(kind, ref));
        if (step) await deps.timers.failures.jobFailed(step, err.message).catch(() => false);
      }
      throw e;
    }
  },
});
