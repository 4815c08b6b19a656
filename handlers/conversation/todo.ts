import { inspectionLine } from '../../cards/inspection-status.text.js';
import { ticketLine } from '../../cards/ticket-status.text.js';
import type { TicketItem } from '../../src/desk/ticket-queries.js';
import type { PersonView } from '../../src/domain/people/people.types.js';
import type { InspectionItem } from '../../src/inspections/inspection-queries.js';
import type { HandlerContext } from '../context.js';
import type { ConversationDeps } from './deps.js';

/** At most this many cards in one to-do answer; the rest are listed as lines. */
const CARDS_MAX = 8;

/** A ticket or an inspection matter waiting on someone. */
type Todo = { readonly ticket: TicketItem } | { readonly inspection: InspectionItem };

const createdOf = (t: Todo): number =>
  ('ticket' in t ? t.ticket.view.createdAt : t.inspection.view.createdAt).getTime();

/**
 * "待办": what waits on this person or their roles right now, oldest first, each as a card with
 * the buttons they may press. Tenants see what waits on them (a quote, a repair to confirm, a
 * notice to sign) and their own open items; never another shop's. Staff see inspection work too:
 * violations to re-inspect, patrol records to review, deductions to confirm or decide.
 */
export const replyTodo = async (
  deps: ConversationDeps,
  ctx: HandlerContext,
  actor: PersonView,
): Promise<void> => {
  const when = (d: Date) => ctx.time.human(d);
  const items: Todo[] = [
    ...(await deps.queries.waitingOn(actor)).map((t) => ({ ticket: t })),
    ...(await deps.inspectionTodo.waitingOn(actor)).map((i) => ({ inspection: i })),
  ].sort((a, b) => createdOf(a) - createdOf(b));
  if (items.length === 0) {
    ctx.replyText(actor.kind === 'staff' ? '目前没有等您处理的事项。' : '目前没有需要您确认的事项。');
    return;
  }
  const rest = items.length - CARDS_MAX;
  ctx.replyText(
    [
      `您有 ${items.length} 项待办（按时间先后）：`,
      ...items.map((i) => ('ticket' in i ? ticketLine(i.ticket, when) : inspectionLine(i.inspection, when))),
      ...(rest > 0 ? [`前 ${CARDS_MAX} 项附操作卡片，其余请处理后再查看。`] : []),
    ].join('\n'),
  );
  const carded = items.slice(0, CARDS_MAX);
  const suffix = `t${ctx.inboundId.slice(-8)}`;
  await deps.notifier.cardsFor(
    actor,
    carded.flatMap((i) => ('ticket' in i ? [i.ticket] : [])),
    suffix,
    ctx.batch,
  );
  for (const i of carded)
    if ('inspection' in i) await deps.inspectionTodo.cardFor(i.inspection, actor, suffix, ctx.batch);
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
