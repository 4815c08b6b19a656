import { ticketDetail, ticketLine } from '../../cards/ticket-status.text.js';
import type { TicketItem } from '../../src/desk/ticket-queries.js';
import type { PersonView } from '../../src/domain/people/people.types.js';
import type { NluResult } from '../../src/nlu/parse.js';
import type { HandlerContext } from '../context.js';
import type { ConversationDeps } from './deps.js';
import { hintsFrom, matchTickets } from './ticket-match.js';

const LIST_MAX = 5;

const namesOf = async (deps: ConversationDeps, item: TicketItem): Promise<Map<string, string>> => {
  const names = new Map<string, string>();
  for (const h of item.view.history) {
    if (h.actorId && !names.has(h.actorId))
      names.set(h.actorId, (await deps.flow.people.get(h.actorId))?.name ?? '');
  }
  return names;
};

const detail = async (deps: ConversationDeps, ctx: HandlerContext, actor: PersonView, item: TicketItem) =>
  ticketDetail(item, await namesOf(deps, item), (d) => ctx.time.human(d), actor.kind === 'staff');

/**
 * "我报的漏水修好了吗", "投诉有结果了吗", "WX… 怎么样了", "上周那个单呢": answers with the matching
 * ticket's state and history, lists them when several match, and never starts a new report.
 * Only tickets the person may see are searched. The answer is private (never posted to a group).
 */
export const replyStatus = async (
  deps: ConversationDeps,
  ctx: HandlerContext,
  actor: PersonView,
  nlu: NluResult,
): Promise<void> => {
  const when = (d: Date) => ctx.time.human(d);
  if (nlu.slots.ticketNumber) {
    const t = await deps.queries.byNumberFor(nlu.slots.ticketNumber, actor);
    ctx.replyText(
      t
        ? await detail(deps, ctx, actor, t)
        : `没有找到单号 ${nlu.slots.ticketNumber}，请核对单号（只能查询您自己铺位的记录）。`,
    );
    return;
  }
  const visible = await deps.queries.visibleTo(actor, 20);
  if (visible.length === 0) {
    ctx.replyText('您目前没有投诉、报修或申请记录。');
    return;
  }
  const { items, exact } = matchTickets(visible, hintsFrom(nlu.text, ctx.time.now()));
  if (items.length === 1 && items[0]) {
    const prefix = exact ? '' : '没有找到完全对应的记录，最相关的是：\n';
    ctx.replyText(`${prefix}${await detail(deps, ctx, actor, items[0])}`);
    return;
  }
  const list = (items.length > 0 ? items : visible).slice(0, LIST_MAX);
  const head =
    items.length > 1
      ? `找到 ${items.length} 条相关记录${items.length > LIST_MAX ? `（显示最近 ${LIST_MAX} 条）` : ''}：`
      : '没有找到对应的记录，您最近的记录：';
  ctx.replyText(`${head}\n${list.map((i) => ticketLine(i, when)).join('\n')}\n回复单号可查看详情和进展。`);
};
