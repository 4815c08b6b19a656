import { z } from 'zod';
import type { AppDeps } from '../src/app/deps.js';
import { defineJob, JobStatus } from '../src/queue/job-definition.js';
import { JobName } from '../src/queue/job-names.js';

/** How long a stored row may wait before the relay assumes its wake-up call was lost. */
export const RELAY_GRACE_MS = 10_000;

/**
 * The safety net behind "acknowledge only what is stored": wakes the lanes of inbound events and
 * outbox rows that are stored but still open after a grace period (Redis was away, a process
 * died, a drain job exhausted its retries). Waking is idempotent: a lane already draining only
 * looks again, and a lane with a drain job waiting gets no second one.
 */
export const relayOutboxJob = defineJob<typeof JobName.RelayOutbox, AppDeps>({
  name: JobName.RelayOutbox,
  schema: z.object({}).strict(),
  repeat: { every: 15_000 },
  opts: { attempts: 1 },
  async handle(_data, { deps, logger }) {
    const inbound = await deps.repos.inbound.lanesToRelay(RELAY_GRACE_MS);
    for (const lane of inbound) await deps.lanes.inbound.wake(lane);
    const outbox = await deps.repos.outbox.lanesToRelay(RELAY_GRACE_MS);
    if (outbox.length > 0) await deps.outbound.wakeLanes(outbox);
    if (inbound.length + outbox.length > 0)
      logger.info({ inbound: inbound.length, outbox: outbox.length }, 'relayed');
    return inbound.length + outbox.length > 0 ? JobStatus.Success : JobStatus.Skipped;
  },
});
