import type { BusinessTime } from '../../lib/business-time.js';
import type { PeopleRepository } from '../../persistence/repositories/people.repository.js';
import type { PersonView, Role } from '../people/people.types.js';
import { isOnShift, nextUp } from './duty.rules.js';

export interface OnDuty {
  /** The role actually resolved (may be higher than asked when nobody holds the role). */
  readonly role: Role;
  readonly people: readonly PersonView[];
  /** True when the people are on shift now; false when nobody was and everyone with the role is used. */
  readonly onShift: boolean;
}

/**
 * "The on-duty senior assistant" is resolved at the moment of need: staff with the role whose
 * roster covers now; if nobody is on shift, everyone holding the role; if nobody holds it, the
 * next rung up the ladder.
 */
export class DutyService {
  constructor(
    private readonly people: PeopleRepository,
    private readonly time: BusinessTime,
  ) {}

  async resolve(role: Role): Promise<OnDuty> {
    let current: Role | undefined = role;
    while (current) {
      const holders = await this.people.staffWithRole(current);
      if (holders.length > 0) {
        const now = this.time.now();
        const onShift = holders.filter((p) => isOnShift(p.duty, now));
        return onShift.length > 0
          ? { role: current, people: onShift, onShift: true }
          : { role: current, people: holders, onShift: false };
      }
      current = nextUp(current);
    }
    return { role, people: [], onShift: false };
  }
}
