import type { PersonView } from '../domain/people/people.types.js';
import type { Logger } from '../lib/logger.js';
import type { MessageBatch } from '../outbound/message-batch.js';
import type { AuditRepository } from '../persistence/repositories/audit.repository.js';
import type { PeopleRepository } from '../persistence/repositories/people.repository.js';
import type { Platform } from '../platforms/inbound-event.js';
import type { WorkHandover } from './work-handover.js';

/** The platform events that say an account left the organisation. */
export const LEFT_CHANGE_TYPES = ['delete_user', 'user_leave_org'] as const;

export type DepartureOutcome =
  /** No person is bound to the account: nothing to do. */
  | { readonly kind: 'unknown_account' }
  /** A tenant's account left the corp directory: that account is unbound, the tenant stays. */
  | { readonly kind: 'tenant_account_removed'; readonly personId: string; readonly removed: number }
  /** A member of staff left: every account, role and duty shift removed, person inactive. */
  | {
      readonly kind: 'staff_left';
      readonly personId: string;
      readonly removedIdentities: number;
      readonly formerRoles: readonly string[];
    };

/**
 * What happens when WeCom (`change_contact` / `delete_user`) or DingTalk (`user_leave_org`) says
 * someone left: they can no longer act through the bot, and no role lookup picks them. Audited.
 * Handing their pending approval steps and tickets to the on-duty holder of each former role
 * belongs to the approval and ticket lifecycles: {@link PersonDepartureService.onPersonLeft} is
 * the one place to add it.
 */
export class PersonDepartureService {
  constructor(
    private readonly people: PeopleRepository,
    private readonly audit: AuditRepository,
    private readonly logger: Logger,
    private readonly handover?: WorkHandover,
  ) {}

  /** A platform reported that `platformUserId` left the organisation. */
  async accountLeft(
    platform: Platform,
    platformUserId: string,
    source: string,
    batch?: MessageBatch,
  ): Promise<DepartureOutcome> {
    const person = await this.people.byIdentity(platform, platformUserId);
    const actor = { actorPlatform: platform, actorPlatformUserId: platformUserId };
    if (!person) {
      this.logger.info({ platform, source }, 'departure of an account bound to no one');
      return { kind: 'unknown_account' };
    }
    if (person.kind === 'tenant') {
      const removed = await this.people.removeIdentities(person.id, { platform, platformUserId });
      await this.audit.append({
        action: 'person.account_left',
        outcome: 'info',
        ...actor,
        targetKind: 'person',
        targetId: person.id,
        details: { source, removed },
      });
      return { kind: 'tenant_account_removed', personId: person.id, removed };
    }
    return this.onPersonLeft(person, { ...actor, source }, batch);
  }

  /**
   * A member of staff left: unbind every platform account, drop roles and duty, deactivate, audit;
   * then hand over their pending work (tickets back to their rung, approval steps of their former
   * roles to the on-duty holders; each change audited). Safe to run twice.
   */
  async onPersonLeft(
    person: PersonView,
    cause: { actorPlatform: Platform; actorPlatformUserId: string; source: string },
    batch?: MessageBatch,
  ): Promise<DepartureOutcome> {
    const removedIdentities = await this.people.removeIdentities(person.id);
    await this.people.deactivateStaff(person.id);
    await this.audit.append({
      action: 'person.left',
      outcome: 'info',
      actorPlatform: cause.actorPlatform,
      actorPlatformUserId: cause.actorPlatformUserId,
      targetKind: 'person',
      targetId: person.id,
      details: { source: cause.source, removedIdentities, formerRoles: person.roles.join(',') },
    });
    const handed =
      batch && this.handover ? await this.handover.handOver(person, person.roles, batch) : undefined;
    this.logger.info(
      { personId: person.id, removedIdentities, ...handed },
      'staff member left; accounts and roles removed, work handed over',
    );
    return { kind: 'staff_left', personId: person.id, removedIdentities, formerRoles: person.roles };
  }
}
