import { nextUp } from '../domain/duty/duty.rules.js';
import type { DutyService } from '../domain/duty/duty.service.js';
import type { PersonView, Role } from '../domain/people/people.types.js';
import type { BusinessTime } from '../lib/business-time.js';
import type { PeopleRepository } from '../persistence/repositories/people.repository.js';
import type { Audience } from './ladders/escalation-ladder.js';

/** Who an item belongs to when a rung is resolved: the owning role, and its borrower if any. */
export interface Ownership {
  readonly role: Role;
  readonly borrowerId?: string;
  /** People who already hold the item (got its card); `next_holder` means someone else. */
  readonly holders?: readonly string[];
}

/**
 * Resolves a rung's audience to people at the moment of need (the on-duty rule of DOMAIN.md):
 * roles through the duty service, `next_holder` to the role's other holders (the rung above
 * when there is nobody else), `up` to the rung above the owner's role.
 */
export class AudienceResolver {
  constructor(
    private readonly duty: DutyService,
    private readonly people: PeopleRepository,
    private readonly time: BusinessTime,
  ) {}

  async resolve(to: readonly Audience[], own: Ownership): Promise<PersonView[]> {
    const out = new Map<string, PersonView>();
    const add = (ps: readonly PersonView[]) => {
      for (const p of ps) out.set(p.id, p);
    };
    for (const a of to) {
      if (a === 'owner') add((await this.duty.resolve(own.role)).people);
      else if (a === 'up') {
        const up = nextUp(own.role);
        if (up) add((await this.duty.resolve(up)).people);
      } else if (a === 'next_holder') add(await this.nextHolders(own));
      else if (a === 'borrower') {
        const b = own.borrowerId ? await this.people.get(own.borrowerId) : null;
        if (b) add([b]);
      } else add((await this.duty.resolve(a.role)).people);
    }
    return [...out.values()];
  }

  /**
   * The role's holders other than those who hold the item already (else those on duty now); the
   * rung above when there is nobody else.
   */
  private async nextHolders(own: Ownership): Promise<PersonView[]> {
    const role = own.role;
    const onDuty = await this.duty.resolve(role);
    const current = new Set(own.holders ?? (onDuty.onShift ? onDuty.people.map((p) => p.id) : []));
    const others = (await this.people.staffWithRole(role)).filter((p) => !current.has(p.id));
    if (others.length > 0) return others;
    const up = nextUp(role);
    return up ? [...(await this.duty.resolve(up)).people] : [];
  }

  /**
   * When the rung may be delivered: now when it is urgent or someone in the audience is on shift
   * (or has no roster to wait for), else the earliest start of one of their shifts.
   */
  deliverAt(audience: readonly PersonView[], now: Date, urgent: boolean): Date {
    if (urgent || audience.length === 0) return now;
    let best: Date | undefined;
    for (const p of audience) {
      const t = this.time.deliveryTime(p, now, false);
      if (t.getTime() <= now.getTime()) return now;
      if (!best || t < best) best = t;
    }
    return best ?? now;
  }
}
