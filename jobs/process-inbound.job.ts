import { z } from 'zod';
import { runPipeline } from '../handlers/pipeline.js';
import type { AppDeps } from '../src/app/deps.js';
import { asAppError } from '../src/lib/errors.js';
import type { StoredInbound } from '../src/persistence/repositories/inbound.repository.js';
import { defineJob, isLastAttempt, type JobRunContext, JobStatus } from '../src/queue/job-definition.js';
import { JobName } from '../src/queue/job-names.js';
import { DRAIN_BUDGET_MS } from '../src/queue/lane-queue.js';
import { UNRECOVERABLE_CODES } from '../src/queue/worker-runner.js';

/** Failed attempts after which an event is given up (dead) and its sender told. */
export const INBOUND_ATTEMPTS = 8;

/**
 * Drains one person's lane: their open events, oldest first, one at a time, until none is left
 * (see src/queue/lanes.ts). No polling: an event that arrives meanwhile makes the drain look
 * again. A failing event blocks the events after it (order is strict) and the job is retried with
 * backoff; after {@link INBOUND_ATTEMPTS} failures it is marked dead and the person told, so it
 * cannot block their later messages. Replies go to the outbox with keys derived from the event,
 * so a retry after a crash sends nothing twice.
 */
export const processInboundJob = defineJob<typeof JobName.ProcessInbound, AppDeps>({
  name: JobName.ProcessInbound,
  schema: z.object({ lane: z.string().min(1) }),
  opts: { attempts: INBOUND_ATTEMPTS, backoff: { type: 'exponential', delay: 1000 } },
  async handle({ lane }, ctx) {
    const { deps, job } = ctx;
    const lanes = deps.lanes.inbound.lanes;
    const owner = job.id ?? '';
    // The waiting mark goes first: work stored from now on wakes a new job. Then either this job
    // takes the lane and reads the store, or the owner is told to look again (it will read
    // anything stored before that moment).
    await job.removeDeduplicationKey();
    if (!(await lanes.start(lane, owner))) return JobStatus.Skipped;
    try {
      return await drain(lane, ctx);
    } catch (e) {
      if (isLastAttempt(job)) await lanes.release(lane, owner).catch(() => {});
      throw e;
    }
  },
});

const drain = async (lane: string, ctx: JobRunContext<AppDeps>): Promise<JobStatus> => {
  const { deps, job } = ctx;
  const lanes = deps.lanes.inbound.lanes;
  const owner = job.id ?? '';
  const startedAt = Date.now();
  for (;;) {
    const open = await deps.repos.inbound.openInLane(lane);
    for (const [i, stored] of open.entries()) {
      await handleOne(stored, ctx);
      // Renewed between events; after the last one `finish` ends or extends the lease itself.
      if (i < open.length - 1) await lanes.renew(lane, owner);
    }
    if ((await lanes.finish(lane, owner)) !== 'again') return JobStatus.Success;
    if (Date.now() - startedAt > DRAIN_BUDGET_MS) {
      // A busy lane goes to a fresh job, so a worker shutting down (or people waiting for a
      // slot) is never held by one endless drain.
      await deps.lanes.inbound.handOff(lane, owner);
      return JobStatus.Success;
    }
  }
};

const handleOne = async (stored: StoredInbound, { deps, logger }: JobRunContext<AppDeps>): Promise<void> => {
  const { event } = stored;
  let answerLanes: readonly string[] = [];
  try {
    const outcome = await runPipeline(deps, stored);
    answerLanes = outcome.answerLanes;
    const { handler } = outcome;
    await deps.repos.inbound.markDone(stored.id);
    logger.info({ inboundId: stored.id, handler, kind: event.kind }, 'inbound processed');
    for (const lane of answerLanes) await deliverAnswer(lane, deps, logger);
  } catch (e) {
    // The answers are stored but the event could not be marked done: a drain job sends them (a
    // retry of the event stores nothing twice), not this one after the retry's backoff.
    if (answerLanes.length > 0) await deps.outbound.wakeLanes(answerLanes).catch(() => {});
    const final = stored.attempts + 1 >= INBOUND_ATTEMPTS || UNRECOVERABLE_CODES.has(asAppError(e).code);
    await deps.repos.inbound
      .markFailed(stored.id, e instanceof Error ? e.message : String(e), final)
      .catch(() => {});
    if (!final) throw e;
    logger.error({ inboundId: stored.id, err: String(e) }, 'inbound event given up');
    await deps.outbound
      .enqueue([
        {
          key: `in-${stored.id}:failed`,
          to: { platform: event.platform, userId: event.userId },
          message: {
            type: 'text',
            text: '抱歉，处理您的消息时出现了问题，请稍后重新发送，或直接联系商场前台。',
          },
        },
      ])
      .catch(() => {});
  }
};

/**
 * The answer to the event just handled goes out from here when its lane is idle (no queue hop),
 * otherwise its owner was told to look again. If Redis cannot be asked, a drain job is woken (or,
 * failing that too, the relay finds the row).
 */
const deliverAnswer = async (lane: string, deps: AppDeps, logger: JobRunContext<AppDeps>['logger']) => {
  try {
    await deps.delivery.deliverNow(lane);
  } catch (e) {
    logger.warn({ lane, err: asAppError(e).message }, 'answer not delivered directly; waking its lane');
    await deps.outbound.wakeLanes([lane]).catch(() => {});
  }
};
