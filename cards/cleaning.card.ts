import { CLEANING_ACTION_SPECS } from '../src/domain/cleaning/cleaning.actions.js';
import type { CleaningAction, CleaningStatus, CleaningView } from '../src/domain/cleaning/cleaning.types.js';
import { SHIFT_LABELS } from '../src/domain/patrol/patrol.rules.js';
import type { Card } from './card.types.js';
import { inspectionKey } from './inspection-key.js';

export interface CleaningCardContext {
  readonly cardId: string;
  readonly actions: readonly CleaningAction[];
  readonly inspector: string;
  readonly when: (d: Date) => string;
  readonly note?: string;
}

export const CLEANING_STATUS_LABELS: Record<CleaningStatus, string> = {
  minor: '轻微问题（已现场整改，仅记录）',
  pending: '待清洁公司确认',
  confirmed: '清洁公司已确认',
  disputed: '清洁公司有异议，待高级物业助理处理',
  upheld: '维持扣分',
  waived: '已撤销扣分',
};

/** A cleaning deduction (清洁监管扣分表 line) for the contractor or the senior assistant. */
export const presentCleaningCard = (c: CleaningView, ctx: CleaningCardContext): Card => ({
  cardId: ctx.cardId,
  title: `清洁扣分 ${c.number}`,
  description: [ctx.note, CLEANING_STATUS_LABELS[c.status]].filter(Boolean).join('\n'),
  source: '商场运营部 · 清洁监管',
  fields: [
    { label: '扣分项', value: `${c.itemCode} ${c.item}` },
    { label: '扣分', value: `${c.points} 分` },
    { label: '检查人', value: ctx.inspector },
    { label: '班次', value: `${c.dayKey} ${SHIFT_LABELS[c.shift]}` },
    ...(c.disputeReason ? [{ label: '异议理由', value: c.disputeReason }] : []),
    { label: '时间', value: ctx.when(c.history[0]?.at ?? c.createdAt) },
  ],
  quote: c.text,
  actions: ctx.actions.map((a) => ({
    key: inspectionKey({ kind: 'cleaning', action: a, id: c.id, stage: c.stage }),
    label: CLEANING_ACTION_SPECS[a].label,
    style: CLEANING_ACTION_SPECS[a].style,
  })),
});
