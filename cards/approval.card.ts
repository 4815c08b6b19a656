import { APPROVAL_LABELS, ROLE_LABELS } from '../src/domain/approval/approval.rules.js';
import type { ApprovalView } from '../src/persistence/repositories/approval.repository.js';
import type { Card } from './card.types.js';

export interface ApprovalCardContext {
  readonly cardId: string;
  readonly requesterName: string;
  readonly when: (d: Date) => string;
}

/** Action keys: `approval:<verb>:<approvalId>:<step>`; the step makes a stale card's click harmless. */
export const approvalActionKey = (verb: 'approve' | 'reject', approvalId: string, step: number): string =>
  `approval:${verb}:${approvalId}:${step}`;

export const parseApprovalActionKey = (
  key: string,
): { verb: 'approve' | 'reject'; approvalId: string; step: number } | undefined => {
  const m = /^approval:(approve|reject):([0-9a-f]{24}):(\d{1,2})$/.exec(key);
  if (!m?.[1] || !m[2] || !m[3]) return undefined;
  return { verb: m[1] as 'approve' | 'reject', approvalId: m[2], step: Number(m[3]) };
};

/** The card an approver receives for the current step. Pure: no I/O, time formatting injected. */
export const presentApprovalCard = (a: ApprovalView, ctx: ApprovalCardContext): Card => {
  const step = a.steps[a.currentStep];
  return {
    cardId: ctx.cardId,
    title: `${APPROVAL_LABELS[a.type]}申请 ${a.number}`,
    description: step ? `待${ROLE_LABELS[step.role]}审批（第${a.currentStep + 1}/${a.steps.length}步）` : '',
    source: '商场运营部 · 审批',
    fields: [
      { label: '申请人', value: ctx.requesterName },
      ...(a.shopCode ? [{ label: '商铺', value: a.shopCode }] : []),
      ...a.details.map((d) => ({ label: d.label, value: d.value })),
      { label: '提交时间', value: ctx.when(a.createdAt) },
    ],
    actions: [
      { key: approvalActionKey('approve', a.id, a.currentStep), label: '同意', style: 'primary' },
      { key: approvalActionKey('reject', a.id, a.currentStep), label: '驳回', style: 'danger' },
    ],
    ...(a.text ? { quote: a.text } : {}),
  };
};

/** The label every copy of a decided card shows in place of its buttons. */
export const decidedLabel = (decision: 'approved' | 'rejected', deciderName: string): string =>
  `${decision === 'approved' ? '已同意' : '已驳回'} · ${deciderName}`;
