import { canActAs, nextUp } from '../duty/duty.rules.js';
import type { PersonView } from '../people/people.types.js';
import type { Machine } from '../shared/machine.js';
import {
  APPROVAL_ACTIONS,
  APPROVAL_PARTIES,
  APPROVAL_STATUSES,
  type ApprovalAction,
  type ApprovalParty,
  type ApprovalStatus,
  type ApprovalView,
} from './approval.types.js';

export const APPROVAL_GUARDS = ['last_step', 'more_steps', 'can_pass_up'] as const;
export type ApprovalGuard = (typeof APPROVAL_GUARDS)[number];

/**
 * An approval request: a chain of steps, each decided by someone holding its role. Approving the
 * last step approves the request; a rejection ends it; the current approver may pass the step up
 * one rung; the requester may withdraw it while it is pending.
 */
export const approvalMachine: Machine<
  ApprovalStatus,
  ApprovalAction,
  ApprovalParty,
  ApprovalGuard,
  ApprovalView
> = {
  states: APPROVAL_STATUSES,
  actions: APPROVAL_ACTIONS,
  parties: APPROVAL_PARTIES,
  table: {
    approve: [
      { from: ['pending'], by: ['approver'], to: 'approved', guard: 'last_step' },
      { from: ['pending'], by: ['approver'], to: null, guard: 'more_steps' },
    ],
    reject: [{ from: ['pending'], by: ['approver'], to: 'rejected' }],
    pass_up: [{ from: ['pending'], by: ['approver'], to: null, guard: 'can_pass_up' }],
    cancel: [{ from: ['pending'], by: ['requester'], to: 'cancelled' }],
  },
  guards: {
    last_step: (a) => a.currentStep === a.steps.length - 1,
    more_steps: (a) => a.currentStep < a.steps.length - 1,
    can_pass_up: (a) => {
      const role = a.steps[a.currentStep]?.role;
      return role !== undefined && nextUp(role) !== undefined;
    },
  },
};

/** Why someone who holds the step's role still may not decide it (separation of duties). */
export type ApproverConflict = 'own_request' | 'decided_earlier_step' | undefined;

export const approverConflict = (a: ApprovalView, person: PersonView): ApproverConflict => {
  if (person.id === a.requesterId) return 'own_request';
  if (a.steps.some((s, i) => i < a.currentStep && s.deciderId === person.id)) return 'decided_earlier_step';
  return undefined;
};

/** How `person` stands to approval `a` (pure). */
export const approvalParties = (a: ApprovalView, person: PersonView | null): Set<ApprovalParty> => {
  const parties = new Set<ApprovalParty>();
  if (!person?.active) return parties;
  if (person.id === a.requesterId) parties.add('requester');
  const step = a.steps[a.currentStep];
  if (
    person.kind === 'staff' &&
    step &&
    canActAs(person.roles, step.role) &&
    approverConflict(a, person) === undefined
  ) {
    parties.add('approver');
  }
  return parties;
};
