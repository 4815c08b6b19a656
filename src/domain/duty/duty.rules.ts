import type { RosteredPerson, WorkSchedule } from '../../lib/calendar/work-schedule.js';
import type { Role } from '../people/people.types.js';

/**
 * The duty ladder (11: "up one more level"): a matter the person at one rung cannot handle goes to
 * the next. Engineering, security and clerks sit outside it and escalate to the senior assistant.
 */
export const LADDER: readonly Role[] = [
  'assistant',
  'senior_assistant',
  'deputy_manager',
  'manager',
  'leader',
];

/** The rung above a role, or undefined at the top. */
export const nextUp = (role: Role): Role | undefined => {
  const i = LADDER.indexOf(role);
  if (i < 0) return 'senior_assistant';
  return LADDER[i + 1];
};

/** True when someone holding `roles` may act for `role` (same role or above it on the ladder). */
export const canActAs = (roles: readonly Role[], role: Role): boolean => {
  if (roles.includes(role)) return true;
  const need = LADDER.indexOf(role);
  if (need < 0) return false;
  return roles.some((r) => {
    const have = LADDER.indexOf(r);
    return have > need && have >= LADDER.indexOf('deputy_manager');
  });
};

/**
 * True when the person's roster covers the moment. Shift hours per role come from configuration
 * (SHIFT_HOURS, OFFICE_HOURS, OFFICE_ROLES); office roles also follow the holiday calendar.
 */
export const isOnShift = (schedule: WorkSchedule, person: RosteredPerson, at: Date): boolean =>
  schedule.isOnShift(person, at);
