import { ticketLine } from '../../cards/ticket-status.text.js';
import type { PersonView } from '../../src/domain/people/people.types.js';
import type { HandlerContext } from '../context.js';
import type { ConversationDeps } from './deps.js';

/** At most this many cards in one to-do answer; the rest are listed as lines. */
const CARDS_MAX = 8;

/**
 * "待办": what waits on this person or their roles right now, oldest first, each as a card with
 * the buttons they may press. Tenants see what waits on them (a quote, a repair to confirm) and
 * their own open items; never another shop's.
 */
export const replyTodo = async (
  deps: ConversationDeps,
  ctx: HandlerContext,
  actor: PersonView,
): Promise<void> => {
  const when = (d: Date) => ctx.time.human(d);
  const items = await deps.queries.waitingOn(actor);
  if (items.length === 0) {
    ctx.replyText(actor.kind === 'staff' ? '目前没有等您处理的事项。' : '目前没有需要您确认的事项。');
    return;
  }
  const carded = items.slice(0, CARDS_MAX);
  const rest = items.slice(CARDS_MAX);
  ctx.replyText(
    [
      `您有 ${items.length} 项待办（按时间先后）：`,
      ...items.map((i) => ticketLine(i, when)),
      ...(rest.length > 0 ? [`前 ${CARDS_MAX} 项附操作卡片，其余请处理后再查看。`] : []),
    ].join('\n'),
  );
  await deps.notifier.cardsFor(actor, carded, `t${ctx.inboundId.slice(-8)}`, ctx.batch);
};

/** "B1-23 的工单" (staff): the open complaints, work orders and requests of one unit. */
export const replyUnitItems = async (
  deps: ConversationDeps,
  ctx: HandlerContext,
  unit: string,
): Promise<void> => {
  const items = await deps.queries.openAt(unit);
  ctx.replyText(
    items.length === 0
      ? `${unit} 目前没有未完成的投诉、工单或申请。`
      : [
          `${unit} 未完成的事项（${items.length}）：`,
          ...items.map((i) => ticketLine(i, (d) => ctx.time.human(d))),
        ].join('\n'),
  );
};
