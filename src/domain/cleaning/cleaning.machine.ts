import { isSupervisorOf } from '../duty/ladder.js';
import type { PersonView } from '../people/people.types.js';
import type { Machine } from '../shared/machine.js';
import {
  CLEANING_ACTIONS,
  CLEANING_PARTIES,
  CLEANING_STATUSES,
  type CleaningAction,
  type CleaningParty,
  type CleaningStatus,
  type CleaningView,
} from './cleaning.types.js';

export const CLEANING_GUARDS = [] as const;
export type CleaningGuard = (typeof CLEANING_GUARDS)[number];

/**
 * Cleaning deductions (6): the contractor's supervisor confirms (双方签名确认) or disputes; a
 * dispute goes to the senior assistant, who upholds or waives it. Minor findings have no moves.
 */
export const cleaningMachine: Machine<
  CleaningStatus,
  CleaningAction,
  CleaningParty,
  CleaningGuard,
  CleaningView
> = {
  states: CLEANING_STATUSES,
  actions: CLEANING_ACTIONS,
  parties: CLEANING_PARTIES,
  table: {
    confirm: [{ from: ['pending'], by: ['contractor'], to: 'confirmed' }],
    dispute: [{ from: ['pending'], by: ['contractor'], to: 'disputed' }],
    uphold: [{ from: ['disputed'], by: ['supervisor'], to: 'upheld' }],
    waive: [{ from: ['disputed'], by: ['supervisor'], to: 'waived' }],
  },
  guards: {},
};

/** How `person` stands to a deduction (pure). */
export const cleaningParties = (c: CleaningView, person: PersonView | null): Set<CleaningParty> => {
  const parties = new Set<CleaningParty>();
  if (!person?.active || person.kind !== 'staff') return parties;
  if (person.roles.includes('cleaning_contractor')) parties.add('contractor');
  if (person.id === c.inspectorId) parties.add('inspector');
  if (isSupervisorOf(person.roles, 'senior_assistant') && person.id !== c.inspectorId)
    parties.add('supervisor');
  return parties;
};
