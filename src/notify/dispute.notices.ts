import { presentDisputeCard } from '../../cards/dispute.card.js';
import { DISPUTE_ACTION_SPECS } from '../domain/dispute/dispute.actions.js';
import { disputeMachine, disputeParties } from '../domain/dispute/dispute.machine.js';
import type { DisputeOutcome } from '../domain/dispute/dispute.service.js';
import type { DisputeView } from '../domain/dispute/dispute.types.js';
import { availableActions } from '../domain/shared/machine.js';
import { closeInspectionCards, inspectionCard } from './inspection-kit.js';
import type { NoticeKit } from './kit.js';

type Done = Extract<DisputeOutcome, { kind: 'done' }>;

/** The mediator's card: settle, or refer to the regulator or the police. */
export const disputeRecorded = (k: NoticeKit, d: DisputeView): Promise<void> =>
  mediatorCard(k, d, '请主动调解，力促双方达成协议（9.3.2）。');

const mediatorCard = async (k: NoticeKit, d: DisputeView, note: string): Promise<void> => {
  const mediator = await k.person(d.mediatorId);
  if (!mediator) return;
  const name = mediator.name;
  await inspectionCard(k, 'dispute', d, mediator, (x, cardId, who) =>
    presentDisputeCard(x, {
      cardId,
      actions: availableActions(disputeMachine, x.status, disputeParties(x, who), x),
      mediator: name,
      when: (t) => k.when(t),
      note,
    }),
  );
};

/**
 * A dispute moved: the old cards close; a referral (regulator, police) is reported at once to
 * the senior assistant and the manager with the time it was made (9.3.2.2-3).
 */
export const disputeChanged = async (k: NoticeKit, o: Done): Promise<void> => {
  const d = o.after;
  const entry = d.history.at(-1);
  if (entry) {
    const label = await k.doneLabel(DISPUTE_ACTION_SPECS[o.action].done, entry);
    await closeInspectionCards(k, 'dispute', d.id, d.stage, label, `纠纷 ${d.number}：${label}`);
  }
  const who = o.actor?.name ?? '物业助理';
  if (o.action === 'settle') {
    if (o.actor) await k.text(o.actor.id, `纠纷 ${d.number} 已记录调解结果：${d.outcome ?? ''}`);
    return;
  }
  const to = o.action === 'call_police' ? '公安机关（报警）' : '市场监管部门';
  const text = `【纠纷升级】${d.number}${d.shopCode ? `（${d.shopCode}）` : ''}已由${who}于 ${k.when(o.at)} 移交${to}。\n情况：${entry?.note ?? ''}\n纠纷：${d.text}`;
  for (const p of await k.onDuty(['senior_assistant', 'manager'])) await k.text(p.id, text);
  if (o.actor)
    await k.text(o.actor.id, `已记录：${d.number} 于 ${k.when(o.at)} 移交${to}，已报告主管和经理。`);
  // What can still happen (a settlement after all, the police) stays one press away.
  await mediatorCard(k, d, `已移交${to}，如有后续请记录。`);
};
