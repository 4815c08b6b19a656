import type { AppDeps } from '../src/app/deps.js';
import { MessageBatch } from '../src/outbound/message-batch.js';
import type { StoredInbound } from '../src/persistence/repositories/inbound.repository.js';
import { recipientLane } from '../src/persistence/repositories/outbox.repository.js';
import { type Handler, HandlerContext } from './context.js';

/** Ask a member of a group something privately, and say so in the group once. */
const GROUP_ACK = '已收到，详细内容已私信回复您。';

/**
 * Runs one stored inbound event through the handlers (Bolt's processEvent): resolve who sent it,
 * let the first matching handler act, then store every reply in the outbox, commit follow-up
 * state (dialogs), and let the replies go. A person who answers a question the moment it arrives
 * finds the dialog already saved. The lanes of the chat the event came from (the sender, privately,
 * and its group) are not woken but returned: the caller delivers the answer itself once the event
 * is recorded as handled (OutboxDelivery.deliverNow), one queue hop less for the person waiting.
 */
export interface PipelineOutcome {
  /** The handler that acted ('none' when none matched). */
  readonly handler: string;
  /** Lanes with the answers to deliver now (not woken). */
  readonly answerLanes: readonly string[];
}

export const runPipeline = async (deps: AppDeps, stored: StoredInbound): Promise<PipelineOutcome> => {
  const { event } = stored;
  const actor = await deps.repos.people.byIdentity(event.platform, event.userId);
  const batch = new MessageBatch(`in-${stored.id}`, deps.repos.people, deps.platforms);
  const ctx = new HandlerContext(event, stored.id, actor, batch, deps.time);
  let handler: Handler | undefined;
  for (const h of deps.handlers) {
    if (await h.match(ctx)) {
      handler = h;
      break;
    }
  }
  if (handler) await handler.handle(ctx);
  if (ctx.inGroup && ctx.repliedPrivately && !ctx.announced) ctx.announce(GROUP_ACK);
  const ids = await batch.store(deps.outbound);
  for (const fn of ctx.afterFlush.splice(0)) await fn();
  const own = new Set([
    recipientLane({ platform: event.platform, userId: event.userId }),
    recipientLane({ platform: event.platform, conversationId: event.conversation.id }),
  ]);
  const answerLanes = await deps.outbound.wakeExcept(ids, (lane) => own.has(lane));
  return { handler: handler?.name ?? 'none', answerLanes };
};
