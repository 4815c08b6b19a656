import { FINDING_LABELS } from '../src/domain/patrol/patrol.rules.js';
import { VIOLATION_ACTION_SPECS } from '../src/domain/violation/violation.actions.js';
import { NOTICE_LABELS, VIOLATION_STATUS_LABELS } from '../src/domain/violation/violation.rules.js';
import type { ViolationAction, ViolationView } from '../src/domain/violation/violation.types.js';
import type { Card } from './card.types.js';
import { inspectionKey } from './inspection-key.js';

export interface ViolationCardContext {
  readonly cardId: string;
  readonly actions: readonly ViolationAction[];
  readonly shopName: string;
  readonly when: (d: Date) => string;
  readonly note?: string;
}

/** A violation for staff (re-inspect, issue a notice, record a meeting) or its notice for the tenant. */
export const presentViolationCard = (v: ViolationView, ctx: ViolationCardContext): Card => {
  const notice = v.noticeKind && v.noticeNumber ? `${NOTICE_LABELS[v.noticeKind]} ${v.noticeNumber}` : '';
  return {
    cardId: ctx.cardId,
    title: notice ? `${notice}（${v.number}）` : `违章整改 ${v.number}`,
    description: [ctx.note, VIOLATION_STATUS_LABELS[v.status]].filter(Boolean).join('\n'),
    source: '商场运营部 · 现场违章处理',
    fields: [
      { label: '商铺', value: `${v.shopCode}${ctx.shopName ? ` ${ctx.shopName}` : ''}` },
      { label: '类别', value: FINDING_LABELS[v.category] },
      { label: '整改期限', value: ctx.when(v.fixBy) },
      { label: '违章次数', value: `第 ${v.offenceNo} 次` },
      ...(v.signedAt ? [{ label: '签收时间', value: ctx.when(v.signedAt) }] : []),
      ...(v.meetingNote ? [{ label: '约见业户', value: v.meetingNote }] : []),
    ],
    quote: v.text,
    actions: ctx.actions.map((a) => ({
      key: inspectionKey({ kind: 'violation', action: a, id: v.id, stage: v.stage }),
      label: VIOLATION_ACTION_SPECS[a].label,
      style: VIOLATION_ACTION_SPECS[a].style,
    })),
  };
};
