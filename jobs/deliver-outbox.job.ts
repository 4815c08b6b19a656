import { DelayedError } from 'bullmq';
import { z } from 'zod';
import type { AppDeps } from '../src/app/deps.js';
import { AppError, AppErrorCode, asAppError } from '../src/lib/errors.js';
import { defineJob, JobStatus } from '../src/queue/job-definition.js';
import { JobName } from '../src/queue/job-names.js';

/**
 * Sends one outbox row. Idempotent: a row that is no longer pending is skipped, and the row is
 * marked sent in one conditional update. WeCom's 30 messages/min/member limit is honoured by
 * waiting (the job moves to delayed), never by letting WeCom drop the message.
 */
export const deliverOutboxJob = defineJob<typeof JobName.DeliverOutbox, AppDeps>({
  name: JobName.DeliverOutbox,
  schema: z.object({ outboxId: z.string() }),
  opts: { attempts: 10, backoff: { type: 'exponential', delay: 2000 } },
  async handle({ outboxId }, { deps, job, token, logger }) {
    const item = await deps.repos.outbox.get(outboxId);
    if (item?.status !== 'pending') return JobStatus.Skipped;
    const sender = deps.senders[item.recipient.platform];
    if (!sender) {
      await deps.repos.outbox.markFailed(outboxId, `platform ${item.recipient.platform} is not configured`);
      throw new AppError(
        AppErrorCode.CONFIG_INVALID,
        `platform ${item.recipient.platform} is not configured`,
      );
    }
    if (item.recipient.platform === 'wecom' && item.recipient.userId) {
      const waitMs = await deps.limiter.reserve(
        `wecom:${item.recipient.userId}`,
        `${outboxId}:${job.attemptsStarted}`,
      );
      if (waitMs > 0) {
        logger.info({ outboxId, waitMs }, 'recipient at the per-member limit; delaying');
        await job.moveToDelayed(Date.now() + waitMs, token);
        throw new DelayedError();
      }
    }
    try {
      const result = await sender.send(item);
      await deps.repos.outbox.markSent(outboxId, result);
      return JobStatus.Success;
    } catch (e) {
      const err = asAppError(e);
      if (err.code === AppErrorCode.PLATFORM_REJECTED || err.code === AppErrorCode.VALIDATION_FAILED) {
        await deps.repos.outbox.markFailed(outboxId, err.message);
      } else {
        await deps.repos.outbox.recordAttempt(outboxId, err.message);
      }
      throw err;
    }
  },
});
