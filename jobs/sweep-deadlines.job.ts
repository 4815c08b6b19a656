import { z } from 'zod';
import type { AppDeps } from '../src/app/deps.js';
import { defineJob, JobStatus } from '../src/queue/job-definition.js';
import { JobName } from '../src/queue/job-names.js';

/**
 * The one recurring timer of the time-driven half: every minute (DEADLINE_SWEEP_PATTERN, in the
 * business zone) it finds deadlines that fell due and digest periods that ended, and queues one
 * job each under a deterministic id. Running it twice, or on several schedulers, adds nothing.
 */
export const sweepDeadlinesJob = defineJob<typeof JobName.SweepDeadlines, AppDeps>({
  name: JobName.SweepDeadlines,
  schema: z.object({}).strict(),
  repeat: { pattern: (config) => config.timers.sweepPattern },
  opts: { attempts: 1 },
  async handle(_data, { deps }) {
    await deps.devClock?.refresh();
    const due = await deps.timers.deadlines.sweep();
    const digests = await deps.timers.digests.sweep();
    return due + digests > 0 ? JobStatus.Success : JobStatus.Skipped;
  },
});
