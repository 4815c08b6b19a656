import { z } from 'zod';
import type { AppDeps } from '../src/app/deps.js';
import { SEND_DIGEST_JOB_OPTS } from '../src/digests/digest-runner.js';
import { defineJob, JobStatus } from '../src/queue/job-definition.js';
import { JobName } from '../src/queue/job-names.js';

/**
 * One digest for one period (job id `digest-<name>-<period>`): computed by aggregation, stored in
 * the outbox for each recipient, posted to the configured groups. Retries back off
 * exponentially; the last attempt records a group failure instead of throwing.
 */
export const sendDigestJob = defineJob<typeof JobName.SendDigest, AppDeps>({
  name: JobName.SendDigest,
  schema: z.object({ digest: z.string().min(1), period: z.string().min(1) }),
  opts: SEND_DIGEST_JOB_OPTS,
  async handle({ digest, period }, { deps, job }) {
    await deps.devClock?.refresh();
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? SEND_DIGEST_JOB_OPTS.attempts);
    const r = await deps.timers.digests.run(digest, period, final);
    return r === 'done' ? JobStatus.Success : JobStatus.Skipped;
  },
});
