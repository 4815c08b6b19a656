import { DelayedError } from 'bullmq';
import { z } from 'zod';
import type { AppDeps } from '../src/app/deps.js';
import { asAppError } from '../src/lib/errors.js';
import { MAX_SEND_ATTEMPTS } from '../src/outbound/outbound.service.js';
import type { OutboxItem } from '../src/persistence/repositories/outbox.repository.js';
import { defineJob, isLastAttempt, type JobRunContext, JobStatus } from '../src/queue/job-definition.js';
import { JobName } from '../src/queue/job-names.js';
import { DRAIN_BUDGET_MS } from '../src/queue/lane-queue.js';
import { UNRECOVERABLE_CODES } from '../src/queue/worker-runner.js';

/**
 * Drains one recipient's lane: their pending outbox rows, in the order stored, so a person reads
 * the replies in the order of their messages. Each row is marked sent in one conditional update
 * (idempotent). WeCom's 30 messages/min/member limit is honoured by waiting (the job moves to
 * delayed and keeps the lane), never by letting WeCom drop the message. A retryable failure holds
 * the lane and retries with backoff; a permanent one marks the row failed and moves on.
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
  const { deps, job } = ctx;
  const lanes = deps.lanes.outbound.lanes;
  const owner = job.id ?? '';
  const startedAt = Date.now();
  for (;;) {
    const pending = await deps.repos.outbox.pendingInLane(lane);
    for (const [i, item] of pending.entries()) {
      await sendOne(item, lane, ctx);
      // Renewed between rows; after the last one `finish` ends or extends the lease itself.
      if (i < pending.length - 1) await lanes.renew(lane, owner);
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

const sendOne = async (item: OutboxItem, lane: string, ctx: JobRunContext<AppDeps>): Promise<void> => {
  const { deps, job, token, logger } = ctx;
  const sender = deps.senders[item.recipient.platform];
  if (!sender) {
    await deps.repos.outbox.markFailed(item.id, `platform ${item.recipient.platform} is not configured`);
    logger.error({ outboxId: item.id }, 'platform not configured; message failed');
    return;
  }
  if (item.attempts >= MAX_SEND_ATTEMPTS) {
    await deps.repos.outbox.markFailed(item.id, `gave up after ${item.attempts} attempts`);
    logger.error({ outboxId: item.id, attempts: item.attempts }, 'outbox row given up');
    await givenUp(item, `gave up after ${item.attempts} attempts`, ctx);
    return;
  }
  if (item.recipient.platform === 'wecom' && item.recipient.userId) {
    const waitMs = await deps.limiter.reserve(
      `wecom:${item.recipient.userId}`,
      `${item.id}:${job.attemptsStarted}`,
    );
    if (waitMs > 0) {
      logger.info({ outboxId: item.id, waitMs }, 'recipient at the per-member limit; delaying');
      await deps.lanes.outbound.lanes.renew(lane, job.id ?? '', waitMs);
      await job.moveToDelayed(Date.now() + waitMs, token);
      throw new DelayedError();
    }
  }
  // Sent before, but the store was away when it was to be marked: mark it now, never send twice.
  const remembered = await sentMarks.get(deps, item.id);
  if (remembered) {
    await deps.repos.outbox.markSent(item.id, remembered);
    return;
  }
  let result: Record<string, unknown>;
  try {
    result = await sender.send(item);
  } catch (e) {
    const err = asAppError(e);
    if (UNRECOVERABLE_CODES.has(err.code)) {
      await deps.repos.outbox.markFailed(item.id, err.message);
      logger.error({ outboxId: item.id, code: err.code, err: err.message }, 'message refused; moving on');
      await givenUp(item, err.message, ctx);
      return;
    }
    await deps.repos.outbox.recordAttempt(item.id, err.message);
    throw err;
  }
  await markSentOrRemember(item.id, result, lane, ctx);
};

/** A message given up for good: when it belongs to a deadline step, the step's failure is recorded. */
const givenUp = async (item: OutboxItem, error: string, ctx: JobRunContext<AppDeps>): Promise<void> => {
  const to = `${item.recipient.platform}:${item.recipient.userId ?? item.recipient.conversationId ?? ''}`;
  await ctx.deps.timers.failures
    .deliveryFailed(item.key, item.message, to, error)
    .catch((e) => ctx.logger.warn({ err: asAppError(e).message }, 'deadline failure not recorded'));
};

/**
 * The platform has the message: record that, or the next attempt would send it again. The store may
 * be away (a failover, a restart): the mark goes to Redis too, and the store is retried for a while
 * before the job gives up and lets its retry finish the mark from Redis.
 */
const markSentOrRemember = async (
  id: string,
  result: Record<string, unknown>,
  lane: string,
  ctx: JobRunContext<AppDeps>,
): Promise<void> => {
  const { deps, job, logger } = ctx;
  try {
    await deps.repos.outbox.markSent(id, result);
    return;
  } catch (e) {
    logger.warn({ outboxId: id, err: asAppError(e).message }, 'sent, but not marked; remembering it');
  }
  await sentMarks.set(deps, id, result).catch(() => {});
  for (let i = 0; ; i++) {
    await new Promise((r) => setTimeout(r, Math.min(5_000, 250 * 2 ** i)));
    await deps.lanes.outbound.lanes.renew(lane, job.id ?? '').catch(() => {});
    try {
      await deps.repos.outbox.markSent(id, result);
      await sentMarks.clear(deps, id).catch(() => {});
      return;
    } catch (e) {
      if (i >= 8) throw e;
    }
  }
};

/** Rows the platform accepted but the store has not recorded yet (Redis, for a week). */
const sentMarks = {
  key: (deps: AppDeps, id: string) => `${deps.config.redisKeyPrefix}:outbox-sent:${id}`,
  async get(deps: AppDeps, id: string): Promise<Record<string, unknown> | undefined> {
    const raw = await deps.redis.get(sentMarks.key(deps, id));
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
  },
  async set(deps: AppDeps, id: string, result: Record<string, unknown>): Promise<void> {
    await deps.redis.set(sentMarks.key(deps, id), JSON.stringify(result), 'EX', 7 * 24 * 3600);
  },
  async clear(deps: AppDeps, id: string): Promise<void> {
    await deps.redis.del(sentMarks.key(deps, id));
  },
};
