import type { Role } from '../people/people.types.js';
import { LADDER } from './duty.rules.js';

const SENIOR = LADDER.indexOf('senior_assistant');

/** Position on the duty ladder; roles outside it (engineering, security, clerks) are -1. */
export const rank = (role: Role): number => LADDER.indexOf(role);

/**
 * Whether someone holding `roles` supervises a matter owned by `ownerRole`: a senior assistant or
 * above, at or above the owner's rung. Functions outside the ladder are supervised from the senior
 * assistant up.
 */
export const isSupervisorOf = (roles: readonly Role[], ownerRole: Role): boolean => {
  const need = Math.max(SENIOR, rank(ownerRole));
  return roles.some((r) => rank(r) >= need);
};
