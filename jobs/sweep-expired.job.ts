import { z } from 'zod';
import type { AppDeps } from '../src/app/deps.js';
import { defineJob, JobStatus } from '../src/queue/job-definition.js';
import { JobName } from '../src/queue/job-names.js';

/** Enforces TTL indexes the server could not create (FerretDB 1.x has none); a no-op on MongoDB. */
export const sweepExpiredJob = defineJob<typeof JobName.SweepExpired, AppDeps>({
  name: JobName.SweepExpired,
  schema: z.object({}).strict(),
  repeat: { every: 60_000 },
  opts: { attempts: 1 },
  async handle(_data, { deps, logger }) {
    if (deps.db.ttlFallbacks.length === 0) return JobStatus.Skipped;
    const removed = await deps.db.sweepExpired(deps.clock.now());
    if (removed > 0) logger.info({ removed }, 'expired rows removed');
    return JobStatus.Success;
  },
});
