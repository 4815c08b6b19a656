import type { TicketDesk } from '../desk/ticket-desk.js';
import type { TicketQueries } from '../desk/ticket-queries.js';
import { type PersonView, type Role, SYSTEM_PERSON } from '../domain/people/people.types.js';
import type { Notifier } from '../notify/notifier.js';
import type { MessageBatch } from '../outbound/message-batch.js';
import type { ApprovalRepository } from '../persistence/repositories/approval.repository.js';

/**
 * Work a departing member of staff held goes back to whoever is on duty: complaints they were
 * handling return to their rung, work orders to engineering, and pending approval steps of their
 * former roles are sent again to the role's on-duty holders. Every change goes through the
 * transition tables (audited) and the notifier.
 */
export class WorkHandover {
  constructor(
    private readonly desk: TicketDesk,
    private readonly queries: TicketQueries,
    private readonly approvals: Pick<ApprovalRepository, 'waitingOn'>,
    private readonly notifier: Pick<Notifier, 'approvalSubmitted'>,
  ) {}

  async handOver(
    person: PersonView,
    formerRoles: readonly Role[],
    batch: MessageBatch,
  ): Promise<{ released: number; resent: number }> {
    const actor = { person: SYSTEM_PERSON, account: { platform: 'wecom' as const, userId: 'system' } };
    let released = 0;
    // Only what waits on this person by name (their roles are gone already).
    for (const item of await this.queries.waitingOn({ ...person, roles: [] })) {
      if (item.kind === 'approval') continue;
      const o = await this.desk.act(
        item.kind,
        { id: item.view.id, action: 'release', actor, input: {} },
        batch,
      );
      if (o.kind === 'done') released++;
    }
    let resent = 0;
    for (const role of formerRoles) {
      for (const a of await this.approvals.waitingOn(role))
        resent += await this.notifier.approvalSubmitted(a, batch);
    }
    return { released, resent };
  }
}
