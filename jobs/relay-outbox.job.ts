import { z } from 'zod';
import type { AppDeps } from '../src/app/deps.js';
import { inboundJobId } from '../src/inbound/intake.js';
import { defineJob, JobStatus } from '../src/queue/job-definition.js';
import { JobName } from '../src/queue/job-names.js';

/** How long a stored row may wait before the relay assumes its wake-up call was lost. */
const GRACE_MS = 10_000;

/**
 * The safety net behind "acknowledge only what is stored": re-enqueues inbound events and outbox
 * rows that are stored but not done (Redis was away, a process died). Job ids are the row ids,
 * so a row that is already queued is not queued twice, and handlers skip rows already done.
 */
export const relayOutboxJob = defineJob<typeof JobName.RelayOutbox, AppDeps>({
  name: JobName.RelayOutbox,
  schema: z.object({}).strict(),
  repeat: { every: 15_000 },
  opts: { attempts: 1 },
  async handle(_data, { deps, logger }) {
    const inbound = await deps.repos.inbound.findToRelay(GRACE_MS);
    for (const id of inbound) {
      await deps.queues.add(JobName.ProcessInbound, { inboundId: id }, { jobId: inboundJobId(id) });
    }
    const outbox = await deps.repos.outbox.findToRelay(GRACE_MS);
    if (outbox.length > 0) {
      await deps.outbound.wake(outbox);
      await deps.outbound.revive(outbox);
    }
    if (inbound.length + outbox.length > 0)
      logger.info({ inbound: inbound.length, outbox: outbox.length }, 'relayed');
    return inbound.length + outbox.length > 0 ? JobStatus.Success : JobStatus.Skipped;
  },
});
