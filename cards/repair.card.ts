import { REPAIR_ACTION_SPECS } from '../src/domain/repair/repair.actions.js';
import {
  BILLING_LABELS,
  COMPENSATION_LABELS,
  REPAIR_CATEGORY_LABELS,
  REPAIR_STATUS_LABELS,
} from '../src/domain/repair/repair.rules.js';
import type { RepairAction, RepairView } from '../src/domain/repair/repair.types.js';
import { actionKey } from './action-key.js';
import type { Card, CardAction } from './card.types.js';
import { whereOf } from './complaint.card.js';
import type { TicketCardContext } from './ticket-card.types.js';
import { waitFields } from './wait-field.js';

const HEAD = { emergency: '【紧急】', urgent: '【加急】', normal: '' } as const;

const billingLine = (r: RepairView): string => {
  if (r.quoteAmount === undefined) return BILLING_LABELS[r.billing];
  const state = {
    none: '',
    pending: '（待商户确认）',
    accepted: '（商户已接受）',
    declined: '（商户不接受）',
  };
  return `${BILLING_LABELS[r.billing]} ${r.quoteAmount} 元${state[r.quoteStatus]}`;
};

/** Lift faults carry their three times (电梯运行管理规定). */
const liftLines = (r: RepairView, when: (d: Date) => string) =>
  r.category === 'lift'
    ? [
        { label: '发现故障', value: when(r.faultFoundAt) },
        ...(r.repairStartedAt ? [{ label: '开始维修', value: when(r.repairStartedAt) }] : []),
        ...(r.restoredAt ? [{ label: '恢复运行', value: when(r.restoredAt) }] : []),
      ]
    : [];

/** The card about a work order: engineering's, a supervisor's, or the reporter's (quote, verify). */
export const presentRepairCard = (r: RepairView, ctx: TicketCardContext): Card => {
  const actions: CardAction[] = ctx.buttons.map((b) => ({
    key: actionKey({
      kind: 'repair',
      action: b.action,
      id: r.id,
      stage: r.stage,
      ...(b.arg ? { arg: b.arg } : {}),
    }),
    label: b.label ?? REPAIR_ACTION_SPECS[b.action as RepairAction].label,
    style: REPAIR_ACTION_SPECS[b.action as RepairAction].style,
  }));
  const owner = ctx.names.owner ? ` · 维修人员：${ctx.names.owner}` : '';
  return {
    cardId: ctx.cardId,
    title: `${HEAD[r.urgency]}报修工单 ${r.number}`,
    description: [ctx.note, `${REPAIR_STATUS_LABELS[r.status]}${owner}`].filter(Boolean).join('\n'),
    source: `商场运营部 · 工程（${REPAIR_CATEGORY_LABELS[r.category]}）`,
    fields: [
      { label: '报修人', value: ctx.names.reporter },
      { label: '位置', value: whereOf(r) },
      { label: '收费', value: billingLine(r) },
      ...waitFields(r.wait, ctx.when),
      ...liftLines(r, ctx.when),
      ...(r.depositStatus !== 'none'
        ? [
            {
              label: '维修押金',
              value: `${r.depositAmount ?? 0} 元（${r.depositStatus === 'held' ? '已收取' : '已退还'}）`,
            },
          ]
        : []),
      ...(r.compensationStatus !== 'none'
        ? [
            {
              label: r.compensationStatus === 'deducted' ? '保证金扣除' : '损坏赔偿金',
              value: `${r.compensationAmount ?? 0} 元（${COMPENSATION_LABELS[r.compensationStatus]}）`,
            },
          ]
        : []),
      ...(r.attachmentIds.length > 0 ? [{ label: '照片', value: `${r.attachmentIds.length} 张` }] : []),
      { label: '报修时间', value: ctx.when(r.createdAt) },
    ],
    actions,
    quote: r.text,
  };
};
