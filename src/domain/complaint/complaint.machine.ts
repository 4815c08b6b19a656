import { nextUp } from '../duty/duty.rules.js';
import { isSupervisorOf } from '../duty/ladder.js';
import { type PersonView, SYSTEM_ID } from '../people/people.types.js';
import type { Machine } from '../shared/machine.js';
import { CALLBACK_ROLES } from './complaint.rules.js';
import {
  COMPLAINT_ACTIONS,
  COMPLAINT_PARTIES,
  COMPLAINT_STATUSES,
  type ComplaintAction,
  type ComplaintParty,
  type ComplaintStatus,
  type ComplaintView,
} from './complaint.types.js';

export const COMPLAINT_GUARDS = [
  'has_rung_above',
  'ready_to_close',
  'is_written',
  'can_rate',
  'can_comment',
  'needs_callback',
  'waited_handling',
  'waited_replied',
] as const;
export type ComplaintGuard = (typeof COMPLAINT_GUARDS)[number];

const LIVE = ['open', 'handling', 'replied', 'waiting'] as const satisfies readonly ComplaintStatus[];
const TAKEN = ['handling', 'replied'] as const satisfies readonly ComplaintStatus[];
/** Notes and records do not end a wait; the owner's other actions do (see applyComplaintAction). */
const HELD = ['handling', 'replied', 'waiting'] as const satisfies readonly ComplaintStatus[];

/**
 * The complaint lifecycle (rulebook 11, "五清楚，一报告"). A complaint is taken by someone at its
 * rung, followed, replied to and recorded; 上报 moves it one rung up the duty ladder (beyond the
 * department: leadership) and hands it to whoever is there; it closes only once the tenant has had
 * a reply and the handling is recorded; the tenant then rates it. A taken complaint may wait (挂起)
 * on the tenant, parts or a contractor and resumes to where it was.
 */
export const complaintMachine: Machine<
  ComplaintStatus,
  ComplaintAction,
  ComplaintParty,
  ComplaintGuard,
  ComplaintView
> = {
  states: COMPLAINT_STATUSES,
  actions: COMPLAINT_ACTIONS,
  parties: COMPLAINT_PARTIES,
  table: {
    take: [{ from: ['open'], by: ['assignee', 'supervisor'], to: 'handling' }],
    ask: [{ from: LIVE, by: ['owner', 'assignee', 'supervisor', 'clerk'], to: null }],
    progress: [{ from: HELD, by: ['owner', 'supervisor'], to: null }],
    reply: [
      { from: TAKEN, by: ['owner', 'supervisor'], to: 'replied' },
      { from: TAKEN, by: ['clerk'], to: 'replied', guard: 'is_written' },
    ],
    record: [{ from: HELD, by: ['owner', 'supervisor'], to: null }],
    escalate: [{ from: LIVE, by: ['owner', 'assignee', 'supervisor'], to: 'open', guard: 'has_rung_above' }],
    close: [{ from: TAKEN, by: ['owner', 'supervisor'], to: 'closed', guard: 'ready_to_close' }],
    rate: [{ from: ['closed'], by: ['reporter'], to: null, guard: 'can_rate' }],
    comment: [{ from: ['closed'], by: ['reporter'], to: null, guard: 'can_comment' }],
    callback: [{ from: ['closed'], by: ['visitor'], to: null, guard: 'needs_callback' }],
    release: [{ from: HELD, by: ['system'], to: 'open' }],
    wait: [{ from: TAKEN, by: ['owner'], to: 'waiting' }],
    resume: [
      { from: ['waiting'], by: ['owner', 'supervisor'], to: 'handling', guard: 'waited_handling' },
      { from: ['waiting'], by: ['owner', 'supervisor'], to: 'replied', guard: 'waited_replied' },
    ],
  },
  guards: {
    has_rung_above: (c) => nextUp(c.ownerRole) !== undefined,
    ready_to_close: (c) => Boolean(c.checkpoints.replied && c.checkpoints.recorded),
    is_written: (c) => c.kind === 'written',
    can_rate: (c) => c.kind !== 'written' && c.rating === undefined,
    can_comment: (c) => c.rating !== undefined && c.ratingComment === '',
    needs_callback: (c) => c.callbackDoneAt === undefined,
    waited_handling: (c) => c.wait?.from === 'handling',
    waited_replied: (c) => c.wait?.from === 'replied',
  },
};

/** How `person` stands to complaint `c` (pure; the table decides what each party may do). */
export const complaintParties = (c: ComplaintView, person: PersonView | null): Set<ComplaintParty> => {
  const parties = new Set<ComplaintParty>();
  if (!person?.active) return parties;
  if (person.id === SYSTEM_ID) return parties.add('system');
  if (person.id === c.reporterId) parties.add('reporter');
  if (person.kind !== 'staff') return parties;
  if (c.ownerId === person.id) parties.add('owner');
  if (person.roles.some((r) => r === c.ownerRole || (c.routedRoles as readonly string[]).includes(r)))
    parties.add('assignee');
  if (isSupervisorOf(person.roles, c.ownerRole)) parties.add('supervisor');
  if (person.roles.includes('cs_clerk')) parties.add('clerk');
  if (person.roles.some((r) => (CALLBACK_ROLES as readonly string[]).includes(r))) parties.add('visitor');
  return parties;
};
