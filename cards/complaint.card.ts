import { COMPLAINT_ACTION_SPECS } from '../src/domain/complaint/complaint.actions.js';
import {
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_KIND_LABELS,
  COMPLAINT_STATUS_LABELS,
} from '../src/domain/complaint/complaint.rules.js';
import {
  CHECKPOINTS,
  type ComplaintAction,
  type ComplaintView,
} from '../src/domain/complaint/complaint.types.js';
import { ROLE_LABELS } from '../src/domain/people/people.types.js';
import { actionKey } from './action-key.js';
import type { Card, CardAction } from './card.types.js';
import type { TicketCardContext } from './ticket-card.types.js';
import { waitFields } from './wait-field.js';

const CHECK_LABELS = {
  heard: '听',
  asked: '问',
  followed: '跟',
  replied: '复',
  recorded: '记',
  reported: '报',
};

/** "听✓ 问✓ 跟· 复· 记· 报·": where the complaint stands against 五清楚，一报告. */
export const checkpointLine = (c: ComplaintView): string =>
  CHECKPOINTS.filter((k) => k !== 'reported' || c.kind === 'major')
    .map((k) => `${CHECK_LABELS[k]}${c.checkpoints[k] ? '✓' : '·'}`)
    .join(' ');

export const whereOf = (t: { unit: string; place: string; shopCode: string }): string =>
  [t.unit, t.place].filter(Boolean).join(' ') || t.shopCode || '未说明';

/** The card staff receive about a complaint, with the buttons their role may press now. */
export const presentComplaintCard = (c: ComplaintView, ctx: TicketCardContext): Card => {
  const owner = ctx.names.owner ? `处理人：${ctx.names.owner}` : `待${ROLE_LABELS[c.ownerRole]}受理`;
  const actions: CardAction[] = ctx.buttons.map((b) => ({
    key: actionKey({
      kind: 'complaint',
      action: b.action,
      id: c.id,
      stage: c.stage,
      ...(b.arg ? { arg: b.arg } : {}),
    }),
    label: b.label ?? COMPLAINT_ACTION_SPECS[b.action as ComplaintAction].label,
    style: COMPLAINT_ACTION_SPECS[b.action as ComplaintAction].style,
  }));
  return {
    cardId: ctx.cardId,
    title: `${COMPLAINT_KIND_LABELS[c.kind]} ${c.number}`,
    description: [ctx.note, `${COMPLAINT_STATUS_LABELS[c.status]} · ${owner}`].filter(Boolean).join('\n'),
    source: '商场运营部 · 投诉',
    ...(c.kind === 'major' && c.status !== 'closed'
      ? { emphasis: { title: '重大', desc: '立即处理，结果报告经理' } }
      : {}),
    fields: [
      { label: '投诉人', value: c.complainant || ctx.names.reporter },
      { label: '位置', value: whereOf(c) },
      { label: '类别', value: COMPLAINT_CATEGORY_LABELS[c.category] },
      ...(c.replyDueAt ? [{ label: '答复期限', value: ctx.when(c.replyDueAt) }] : []),
      { label: '进度', value: checkpointLine(c) },
      ...waitFields(c.wait, ctx.when),
      ...(c.docNo ? [{ label: '来文编号', value: c.docNo }] : []),
      ...(c.attachmentIds.length > 0 ? [{ label: '照片', value: `${c.attachmentIds.length} 张` }] : []),
      ...(c.lastReply ? [{ label: '最近答复', value: c.lastReply }] : []),
    ],
    actions,
    quote: c.text,
  };
};

/** The satisfaction card the tenant gets once the complaint is closed (1-5). */
export const presentSatisfactionCard = (c: ComplaintView, ctx: { cardId: string }): Card => ({
  cardId: ctx.cardId,
  title: `请评价投诉处理 ${c.number}`,
  description: '您的投诉已办结，请为本次处理打分（5分为非常满意）。',
  source: '商场运营部 · 回访',
  fields: [...(c.lastReply ? [{ label: '处理答复', value: c.lastReply }] : [])],
  actions: [1, 2, 3, 4, 5].map((n) => ({
    key: actionKey({ kind: 'complaint', action: 'rate', id: c.id, stage: c.stage, arg: String(n) }),
    label: `${n}分`,
    style: n >= 4 ? ('primary' as const) : ('default' as const),
  })),
  quote: c.text,
});
