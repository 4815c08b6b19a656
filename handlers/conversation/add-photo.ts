import type { TicketItem } from '../../src/desk/ticket-queries.js';
import type { PersonView } from '../../src/domain/people/people.types.js';
import type { HandlerContext } from '../context.js';
import type { ConversationDeps } from './deps.js';

const NUMBER = /\b(TS|WX)\d{8}-\d{3,}\b/i;

const isOpenTicket = (i: TicketItem): boolean =>
  (i.kind === 'complaint' && i.view.status !== 'closed') ||
  (i.kind === 'repair' && i.view.status !== 'closed' && i.view.status !== 'cancelled');

/**
 * "补充照片 WX…" (or just "补充照片": the person's newest open report): photos sent in the next ten
 * minutes go to that ticket; photos sent before it, still waiting, go there at once.
 */
export const addPhoto = async (
  deps: ConversationDeps,
  ctx: HandlerContext,
  actor: PersonView,
  rest: string,
): Promise<void> => {
  const number = NUMBER.exec(rest)?.[0];
  const item = number
    ? await deps.queries.byNumberFor(number, actor)
    : (await deps.queries.visibleTo(actor, 10)).find(
        (i) => isOpenTicket(i) && (i.kind === 'approval' ? false : i.view.reporterId === actor.id),
      );
  if (!item || !isOpenTicket(item) || item.kind === 'approval') {
    ctx.replyText(
      number
        ? `没有找到未办结的单号 ${number.toUpperCase()}（只能补充到您能查看的投诉或报修）。`
        : '您目前没有未办结的投诉或报修。请发送“补充照片 单号”，例如“补充照片 WX20261130-001”。',
    );
    return;
  }
  const { platform, userId } = ctx.sender;
  const target = { kind: item.kind, id: item.view.id, number: item.view.number };
  await deps.inbox.setTarget(platform, userId, target);
  let added = 0;
  for (const id of await deps.inbox.takeOrphans(platform, userId)) {
    if (await deps.flow.desk.attach(item.kind, item.view.id, id, ctx.batch)) added++;
  }
  ctx.replyText(
    added > 0
      ? `已将刚才的 ${added} 张照片补充到 ${item.view.number}。还可以继续发送照片（10分钟内）。`
      : `请发送照片，将补充到 ${item.view.number}（10分钟内有效）。`,
  );
};
