import { DelayedError } from 'bullmq';
import { z } from 'zod';
import type { AppDeps } from '../src/app/deps.js';
import { defineJob, isLastAttempt, type JobRunContext, JobStatus } from '../src/queue/job-definition.js';
import { JobName } from '../src/queue/job-names.js';
import { DRAIN_BUDGET_MS } from '../src/queue/lane-queue.js';

/**
 * Drains one recipient's lane: their pending outbox rows, in the order stored, so a person reads
 * the replies in the order of their messages (src/outbound/outbox-delivery.ts sends each row once).
 * WeCom's 30 messages/min/member limit is honoured by waiting (the job moves to delayed and keeps
 * the lane), never by letting WeCom drop the message. A retryable failure holds the lane and
 * retries with backoff; a permanent one marks the row failed and moves on.
 */
export const deliverOutboxJob = defineJob<typeof JobName.DeliverOutbox, AppDeps>({
  name: JobName.DeliverOutbox,
  schema: z.object({ lane: z.string().min(1) }),
  opts: { attempts: 10, backoff: { type: 'exponential', delay: 2000 } },
  async handle({ lane }, ctx) {
    const { deps, job } = ctx;
    const lanes = deps.lanes.outbound.lanes;
    const owner = job.id ?? '';
    // The waiting mark goes first: work stored from now on wakes a new job. Then either this job
    // takes the lane and reads the store, or the owner is told to look again (it will read
    // anything stored before that moment).
    await job.removeDeduplicationKey();
    if (!(await lanes.start(lane, owner))) return JobStatus.Skipped;
    try {
      return await drain(lane, ctx);
    } catch (e) {
      if (!(e instanceof DelayedError) && isLastAttempt(job))
        await lanes.release(lane, owner).catch(() => {});
      throw e;
    }
  },
});

const drain = async (lane: string, ctx: JobRunContext<AppDeps>): Promise<JobStatus> => {
  const { deps, job, token, logger } = ctx;
  const lanes = deps.lanes.outbound.lanes;
  const owner = job.id ?? '';
  const startedAt = Date.now();
  for (;;) {
    const pass = await deps.delivery.sendPending(lane, owner, String(job.attemptsStarted));
    if (pass.kind === 'wait') {
      logger.info(
        { outboxId: pass.outboxId, waitMs: pass.ms },
        'recipient at the per-member limit; delaying',
      );
      await lanes.renew(lane, owner, pass.ms);
      await job.moveToDelayed(Date.now() + pass.ms, token);
      throw new DelayedError();
    }
    if ((await lanes.finish(lane, owner)) !== 'again') return JobStatus.Success;
    if (Date.now() - startedAt > DRAIN_BUDGET_MS) {
      // A busy lane goes to a fresh job, so a worker shutting down (or people waiting for a
      // slot) is never held by one endless drain.
      await deps.lanes.outbound.handOff(lane, owner);
      return JobStatus.Success;
    }
  }
};
