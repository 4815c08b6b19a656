import type { ApprovalView } from '../domain/approval/approval.types.js';
import type { ComplaintView } from '../domain/complaint/complaint.types.js';
import type { PersonView } from '../domain/people/people.types.js';
import type { RepairView } from '../domain/repair/repair.types.js';
import type { ApprovalRepository } from '../persistence/repositories/approval.repository.js';
import type { ComplaintRepository } from '../persistence/repositories/complaint.repository.js';
import type { RepairRepository } from '../persistence/repositories/repair.repository.js';

/** Any ticket, tagged with its kind. */
export type TicketItem =
  | { readonly kind: 'complaint'; readonly view: ComplaintView }
  | { readonly kind: 'repair'; readonly view: RepairView }
  | { readonly kind: 'approval'; readonly view: ApprovalView };

const byNewest = (a: TicketItem, b: TicketItem) => b.view.createdAt.getTime() - a.view.createdAt.getTime();
const byOldest = (a: TicketItem, b: TicketItem) => -byNewest(a, b);

const uniq = (items: TicketItem[]): TicketItem[] => {
  const byId = new Map<string, TicketItem>();
  for (const i of items) if (!byId.has(i.view.id)) byId.set(i.view.id, i);
  return [...byId.values()];
};

const isOpen = (i: TicketItem): boolean =>
  i.kind === 'complaint'
    ? i.view.status !== 'closed'
    : i.kind === 'repair'
      ? i.view.status !== 'closed' && i.view.status !== 'cancelled'
      : i.view.status === 'pending';

/** Whose ticket it is: the reporter or requester. */
const ownerOf = (i: TicketItem): string => (i.kind === 'approval' ? i.view.requesterId : i.view.reporterId);

/**
 * Read-only questions about tickets, each answered by equality queries on indexed fields (the
 * store answers them from an index at any volume). What a tenant sees is limited in the query:
 * their own shop's tickets and the ones they filed, never another shop's.
 */
export class TicketQueries {
  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly repairs: RepairRepository,
    private readonly approvals: ApprovalRepository,
  ) {}

  /** A tenant's shops' tickets and their own; a staff member's own filings. Newest first. */
  async visibleTo(p: PersonView, limit = 20): Promise<TicketItem[]> {
    const shops = p.kind === 'tenant' ? p.shopCodes : [];
    const found: TicketItem[] = [];
    for (const code of shops) {
      found.push(
        ...(await this.complaints.by('shopCode', code, limit)).map((view) => ({
          kind: 'complaint' as const,
          view,
        })),
        ...(await this.repairs.by('shopCode', code, limit)).map((view) => ({
          kind: 'repair' as const,
          view,
        })),
        ...(await this.approvals.byShop(code, limit)).map((view) => ({ kind: 'approval' as const, view })),
      );
    }
    found.push(
      ...(await this.complaints.by('reporterId', p.id, limit)).map((view) => ({
        kind: 'complaint' as const,
        view,
      })),
      ...(await this.repairs.by('reporterId', p.id, limit)).map((view) => ({
        kind: 'repair' as const,
        view,
      })),
      ...(await this.approvals.byRequester(p.id, limit)).map((view) => ({ kind: 'approval' as const, view })),
    );
    return uniq(found).sort(byNewest).slice(0, limit);
  }

  /** A person's own requests, newest first ("我的申请"). */
  requestsOf(p: PersonView, limit = 20): Promise<ApprovalView[]> {
    return this.approvals.byRequester(p.id, limit);
  }

  /** One ticket by number if `p` may see it (staff see every ticket; tenants as in {@link visibleTo}). */
  async byNumberFor(number: string, p: PersonView): Promise<TicketItem | null> {
    const n = number.toUpperCase();
    const item: TicketItem | null = n.startsWith('TS')
      ? await this.complaints.byNumber(n).then((view) => (view ? { kind: 'complaint' as const, view } : null))
      : n.startsWith('WX')
        ? await this.repairs.byNumber(n).then((view) => (view ? { kind: 'repair' as const, view } : null))
        : await this.approvals
            .byNumber(n)
            .then((view) => (view ? { kind: 'approval' as const, view } : null));
    if (!item) return null;
    if (p.kind === 'staff' && p.active) return item;
    return ownerOf(item) === p.id || p.shopCodes.includes(item.view.shopCode) ? item : null;
  }

  /**
   * What waits on this person right now, oldest first: what waits on any role they hold, and what
   * waits on them by name (their own tickets, a quote to accept, a repair to confirm).
   */
  async waitingOn(p: PersonView, limit = 30): Promise<TicketItem[]> {
    const found: TicketItem[] = [];
    const staffRoles = p.kind === 'staff' && p.active ? p.roles : [];
    for (const role of staffRoles) {
      found.push(
        ...(await this.complaints.waitingOn({ role })).map((view) => ({ kind: 'complaint' as const, view })),
        ...(await this.repairs.waitingOn({ role })).map((view) => ({ kind: 'repair' as const, view })),
        ...(await this.approvals.waitingOn(role)).map((view) => ({ kind: 'approval' as const, view })),
      );
    }
    found.push(
      ...(await this.complaints.waitingOn({ personId: p.id })).map((view) => ({
        kind: 'complaint' as const,
        view,
      })),
      ...(await this.repairs.waitingOn({ personId: p.id })).map((view) => ({
        kind: 'repair' as const,
        view,
      })),
    );
    return uniq(found)
      .filter((i) => !(i.kind === 'approval' && i.view.requesterId === p.id))
      .sort(byOldest)
      .slice(0, limit);
  }

  /** Open tickets about one unit or shop (staff: "B1-23 的工单"). */
  async openAt(code: string, limit = 20): Promise<TicketItem[]> {
    const found: TicketItem[] = [
      ...(await this.complaints.by('unit', code, limit)).map((view) => ({
        kind: 'complaint' as const,
        view,
      })),
      ...(await this.complaints.by('shopCode', code, limit)).map((view) => ({
        kind: 'complaint' as const,
        view,
      })),
      ...(await this.repairs.by('unit', code, limit)).map((view) => ({ kind: 'repair' as const, view })),
      ...(await this.repairs.by('shopCode', code, limit)).map((view) => ({ kind: 'repair' as const, view })),
      ...(await this.approvals.byShop(code, limit)).map((view) => ({ kind: 'approval' as const, view })),
    ];
    return uniq(found).filter(isOpen).sort(byOldest).slice(0, limit);
  }
}
