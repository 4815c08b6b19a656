import { isSupervisorOf } from '../duty/ladder.js';
import { type PersonView, SYSTEM_ID } from '../people/people.types.js';
import type { Machine } from '../shared/machine.js';
import { raisedUrgency } from './repair.rules.js';
import {
  REPAIR_ACTIONS,
  REPAIR_PARTIES,
  REPAIR_STATUSES,
  type RepairAction,
  type RepairParty,
  type RepairStatus,
  type RepairView,
} from './repair.types.js';

export const REPAIR_GUARDS = [
  'billing_undecided',
  'quote_possible',
  'billing_settled',
  'no_damage',
  'deposit_held',
  'compensation_due',
  'deductible',
  'linkable',
  'can_raise',
  'waited_accepted',
  'waited_in_progress',
] as const;
export type RepairGuard = (typeof REPAIR_GUARDS)[number];

const OPEN = [
  'reported',
  'dispatched',
  'accepted',
  'quoted',
  'in_progress',
  'fixed',
  'waiting',
] as const satisfies readonly RepairStatus[];

/**
 * The work-order lifecycle (5.1.5, 8, 9.3.3). Engineering takes it (接单) or a supervisor or the
 * front desk dispatches it to a named engineer; the engineer decides free or paid, and a paid
 * repair waits for the tenant to accept the quote; work starts, the fault is fixed, and the
 * reporter (or staff) verifies it or reopens it ("没修好"). An accepted or started repair may wait
 * (挂起) on the tenant, parts or a contractor, and resumes to where it was; any other action that
 * the state it waits from allows also ends the wait (see applyRepairAction).
 */
export const repairMachine: Machine<RepairStatus, RepairAction, RepairParty, RepairGuard, RepairView> = {
  states: REPAIR_STATUSES,
  actions: REPAIR_ACTIONS,
  parties: REPAIR_PARTIES,
  table: {
    accept: [
      { from: ['reported'], by: ['engineer'], to: 'accepted' },
      { from: ['dispatched'], by: ['owner'], to: 'accepted' },
    ],
    dispatch: [
      { from: ['reported', 'dispatched', 'accepted'], by: ['supervisor', 'clerk'], to: 'dispatched' },
    ],
    price_free: [{ from: ['accepted'], by: ['owner'], to: null, guard: 'billing_undecided' }],
    quote: [{ from: ['accepted'], by: ['owner'], to: 'quoted', guard: 'quote_possible' }],
    accept_quote: [{ from: ['quoted'], by: ['reporter'], to: 'accepted' }],
    decline_quote: [{ from: ['quoted'], by: ['reporter'], to: 'cancelled' }],
    start: [{ from: ['accepted'], by: ['owner'], to: 'in_progress', guard: 'billing_settled' }],
    fix: [{ from: ['in_progress'], by: ['owner'], to: 'fixed' }],
    verify: [{ from: ['fixed'], by: ['reporter', 'supervisor', 'clerk'], to: 'closed' }],
    reopen: [{ from: ['fixed'], by: ['reporter', 'supervisor', 'clerk'], to: 'in_progress' }],
    damage: [
      { from: ['accepted', 'in_progress', 'fixed', 'waiting'], by: ['owner'], to: null, guard: 'no_damage' },
    ],
    refund: [{ from: ['fixed', 'closed'], by: ['owner', 'engineer'], to: null, guard: 'deposit_held' }],
    compensate: [{ from: ['accepted', 'in_progress', 'fixed'], by: ['owner'], to: null, guard: 'no_damage' }],
    reassess: [{ from: [...OPEN, 'closed'], by: ['supervisor'], to: null, guard: 'compensation_due' }],
    compensation_paid: [
      { from: [...OPEN, 'closed'], by: ['clerk', 'supervisor'], to: null, guard: 'compensation_due' },
    ],
    deduct: [{ from: [...OPEN, 'closed'], by: ['supervisor'], to: null, guard: 'deductible' }],
    link: [{ from: OPEN, by: ['supervisor', 'clerk'], to: null, guard: 'linkable' }],
    cancel: [
      { from: ['reported', 'dispatched', 'accepted'], by: ['reporter', 'supervisor'], to: 'cancelled' },
    ],
    release: [{ from: ['dispatched', 'accepted', 'in_progress', 'waiting'], by: ['system'], to: 'reported' }],
    wait: [{ from: ['accepted', 'in_progress'], by: ['owner'], to: 'waiting' }],
    resume: [
      { from: ['waiting'], by: ['owner', 'supervisor'], to: 'accepted', guard: 'waited_accepted' },
      { from: ['waiting'], by: ['owner', 'supervisor'], to: 'in_progress', guard: 'waited_in_progress' },
    ],
    raise: [{ from: OPEN, by: ['supervisor', 'clerk'], to: null, guard: 'can_raise' }],
  },
  guards: {
    billing_undecided: (r) => r.billing === 'to_assess',
    quote_possible: (r) => r.billing !== 'free' && r.quoteStatus !== 'accepted',
    billing_settled: (r) => r.billing === 'free' || (r.billing === 'paid' && r.quoteStatus === 'accepted'),
    no_damage: (r) => r.depositStatus === 'none' && r.compensationStatus === 'none',
    deposit_held: (r) => r.depositStatus === 'held',
    compensation_due: (r) => r.compensationStatus === 'due',
    // Compensation assessed and not paid: the shop's security deposit answers (C); the unit
    // where the damage is recorded is the shop held responsible.
    deductible: (r) => (r.shopCode !== '' || r.unit !== '') && r.compensationStatus === 'due',
    linkable: (r) => r.unit !== '' && r.shopCode !== r.unit,
    can_raise: (r) => raisedUrgency(r.urgency) !== undefined,
    waited_accepted: (r) => r.wait?.from === 'accepted',
    waited_in_progress: (r) => r.wait?.from === 'in_progress',
  },
};

/** How `person` stands to work order `r` (pure). */
export const repairParties = (r: RepairView, person: PersonView | null): Set<RepairParty> => {
  const parties = new Set<RepairParty>();
  if (!person?.active) return parties;
  if (person.id === SYSTEM_ID) return parties.add('system');
  if (person.id === r.reporterId) parties.add('reporter');
  if (person.kind !== 'staff') return parties;
  if (r.assigneeId === person.id) parties.add('owner');
  if (person.roles.includes('engineering')) parties.add('engineer');
  if (isSupervisorOf(person.roles, 'senior_assistant')) parties.add('supervisor');
  if (person.roles.includes('cs_clerk')) parties.add('clerk');
  return parties;
};
