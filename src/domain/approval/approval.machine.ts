import { canActAs, nextUp } from '../duty/duty.rules.js';
import { type PersonView, type Role, SYSTEM_ID } from '../people/people.types.js';
import type { Machine } from '../shared/machine.js';
import { APPROVAL_TYPE_DEFS, markFor } from './approval.rules.js';
import {
  APPROVAL_ACTIONS,
  APPROVAL_PARTIES,
  APPROVAL_STATUSES,
  type ApprovalAction,
  type ApprovalParty,
  type ApprovalStatus,
  type ApprovalView,
  type StandIn,
} from './approval.types.js';
import {
  FOLLOW_UP_GUARDS,
  FOLLOW_UP_TABLE,
  type FollowUpGuard,
  REMIND_REMOVAL_ROWS,
} from './follow-up.machine.js';

export const APPROVAL_GUARDS = [
  'last_step',
  'more_steps',
  'can_pass_up',
  'gate_pass',
  'key_ledger',
  'can_mark',
  'archive_ledger',
  'can_ask_extension',
  'extension_pending',
] as const;
export type ApprovalGuard = (typeof APPROVAL_GUARDS)[number] | FollowUpGuard;

/**
 * An approval request: a chain of steps, each decided by someone holding its role. Approving the
 * last step approves the request; a rejection ends it; the current approver may pass the step up
 * one rung; the requester may withdraw it while it is pending. A type whose approval opens a gate
 * pass (goods release) goes on: approving the last step issues the pass, security marks the goods
 * 已放行 from its card, or the pass runs out unused (the product expires it). A key loan is a
 * ledger: the keeper (senior assistant or above) marks the key 已领取 when handing it over and
 * 已归还 when it comes back. An archive loan is a ledger confirmed by both sides: the archive clerk
 * records the file out (出档) and the borrower confirms receipt; the clerk records it back (归档)
 * and the borrower confirms; the borrower may ask to return it the next day with a reason, which a
 * deputy manager or above grants or refuses. The clerk marks a file important (a copy then needs a
 * vice-president's step), while pending or once approved and not yet out.
 * 已归还 when it comes back. A type whose approval starts work (move-out clearance, a renovation's
 * inspection, a lock change, a staff pass) has follow-up tasks: their rows come from the task data
 * (`follow-up.machine.ts`), and the last task done completes the request. An approved posting's
 * removal is reminded once by the product (`remind_removal`).
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
    gate_release: [{ from: ['approved'], by: ['gate'], to: 'released', guard: 'gate_pass' }],
    expire: [{ from: ['approved'], by: ['system'], to: 'expired', guard: 'gate_pass' }],
    hand_over: [{ from: ['approved'], by: ['keeper'], to: 'handed_over', guard: 'key_ledger' }],
    take_back: [{ from: ['handed_over'], by: ['keeper'], to: 'returned', guard: 'key_ledger' }],
    mark_important: [
      { from: ['pending'], by: ['archivist'], to: null, guard: 'can_mark' },
      { from: ['approved'], by: ['archivist'], to: 'pending', guard: 'can_mark' },
    ],
    file_out: [{ from: ['approved'], by: ['archivist'], to: 'handing_out', guard: 'archive_ledger' }],
    confirm_out: [{ from: ['handing_out'], by: ['requester'], to: 'checked_out', guard: 'archive_ledger' }],
    ask_extension: [
      { from: ['handing_out', 'checked_out'], by: ['requester'], to: null, guard: 'can_ask_extension' },
    ],
    grant_extension: [
      { from: ['handing_out', 'checked_out'], by: ['overseer'], to: null, guard: 'extension_pending' },
    ],
    refuse_extension: [
      { from: ['handing_out', 'checked_out'], by: ['overseer'], to: null, guard: 'extension_pending' },
    ],
    file_back: [
      { from: ['handing_out', 'checked_out'], by: ['archivist'], to: 'returning', guard: 'archive_ledger' },
    ],
    confirm_back: [{ from: ['returning'], by: ['requester'], to: 'filed_back', guard: 'archive_ledger' }],
    ...FOLLOW_UP_TABLE,
    remind_removal: REMIND_REMOVAL_ROWS,
  },
  guards: {
    last_step: (a) => a.currentStep === a.steps.length - 1,
    more_steps: (a) => a.currentStep < a.steps.length - 1,
    can_pass_up: (a) => {
      const step = a.steps[a.currentStep];
      return step !== undefined && !step.personIds?.length && nextUp(step.role) !== undefined;
    },
    gate_pass: (a) => APPROVAL_TYPE_DEFS[a.type].ledger === 'gate_pass',
    key_ledger: (a) => APPROVAL_TYPE_DEFS[a.type].ledger === 'key_loan',
    // Whether this clerk may mark it is a party question; here: some mark is still open.
    can_mark: (a) =>
      (APPROVAL_TYPE_DEFS[a.type].marks ?? []).some(
        (m) => markFor(a.type, a.conditions, [m.by]) !== undefined,
      ),
    archive_ledger: (a) => APPROVAL_TYPE_DEFS[a.type].ledger === 'archive',
    can_ask_extension: (a) => APPROVAL_TYPE_DEFS[a.type].ledger === 'archive' && a.extension === undefined,
    extension_pending: (a) => a.extension?.status === 'pending',
    ...FOLLOW_UP_GUARDS,
  },
};

/** Why someone who holds the step's role still may not decide it (separation of duties). */
export type ApproverConflict = 'own_request' | 'decided_earlier_step' | undefined;

const decidedBefore = (a: ApprovalView, id: string): boolean =>
  a.steps.some((s, i) => i < a.currentStep && (s.deciderId === id || s.onBehalfOfId === id));

export const approverConflict = (a: ApprovalView, person: { readonly id: string }): ApproverConflict => {
  if (person.id === a.requesterId) return 'own_request';
  if (decidedBefore(a, person.id)) return 'decided_earlier_step';
  return undefined;
};

/**
 * True when someone with `roles` may decide the current step of `a` (ignoring who the person is,
 * except on a step owned by named people, which only they decide).
 */
const holdsStep = (a: ApprovalView, roles: readonly Role[], id?: string): boolean => {
  const step = a.steps[a.currentStep];
  if (step === undefined) return false;
  if (step.personIds?.length) return id !== undefined && step.personIds.includes(id);
  return canActAs(roles, step.role);
};

/**
 * The person `actor` stands in for on the current step, when they may not decide it themselves:
 * an active stand-in whose principal holds the step's role, where neither of them is the requester
 * or decided an earlier step (a stand-in never lets one person sign twice).
 */
export const standInFor = (
  a: ApprovalView,
  actor: PersonView,
  standIns: readonly StandIn[],
  at: Date,
): StandIn['principal'] | undefined => {
  if (a.status !== 'pending' || actor.kind !== 'staff' || approverConflict(a, actor) !== undefined)
    return undefined;
  if (holdsStep(a, actor.roles)) return undefined;
  return standIns.find(
    (s) =>
      s.principal.active &&
      s.principal.id !== actor.id &&
      s.from <= at &&
      at < s.until &&
      holdsStep(a, s.principal.roles) &&
      approverConflict(a, s.principal) === undefined,
  )?.principal;
};

/** How `person` stands to approval `a` (pure); `standIns` are the people they stand in for now. */
export const approvalParties = (
  a: ApprovalView,
  person: PersonView | null,
  standIns: readonly StandIn[] = [],
  at: Date = new Date(0),
): Set<ApprovalParty> => {
  const parties = new Set<ApprovalParty>();
  if (!person?.active) return parties;
  if (person.id === a.requesterId) parties.add('requester');
  if (person.id === SYSTEM_ID) parties.add('system');
  if (person.kind === 'staff' && person.roles.includes('security')) parties.add('gate');
  if (person.kind === 'staff' && canActAs(person.roles, 'senior_assistant')) parties.add('keeper');
  const borrower = person.id === a.requesterId;
  if (person.kind === 'staff' && !borrower) {
    if (person.roles.includes('archive_clerk')) parties.add('archivist');
    if (canActAs(person.roles, 'deputy_manager')) parties.add('overseer');
  }
  const named = Boolean(a.steps[a.currentStep]?.personIds?.length);
  if (person.kind === 'staff' && person.roles.includes('finance')) parties.add('finance');
  if (person.kind === 'staff' && person.roles.includes('engineering')) parties.add('engineering');
  if (
    (person.kind === 'staff' || named) &&
    approverConflict(a, person) === undefined &&
    (holdsStep(a, person.roles, person.id) || standInFor(a, person, standIns, at) !== undefined)
  ) {
    parties.add('approver');
  }
  return parties;
};
