import { isSupervisorOf } from '../duty/ladder.js';
import type { PersonView } from '../people/people.types.js';
import type { Machine } from '../shared/machine.js';
import {
  DISPUTE_ACTIONS,
  DISPUTE_PARTIES,
  DISPUTE_STATUSES,
  type DisputeAction,
  type DisputeParty,
  type DisputeStatus,
  type DisputeView,
} from './dispute.types.js';

export const DISPUTE_GUARDS = [] as const;
export type DisputeGuard = (typeof DISPUTE_GUARDS)[number];

/**
 * Buyer–seller disputes (9.3.2): mediate, then settle (协议解决) or refer (工商/市场监管, 公安).
 * A referred dispute can still be settled later (the outcome of the regulator's mediation).
 */
export const disputeMachine: Machine<DisputeStatus, DisputeAction, DisputeParty, DisputeGuard, DisputeView> =
  {
    states: DISPUTE_STATUSES,
    actions: DISPUTE_ACTIONS,
    parties: DISPUTE_PARTIES,
    table: {
      settle: [{ from: ['mediating', 'referred'], by: ['mediator', 'supervisor'], to: 'settled' }],
      refer_regulator: [{ from: ['mediating'], by: ['mediator', 'supervisor'], to: 'referred' }],
      call_police: [{ from: ['mediating', 'referred'], by: ['mediator', 'supervisor'], to: 'referred' }],
    },
    guards: {},
  };

/** How `person` stands to a dispute (pure). */
export const disputeParties = (d: DisputeView, person: PersonView | null): Set<DisputeParty> => {
  const parties = new Set<DisputeParty>();
  if (!person?.active || person.kind !== 'staff') return parties;
  if (person.id === d.mediatorId) parties.add('mediator');
  if (isSupervisorOf(person.roles, 'senior_assistant')) parties.add('supervisor');
  return parties;
};
