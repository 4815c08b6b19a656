import { APPROVAL_LABELS } from '../../src/domain/approval/approval.rules.js';
import { formatFees, quoteFees } from '../../src/domain/fees/fees.rules.js';
import type { NluResult } from '../../src/nlu/parse.js';
import type { PersonView } from '../../src/persistence/repositories/people.repository.js';
import type { TicketSummary } from '../../src/persistence/repositories/ticket.repository.js';
import type { HandlerContext } from '../context.js';

const STATUS_LABELS: Record<string, string> = {
  open: '待处理',
  handling: '处理中',
  replied: '已回复',
  closed: '已办结',
  dispatched: '已派工',
  in_progress: '维修中',
  restored: '已修复',
  accepted: '已验收',
  cancelled: '已取消',
  pending: '审批中',
  approved: '已通过',
  rejected: '已驳回',
};

const describe = (t: TicketSummary, human: (d: Date) => string): string => {
  const what =
    t.kind === 'approval'
      ? `${APPROVAL_LABELS[t.title as keyof typeof APPROVAL_LABELS] ?? '申请'}`
      : `${t.kind === 'complaint' ? '投诉' : '报修'}：${t.title.length > 18 ? `${t.title.slice(0, 18)}…` : t.title}`;
  return `· ${t.number} ${what}（${STATUS_LABELS[t.status] ?? t.status}，${human(t.createdAt)}）`;
};

/** "我的报修怎么样了" / a ticket number: only tickets this person may see. */
export const replyStatus = async (ctx: HandlerContext, actor: PersonView, nlu: NluResult): Promise<void> => {
  const human = (d: Date) => ctx.deps.time.human(d);
  if (nlu.slots.ticketNumber) {
    const t = await ctx.deps.repos.tickets.byNumberFor(nlu.slots.ticketNumber, actor);
    ctx.replyText(
      t
        ? `查询结果：\n${describe(t, human)}`
        : `没有找到单号 ${nlu.slots.ticketNumber}，请核对单号（只能查询您自己铺位的记录）。`,
    );
    return;
  }
  const list = await ctx.deps.repos.tickets.visibleTo(actor, 5);
  ctx.replyText(
    list.length > 0
      ? `您最近的记录：\n${list.map((t) => describe(t, human)).join('\n')}`
      : '您目前没有投诉、报修或申请记录。',
  );
};

/** Move-in fee quote from the rulebook formulas; the tenant's own shop fills in what was not said. */
export const replyFees = async (ctx: HandlerContext, actor: PersonView, nlu: NluResult): Promise<void> => {
  const ownCode =
    nlu.slots.unit && actor.shopCodes.includes(nlu.slots.unit) ? nlu.slots.unit : actor.shopCodes[0];
  const shop = ownCode ? await ctx.deps.repos.shops.get(ownCode) : null;
  const area = nlu.slots.area?.m2 ?? shop?.areaM2;
  if (!area) {
    ctx.replyText('请告诉我铺位面积，例如“56平方要交多少按金”。');
    return;
  }
  const occupancy = /业主/.test(nlu.text)
    ? 'owner'
    : /租户|租的/.test(nlu.text)
      ? 'renter'
      : shop
        ? shop.occupancy === 'vacant'
          ? 'unknown'
          : shop.occupancy
        : 'unknown';
  const lines = quoteFees({
    areaM2: area,
    occupancy,
    ...(shop && !nlu.slots.area ? { unitPrice: shop.mgmtUnitPrice } : {}),
    ...(shop?.purchasePrice ? { purchasePrice: shop.purchasePrice } : {}),
  });
  ctx.replyText(
    `按 ${area}㎡ 计算${occupancy === 'owner' ? '（业主）' : occupancy === 'renter' ? '（租户）' : ''}：\n${formatFees(lines)}\n以上为按规定公式试算，实际以前台开具的缴费通知为准。`,
  );
};
