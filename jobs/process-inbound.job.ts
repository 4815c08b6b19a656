import { z } from 'zod';
import { runPipeline } from '../handlers/pipeline.js';
import type { AppDeps } from '../src/app/deps.js';
import { defineJob, JobStatus } from '../src/queue/job-definition.js';
import { JobName } from '../src/queue/job-names.js';

/**
 * Processes one stored inbound event. The row is claimed first (a duplicate or stale job finds
 * nothing to claim and is skipped); replies are stored in the outbox with keys derived from the
 * event, so a retry after a crash sends nothing twice.
 */
export const processInboundJob = defineJob<typeof JobName.ProcessInbound, AppDeps>({
  name: JobName.ProcessInbound,
  schema: z.object({ inboundId: z.string() }),
  opts: { attempts: 8, backoff: { type: 'exponential', delay: 1000 } },
  async handle({ inboundId }, { deps, logger }) {
    const stored = await deps.repos.inbound.claim(inboundId);
    if (!stored) return JobStatus.Skipped;
    try {
      const handler = await runPipeline(deps, stored);
      await deps.repos.inbound.markDone(inboundId);
      logger.info({ inboundId, handler, kind: stored.event.kind }, 'inbound processed');
      return JobStatus.Success;
    } catch (e) {
      await deps.repos.inbound
        .markFailed(inboundId, e instanceof Error ? e.message : String(e))
        .catch(() => {});
      throw e;
    }
  },
});
