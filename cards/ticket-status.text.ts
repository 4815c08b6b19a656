import type { TicketItem } from '../src/desk/ticket-queries.js';
import { APPROVAL_ACTION_SPECS } from '../src/domain/approval/approval.actions.js';
import { APPROVAL_LABELS, APPROVAL_STATUS_LABELS } from '../src/domain/approval/approval.rules.js';
import { COMPLAINT_ACTION_SPECS } from '../src/domain/complaint/complaint.actions.js';
import {
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_KIND_LABELS,
  COMPLAINT_STATUS_LABELS,
} from '../src/domain/complaint/complaint.rules.js';
import { REPAIR_ACTION_SPECS } from '../src/domain/repair/repair.actions.js';
import { REPAIR_CATEGORY_LABELS, REPAIR_STATUS_LABELS } from '../src/domain/repair/repair.rules.js';
import type { HistoryEntry } from '../src/domain/shared/ticket.types.js';
import { WAIT_ON_LABELS } from '../src/domain/shared/ticket-wait.js';

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** What a ticket is, in a few words: "报修（漏水）", "一般投诉（噪音）", "物品放行申请". */
export const ticketWhat = (i: TicketItem): string =>
  i.kind === 'complaint'
    ? `${COMPLAINT_KIND_LABELS[i.view.kind]}（${COMPLAINT_CATEGORY_LABELS[i.view.category]}）`
    : i.kind === 'repair'
      ? `报修（${REPAIR_CATEGORY_LABELS[i.view.category]}）`
      : `${APPROVAL_LABELS[i.view.type]}申请`;

export const ticketStatus = (i: TicketItem): string =>
  i.kind === 'complaint'
    ? COMPLAINT_STATUS_LABELS[i.view.status]
    : i.kind === 'repair'
      ? REPAIR_STATUS_LABELS[i.view.status]
      : APPROVAL_STATUS_LABELS[i.view.status];

/** One line of a list: "· WX20261129-001 报修（漏水）：维修中（11月29日 14:00）「铺里漏水了」". */
export const ticketLine = (i: TicketItem, when: (d: Date) => string): string =>
  `· ${i.view.number} ${ticketWhat(i)}：${ticketStatus(i)}（${when(i.view.createdAt)}）「${cut(i.view.text, 16)}」`;

const actionLabel = (i: TicketItem, h: HistoryEntry): string => {
  if (h.action === 'filed' || h.action === 'submitted') return '提交';
  // A rung of a reminder or escalation ladder (src/deadlines): its note says which.
  if (h.action.startsWith('deadline.')) return '系统提醒';
  const specs: Record<string, { done: string } | undefined> =
    i.kind === 'complaint'
      ? COMPLAINT_ACTION_SPECS
      : i.kind === 'repair'
        ? REPAIR_ACTION_SPECS
        : APPROVAL_ACTION_SPECS;
  return specs[h.action]?.done ?? h.action;
};

/**
 * A ticket's state and history for the person who asked. Notes staff wrote for the record stay
 * internal; what the tenant was told (replies) is shown.
 */
export const ticketDetail = (
  i: TicketItem,
  names: ReadonlyMap<string, string>,
  when: (d: Date) => string,
  forStaff: boolean,
): string => {
  const shown = i.view.history.filter(
    (h) =>
      forStaff ||
      (!['ask', 'progress', 'record', 'damage', 'refund', 'link', 'raise'].includes(h.action) &&
        !h.action.startsWith('deadline.')),
  );
  const lines = shown.map((h) => {
    const who = h.actorId ? (names.get(h.actorId) ?? '') : '';
    const note =
      h.note && (forStaff || ['escalate', 'reject', 'wait'].includes(h.action)) ? `：${cut(h.note, 40)}` : '';
    return `  · ${when(h.at)} ${who}${actionLabel(i, h)}${note}`;
  });
  const extra =
    i.kind === 'complaint' && i.view.lastReply
      ? [`最近答复：${i.view.lastReply}`]
      : i.kind === 'complaint' && i.view.replyDueAt && i.view.status !== 'closed'
        ? [`承诺答复时间：${when(i.view.replyDueAt)}`]
        : i.kind === 'repair' && i.view.quoteAmount !== undefined
          ? [`报价：${i.view.quoteAmount} 元`]
          : [];
  const wait = i.kind === 'approval' ? undefined : i.view.wait;
  return [
    `${i.view.number} ${ticketWhat(i)}`,
    `状态：${ticketStatus(i)}`,
    ...(wait
      ? [
          `挂起：${WAIT_ON_LABELS[wait.on]}${wait.reason ? `（${wait.reason}）` : ''}，预计 ${when(wait.resumeBy)} 恢复处理`,
        ]
      : []),
    `内容：${i.view.text}`,
    ...extra,
    '进展：',
    ...lines,
  ].join('\n');
};
