import { z } from 'zod';
import type { AppDeps } from '../src/app/deps.js';
import { defineJob, JobStatus } from '../src/queue/job-definition.js';
import { JobName } from '../src/queue/job-names.js';

/**
 * Keeps the hot collections small: moves handled inbound events and sent messages past their
 * de-duplication horizon to the archives, and enforces TTL indexes the server could not create
 * (FerretDB 1.x has none; a no-op on MongoDB, where the TTL monitor does it).
 */
export const sweepExpiredJob = defineJob<typeof JobName.SweepExpired, AppDeps>({
  name: JobName.SweepExpired,
  schema: z.object({}).strict(),
  repeat: { every: 60_000 },
  opts: { attempts: 1 },
  async handle(_data, { deps, logger }) {
    const moved = (await deps.repos.inbound.archiveFinished()) + (await deps.repos.outbox.archiveSent());
    const removed = deps.db.ttlFallbacks.length > 0 ? await deps.db.sweepExpired(deps.clock.now()) : 0;
    if (moved + removed > 0) logger.info({ moved, removed }, 'hot collections swept');
    return moved + removed > 0 ? JobStatus.Success : JobStatus.Skipped;
  },
});
