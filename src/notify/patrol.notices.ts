import { presentPatrolCard } from '../../cards/patrol.card.js';
import { PATROL_ACTION_SPECS } from '../domain/patrol/patrol.actions.js';
import { patrolMachine, patrolParties } from '../domain/patrol/patrol.machine.js';
import type { PatrolOutcome } from '../domain/patrol/patrol.service.js';
import type { FindingView, PatrolView } from '../domain/patrol/patrol.types.js';
import type { PersonView } from '../domain/people/people.types.js';
import { availableActions } from '../domain/shared/machine.js';
import { closeInspectionCards, inspectionCard } from './inspection-kit.js';
import type { NoticeKit } from './kit.js';

type Done = Extract<PatrolOutcome, { kind: 'done' }>;

/** Who reviews patrol records: the on-duty senior assistant (4.1.7). */
export const PATROL_REVIEWERS = ['senior_assistant'] as const;

const recordCard = async (
  k: NoticeKit,
  p: PatrolView,
  findings: readonly FindingView[],
  person: PersonView,
  note?: string,
  suffix = '',
): Promise<number> => {
  const walker = await k.name(p.walkerId, '物业助理');
  return inspectionCard(
    k,
    'patrol',
    p,
    person,
    (v, cardId, who) =>
      presentPatrolCard(v, findings, {
        cardId,
        actions: availableActions(patrolMachine, v.status, patrolParties(v, who), v).filter(
          (a) => a !== 'end',
        ),
        walker,
        when: (d) => k.when(d),
        ...(note ? { note } : {}),
      }),
    suffix,
  );
};

/**
 * A patrol moved: ended → the record goes to the on-duty senior assistant to review; reviewed →
 * every copy shows who reviewed it, and the walker is told.
 */
export const patrolChanged = async (
  k: NoticeKit,
  o: Done,
  findings: readonly FindingView[],
): Promise<void> => {
  const p = o.after;
  const entry = p.history.at(-1);
  if (entry) {
    const label = await k.doneLabel(PATROL_ACTION_SPECS[o.action].done, entry);
    await closeInspectionCards(k, 'patrol', p.id, p.stage, label, `巡场记录 ${p.number}：${label}`);
  }
  if (o.action === 'end') {
    const walker = await k.name(p.walkerId, '物业助理');
    for (const r of await k.onDuty(PATROL_REVIEWERS)) {
      if (r.id === p.walkerId) continue;
      await recordCard(k, p, findings, r, `${walker}提交了巡场情况记录表，请审阅`);
    }
  }
  if (o.action === 'review' && o.actor?.id !== p.walkerId) {
    await k.text(p.walkerId, `您的巡场情况记录表 ${p.number} 已由${o.actor?.name ?? '主管'}审阅。`);
  }
};

/** One person's copy of a patrol record (a to-do list or a coverage question). */
export const patrolCardFor = (
  k: NoticeKit,
  p: PatrolView,
  findings: readonly FindingView[],
  person: PersonView,
  suffix: string,
): Promise<number> => recordCard(k, p, findings, person, undefined, suffix);
