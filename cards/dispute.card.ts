import { DISPUTE_ACTION_SPECS } from '../src/domain/dispute/dispute.actions.js';
import type { DisputeAction, DisputeStatus, DisputeView } from '../src/domain/dispute/dispute.types.js';
import type { Card } from './card.types.js';
import { inspectionKey } from './inspection-key.js';

const STATUS: Record<DisputeStatus, string> = {
  mediating: '调解中',
  settled: '已调解解决',
  referred: '已移交',
};
const REFERRED = { regulator: '市场监管部门', police: '公安机关' } as const;

/** A buyer–seller dispute being mediated, with what the mediator can do next. */
export const presentDisputeCard = (
  d: DisputeView,
  ctx: {
    cardId: string;
    actions: readonly DisputeAction[];
    mediator: string;
    when: (x: Date) => string;
    note?: string;
  },
): Card => ({
  cardId: ctx.cardId,
  title: `买卖纠纷 ${d.number}`,
  description: [ctx.note, STATUS[d.status]].filter(Boolean).join('\n'),
  source: '商场运营部 · 纠纷调解',
  fields: [
    { label: '商铺', value: d.shopCode || '未说明' },
    { label: '调解人', value: ctx.mediator },
    ...(d.referredTo && d.referredAt
      ? [{ label: '移交', value: `${REFERRED[d.referredTo]}（${ctx.when(d.referredAt)}）` }]
      : []),
    ...(d.outcome ? [{ label: '调解结果', value: d.outcome }] : []),
    { label: '时间', value: ctx.when(d.history[0]?.at ?? d.createdAt) },
  ],
  quote: d.text,
  actions: ctx.actions.map((a) => ({
    key: inspectionKey({ kind: 'dispute', action: a, id: d.id, stage: d.stage }),
    label: DISPUTE_ACTION_SPECS[a].label,
    style: DISPUTE_ACTION_SPECS[a].style,
  })),
});
