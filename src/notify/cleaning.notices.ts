import { presentCleaningCard } from '../../cards/cleaning.card.js';
import { CLEANING_ACTION_SPECS } from '../domain/cleaning/cleaning.actions.js';
import { cleaningMachine, cleaningParties } from '../domain/cleaning/cleaning.machine.js';
import type { CleaningOutcome } from '../domain/cleaning/cleaning.service.js';
import type { CleaningView } from '../domain/cleaning/cleaning.types.js';
import type { PersonView } from '../domain/people/people.types.js';
import { availableActions } from '../domain/shared/machine.js';
import { closeInspectionCards, inspectionCard } from './inspection-kit.js';
import type { NoticeKit } from './kit.js';

type Done = Extract<CleaningOutcome, { kind: 'done' }>;

const card = async (k: NoticeKit, c: CleaningView, person: PersonView, note?: string, suffix = '') => {
  const inspector = await k.name(c.inspectorId, '物业助理');
  return inspectionCard(
    k,
    'cleaning',
    c,
    person,
    (x, cardId, who) =>
      presentCleaningCard(x, {
        cardId,
        actions: availableActions(cleaningMachine, x.status, cleaningParties(x, who), x),
        inspector,
        when: (d) => k.when(d),
        ...(note ? { note } : {}),
      }),
    suffix,
  );
};

/** One person's copy of a deduction's card (a to-do list). */
export const cleaningCardFor = (
  k: NoticeKit,
  c: CleaningView,
  person: PersonView,
  suffix: string,
): Promise<number> => card(k, c, person, undefined, suffix);

/** A new deduction goes to the cleaning company's supervisor on duty to confirm or dispute. */
export const cleaningRecorded = async (k: NoticeKit, c: CleaningView): Promise<number> => {
  if (c.status !== 'pending') return 0;
  let n = 0;
  for (const p of await k.onDuty(['cleaning_contractor'])) {
    if (!p.roles.includes('cleaning_contractor')) continue;
    n += await card(k, c, p, `物业检查发现不符合清洁标准，扣 ${c.points} 分，请确认（双方签名确认）。`);
  }
  return n;
};

/** One step of a deduction: close the old cards; a dispute goes to the senior assistant on duty. */
export const cleaningChanged = async (k: NoticeKit, o: Done): Promise<void> => {
  const c = o.after;
  const entry = c.history.at(-1);
  if (entry) {
    const label = await k.doneLabel(CLEANING_ACTION_SPECS[o.action].done, entry);
    await closeInspectionCards(k, 'cleaning', c.id, c.stage, label, `清洁扣分 ${c.number}：${label}`);
  }
  const who = o.actor?.name ?? '清洁公司';
  switch (o.action) {
    case 'confirm':
      await k.text(c.inspectorId, `清洁扣分 ${c.number}（${c.item} ${c.points} 分）已由${who}确认。`);
      break;
    case 'dispute':
      await k.text(
        c.inspectorId,
        `清洁公司${who}对扣分 ${c.number} 有异议：${c.disputeReason ?? ''}，已转高级物业助理处理。`,
      );
      for (const p of await k.onDuty(['senior_assistant'])) {
        if (p.id !== c.inspectorId) await card(k, c, p, `清洁公司对扣分有异议：${c.disputeReason ?? ''}`);
      }
      break;
    case 'uphold':
    case 'waive': {
      const text = `清洁扣分 ${c.number} 的异议已处理：${o.action === 'uphold' ? '维持扣分' : '撤销扣分'}（${who}）。`;
      for (const id of new Set([c.inspectorId, ...(c.contractorId ? [c.contractorId] : [])]))
        await k.text(id, text);
      break;
    }
  }
};
