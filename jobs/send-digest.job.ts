import { z } from 'zod';
import type { AppDeps } from '../src/app/deps.js';
import { defineJob, JobStatus } from '../src/queue/job-definition.js';
import { JobName } from '../src/queue/job-names.js';

const ATTEMPTS = 6;

/**
 * One digest for one period (job id `digest-<name>-<period>`): computed by aggregation, stored in
 * the outbox for each recipient, posted to the configured groups. Retries back off
 * exponentially; the last attempt records a group failure instead of throwing.
 */
export const sendDigestJob = defineJob<typeof JobName.SendDigest, AppDeps>({
  name: JobName.SendDigest,
  schema: z.object({ digest: z.string().min(1), period: z.string().min(1) }),
  opts: { attempts: ATTEMPTS, backoff: { type: 'exponential', delay: 5000 } },
  async handle({ digest, period }, { deps, job }) {
    await deps.devClock?.refresh();
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? ATTEMPTS);
    const r = await deps.timers.digests.run(digest, period, final);
    return r === 'done' ? JobStatus.Success : JobStatus.Skipped;
  },
});
