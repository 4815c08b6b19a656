import { DelayedError } from 'bullmq';
import { z } from 'zod';
import { runPipeline } from '../handlers/pipeline.js';
import type { AppDeps } from '../src/app/deps.js';
import { defineJob, JobStatus } from '../src/queue/job-definition.js';
import { JobName } from '../src/queue/job-names.js';

const ATTEMPTS = 8;
/** How long an event waits for an earlier one from the same person before looking again. */
const ORDER_WAIT_MS = 250;

/**
 * Processes one stored inbound event. Events of one person run one at a time and in arrival
 * order (a per-account lock plus "no earlier unfinished event"); the row is claimed first, so a
 * duplicate or stale job is skipped; replies go to the outbox with keys derived from the event,
 * so a retry after a crash sends nothing twice. An event that exhausts its attempts is marked
 * dead and the person is told, so it cannot block their later messages.
 */
export const processInboundJob = defineJob<typeof JobName.ProcessInbound, AppDeps>({
  name: JobName.ProcessInbound,
  schema: z.object({ inboundId: z.string() }),
  opts: { attempts: ATTEMPTS, backoff: { type: 'exponential', delay: 1000 } },
  async handle({ inboundId }, { deps, job, token, logger }) {
    const sender = await deps.repos.inbound.turnOf(inboundId);
    if (!sender) return JobStatus.Skipped;
    const waitTurn = async () => {
      await job.moveToDelayed(Date.now() + ORDER_WAIT_MS, token);
      throw new DelayedError();
    };
    if (sender.mustWait) return waitTurn();
    const release = await deps.userLocks.tryAcquire(`${sender.platform}:${sender.userId}`);
    if (!release) return waitTurn();
    try {
      const stored = await deps.repos.inbound.claim(inboundId);
      if (!stored) return JobStatus.Skipped;
      try {
        const handler = await runPipeline(deps, stored);
        await deps.repos.inbound.markDone(inboundId);
        logger.info({ inboundId, handler, kind: stored.event.kind }, 'inbound processed');
        return JobStatus.Success;
      } catch (e) {
        const final = job.attemptsMade + 1 >= (job.opts.attempts ?? ATTEMPTS);
        await deps.repos.inbound
          .markFailed(inboundId, e instanceof Error ? e.message : String(e), final)
          .catch(() => {});
        if (final) {
          await deps.outbound
            .enqueue([
              {
                key: `in-${inboundId}:failed`,
                to: { platform: sender.platform, userId: sender.userId },
                message: {
                  type: 'text',
                  text: '抱歉，处理您的消息时出现了问题，请稍后重新发送，或直接联系商场前台。',
                },
              },
            ])
            .catch(() => {});
        }
        throw e;
      }
    } finally {
      await release();
    }
  },
});
