import { isSupervisorOf } from '../duty/ladder.js';
import { type PersonView, SYSTEM_ID } from '../people/people.types.js';
import type { Machine } from '../shared/machine.js';
import {
  VIOLATION_ACTIONS,
  VIOLATION_PARTIES,
  VIOLATION_STATUSES,
  type ViolationAction,
  type ViolationParty,
  type ViolationStatus,
  type ViolationView,
} from './violation.types.js';

export const VIOLATION_GUARDS = ['escalated'] as const;
export type ViolationGuard = (typeof VIOLATION_GUARDS)[number];

const ANY = VIOLATION_STATUSES;

/**
 * The violation ladder (9.3.1): a fix-by time; at the deadline the assistant re-inspects; fixed,
 * or a numbered 违章警告书 / 违约处理单 for the tenant to sign (签收). A repeat offender calls in
 * the senior assistant or a manager, who records the meeting with the owner (9.3.1.3-4).
 */
export const violationMachine: Machine<
  ViolationStatus,
  ViolationAction,
  ViolationParty,
  ViolationGuard,
  ViolationView
> = {
  states: VIOLATION_STATUSES,
  actions: VIOLATION_ACTIONS,
  parties: VIOLATION_PARTIES,
  table: {
    remind: [{ from: ['open'], by: ['system'], to: 'recheck' }],
    rectified: [{ from: ['open', 'recheck'], by: ['inspector', 'supervisor'], to: 'rectified' }],
    warn: [{ from: ['open', 'recheck'], by: ['inspector', 'supervisor'], to: 'noticed' }],
    breach_notice: [{ from: ['open', 'recheck'], by: ['inspector', 'supervisor'], to: 'noticed' }],
    sign: [{ from: ['noticed'], by: ['tenant'], to: 'signed' }],
    meet: [{ from: ANY, by: ['supervisor'], to: null, guard: 'escalated' }],
  },
  guards: {
    escalated: (v) => v.escalated && v.meetingAt === undefined,
  },
};

/** How `person` stands to a violation (pure). */
export const violationParties = (v: ViolationView, person: PersonView | null): Set<ViolationParty> => {
  const parties = new Set<ViolationParty>();
  if (!person?.active) return parties;
  if (person.id === SYSTEM_ID) return parties.add('system');
  if (person.kind === 'tenant') {
    if (person.shopCodes.includes(v.shopCode)) parties.add('tenant');
    return parties;
  }
  if (person.id === v.inspectorId) parties.add('inspector');
  if (person.roles.includes('assistant')) parties.add('inspector');
  if (isSupervisorOf(person.roles, 'senior_assistant')) parties.add('supervisor');
  return parties;
};
