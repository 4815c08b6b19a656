import { APPROVAL_ACTION_SPECS } from '../src/domain/approval/approval.actions.js';
import { APPROVAL_LABELS } from '../src/domain/approval/approval.rules.js';
import type { ApprovalAction, ApprovalView } from '../src/domain/approval/approval.types.js';
import { progressLine } from '../src/domain/approval/follow-up.rules.js';
import { ROLE_LABELS } from '../src/domain/people/people.types.js';
import { actionKey } from './action-key.js';
import type { Card } from './card.types.js';
import type { TicketCardContext } from './ticket-card.types.js';

const EXTENSION_LABELS = { pending: '待客服副经理审批', granted: '已同意', refused: '未同意' } as const;

/** The archive ledger's lines: important file, times out and back (both sides), a next-day return. */
const archiveFields = (a: ApprovalView, ctx: TicketCardContext): { label: string; value: string }[] => {
  const at = (action: string) => a.history.find((h) => h.action === action)?.at;
  const times: [string, string][] = [
    ['file_out', '出档时间'],
    ['confirm_out', '借阅人确认取档'],
    ['file_back', '归档时间'],
    ['confirm_back', '借阅人确认归还'],
  ];
  return [
    ...(a.conditions.includes('important')
      ? [{ label: '重要文件', value: '是（档案管理员标记，复印须公司领导审批）' }]
      : []),
    ...times.flatMap(([action, label]) => {
      const t = at(action);
      return t ? [{ label, value: ctx.when(t) }] : [];
    }),
    ...(a.extension
      ? [{ label: '次日归还', value: `${a.extension.reason}（${EXTENSION_LABELS[a.extension.status]}）` }]
      : []),
  ];
};

/** "待高级物业助理审批" or, for a step owned by a shop's signers, "待登记签字人确认". */
export const stepWaitText = (a: ApprovalView): string => {
  const step = a.steps[a.currentStep];
  if (!step) return '';
  const who = step.personIds?.length ? '登记签字人确认' : `${ROLE_LABELS[step.role]}审批`;
  return `待${who}（第${a.currentStep + 1}/${a.steps.length}步）`;
};

/** "装修图纸 2份、防火材料承诺书 1份": what was sent with the request (the files follow the card). */
const attachmentsLine = (a: ApprovalView): string => {
  const counts = new Map<string, number>();
  for (const f of a.attachments) counts.set(f.label, (counts.get(f.label) ?? 0) + 1);
  return [...counts].map(([label, n]) => `${label} ${n}份`).join('、');
};

/** The card an approver receives for the current step. Pure: no I/O, time formatting injected. */
export const presentApprovalCard = (a: ApprovalView, ctx: TicketCardContext): Card => {
  const step = a.steps[a.currentStep];
  const pass = a.type === 'goods_release' && a.status !== 'pending';
  const key = a.type === 'key_loan' && a.status !== 'pending';
  const archive = a.type === 'archive_access' && a.status !== 'pending';
  return {
    cardId: ctx.cardId,
    title: pass
      ? `放行条 ${a.number}`
      : key
        ? `借匙登记 ${a.number}`
        : archive
          ? `档案借阅登记 ${a.number}`
          : `${APPROVAL_LABELS[a.type]}申请 ${a.number}`,
    description: [ctx.note, step && a.status === 'pending' ? stepWaitText(a) : ''].filter(Boolean).join('\n'),
    source: '商场运营部 · 审批',
    fields: [
      { label: '申请人', value: ctx.names.reporter },
      ...(a.shopCode ? [{ label: '商铺', value: a.shopCode }] : []),
      ...a.details.map((d) => ({ label: d.label, value: d.value })),
      { label: '提交时间', value: ctx.when(a.createdAt) },
      ...(pass && a.dueAt ? [{ label: '有效期至', value: ctx.when(a.dueAt) }] : []),
      ...((key || archive) && a.dueAt ? [{ label: '应还时间', value: ctx.when(a.dueAt) }] : []),
      ...(a.type === 'archive_access' ? archiveFields(a, ctx) : []),
      ...(ctx.names.owner ? [{ label: '审批人', value: ctx.names.owner }] : []),
      ...(a.attachments.length > 0 ? [{ label: '附件', value: attachmentsLine(a) }] : []),
      ...(a.tasks.length > 0 && a.status !== 'pending' ? [{ label: '进度', value: progressLine(a) }] : []),
    ],
    actions: ctx.buttons.map((b) => ({
      key: actionKey({ kind: 'approval', action: b.action, id: a.id, stage: a.stage }),
      label: b.label ?? APPROVAL_ACTION_SPECS[b.action as ApprovalAction].label,
      style: APPROVAL_ACTION_SPECS[b.action as ApprovalAction].style,
    })),
    ...(a.text ? { quote: a.text } : {}),
  };
};
