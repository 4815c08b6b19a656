import { presentApprovalCard } from '../../cards/approval.card.js';
import { APPROVAL_ACTION_SPECS } from '../domain/approval/approval.actions.js';
import { APPROVAL_LABELS } from '../domain/approval/approval.rules.js';
import type { ApprovalOutcome } from '../domain/approval/approval.service.js';
import type { ApprovalView } from '../domain/approval/approval.types.js';
import { type PersonView, ROLE_LABELS } from '../domain/people/people.types.js';
import { approvalButtons } from './buttons.js';
import type { NoticeKit } from './kit.js';

type Done = Extract<ApprovalOutcome, { kind: 'done' }>;

/**
 * Cards for the current step to everyone on duty who may decide it. Nobody gets a card for a
 * request they may not decide (their own, or a second step of a chain they already signed).
 */
export const approvalStep = async (k: NoticeKit, a: ApprovalView, note?: string): Promise<number> => {
  const step = a.steps[a.currentStep];
  if (!step || a.status !== 'pending') return 0;
  const requester = await k.name(a.requesterId, '申请人');
  let sent = 0;
  for (const p of await k.onDuty([step.role])) {
    sent += await k.card('approval', a, p, (v: ApprovalView, cardId: string, person: PersonView) => {
      const buttons = approvalButtons(v, person);
      if (buttons.length === 0) return undefined;
      return presentApprovalCard(v, {
        cardId,
        buttons,
        names: { reporter: requester },
        when: (d) => k.when(d),
        ...(note ? { note } : {}),
      });
    });
  }
  return sent;
};

/** One decision: every copy of the decided step's card shows who decided and when; the next step is sent. */
export const approvalChanged = async (k: NoticeKit, o: Done): Promise<void> => {
  const a = o.after;
  const entry = a.history.at(-1);
  const label = APPROVAL_LABELS[a.type];
  if (entry) {
    const done = await k.doneLabel(APPROVAL_ACTION_SPECS[o.action].done, entry);
    await k.closeBefore('approval', a.id, a.stage, done, `${label}申请 ${a.number}：${done}`);
  }
  const who = o.actor?.name ?? '审批人';
  const reason = (o.input.text ?? '').trim();
  const next = a.steps[a.currentStep];
  const tell = (text: string) => k.toChannel(a.channel, text);
  switch (o.action) {
    case 'approve':
      if (a.status === 'approved') tell(`您的${label}申请 ${a.number} 已审批通过（${who}）。`);
      else {
        tell(
          `您的${label}申请 ${a.number} 已通过第${a.currentStep}步（${who}），等待${ROLE_LABELS[next?.role ?? 'manager']}审批。`,
        );
        await approvalStep(k, a);
      }
      return;
    case 'reject':
      tell(
        `您的${label}申请 ${a.number} 已被驳回（${who}）。原因：${reason || '未说明'}。如有疑问请联系前台。`,
      );
      return;
    case 'pass_up':
      tell(`您的${label}申请 ${a.number} 已转交${ROLE_LABELS[next?.role ?? 'manager']}审批。`);
      await approvalStep(k, a, `${who}上报：${reason}`);
      return;
    case 'cancel':
      tell(`您的${label}申请 ${a.number} 已撤回。`);
      return;
  }
};

/** One approver's copy of the card (a to-do list). */
export const approvalCardFor = async (
  k: NoticeKit,
  a: ApprovalView,
  person: PersonView,
  suffix: string,
): Promise<number> => {
  const requester = await k.name(a.requesterId, '申请人');
  return k.card(
    'approval',
    a,
    person,
    (v: ApprovalView, cardId: string, p: PersonView) =>
      presentApprovalCard(v, {
        cardId,
        buttons: approvalButtons(v, p),
        names: { reporter: requester },
        when: (d) => k.when(d),
      }),
    suffix,
  );
};
