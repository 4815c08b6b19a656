import { isSupervisorOf } from '../duty/ladder.js';
import type { PersonView } from '../people/people.types.js';
import type { Machine } from '../shared/machine.js';
import {
  PATROL_ACTIONS,
  PATROL_PARTIES,
  PATROL_STATUSES,
  type PatrolAction,
  type PatrolParty,
  type PatrolStatus,
  type PatrolView,
} from './patrol.types.js';

export const PATROL_GUARDS = [] as const;
export type PatrolGuard = (typeof PATROL_GUARDS)[number];

/**
 * The patrol lifecycle (4.1.7, 9.1.3): the assistant walks and records findings, ends the patrol,
 * and the record goes to the on-duty senior assistant, who reviews it (审阅).
 */
export const patrolMachine: Machine<PatrolStatus, PatrolAction, PatrolParty, PatrolGuard, PatrolView> = {
  states: PATROL_STATUSES,
  actions: PATROL_ACTIONS,
  parties: PATROL_PARTIES,
  table: {
    end: [{ from: ['walking'], by: ['walker'], to: 'submitted' }],
    review: [{ from: ['submitted'], by: ['reviewer'], to: 'reviewed' }],
  },
  guards: {},
};

/** How `person` stands to a patrol: its walker, or a senior assistant or above (pure). */
export const patrolParties = (p: PatrolView, person: PersonView | null): Set<PatrolParty> => {
  const parties = new Set<PatrolParty>();
  if (!person?.active || person.kind !== 'staff') return parties;
  if (person.id === p.walkerId) parties.add('walker');
  if (isSupervisorOf(person.roles, 'senior_assistant') && person.id !== p.walkerId) parties.add('reviewer');
  return parties;
};
