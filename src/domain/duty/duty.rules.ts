import type { Dayjs } from 'dayjs';
import type { Role, Shift } from '../people/people.types.js';

/** Shift hours in the business zone: 早班 08-16, 中班 14-22, 夜班 22-08 (the two day shifts overlap). */
export const SHIFT_HOURS: Record<Shift, readonly [number, number]> = {
  early: [8, 16],
  middle: [14, 22],
  night: [22, 8],
};

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

/** Which shift a duty slot covers at a given moment (night covers the early hours of the next day). */
export const isOnShift = (duty: readonly { weekday: number; shift: Shift }[], at: Dayjs): boolean => {
  const hour = at.hour();
  const weekday = at.day();
  const yesterday = (weekday + 6) % 7;
  return duty.some((d) => {
    const [from, to] = SHIFT_HOURS[d.shift];
    if (from < to) return d.weekday === weekday && hour >= from && hour < to;
    return (d.weekday === weekday && hour >= from) || (d.weekday === yesterday && hour < to);
  });
};
