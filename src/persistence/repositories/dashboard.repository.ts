import { type mongo, Types } from 'mongoose';
import type { AuditEntry } from '../../domain/shared/audit.js';
import type { HistoryEntry } from '../../domain/shared/ticket.types.js';
import type { Models } from '../db.js';
import { historyOf, idOrUndefined } from './views.js';

export type DashboardKind = 'complaint' | 'repair' | 'approval';

/** Statuses that mean "still open", per kind (the dashboard lists these). */
export const OPEN_STATUSES: Readonly<Record<DashboardKind, readonly string[]>> = {
  complaint: ['open', 'handling', 'replied', 'waiting'],
  repair: ['reported', 'dispatched', 'accepted', 'quoted', 'in_progress', 'fixed', 'waiting'],
  approval: ['pending', 'handed_over', 'handing_out', 'checked_out'],
};

/**
 * The leading equality of each dashboard query, by collection (the explain test asks the store
 * how it answers them): lists by `status`, lookups by `number`, a timeline by `targetId`, a
 * floor's shops by `floor`, the person filter's staff by `kind`.
 */
export const DASHBOARD_LEADING_FILTERS: readonly {
  name: string;
  collection: string;
  filter: Record<string, unknown>;
}[] = [
  { name: 'open complaints', collection: 'complaints', filter: { status: 'open' } },
  { name: 'open work orders', collection: 'repairs', filter: { status: 'reported' } },
  { name: 'pending approvals', collection: 'approvals', filter: { status: 'pending' } },
  { name: 'callbacks', collection: 'complaints', filter: { status: 'closed' } },
  { name: 'ticket by number', collection: 'repairs', filter: { number: 'WX20261130-001' } },
  { name: 'timeline', collection: 'audit_log', filter: { targetId: '6b0c74ea98d08afb4e6d9fb2' } },
  { name: 'shops of a floor', collection: 'shops', filter: { floor: 'B1' } },
  { name: 'staff', collection: 'people', filter: { kind: 'staff' } },
];

/** What a person may see: everything, or some floors' tickets and their own. */
export type DashboardScope =
  | { readonly all: true }
  | { readonly all: false; readonly floors: readonly string[]; readonly personId: string };

export interface DashboardFilter {
  readonly kind: DashboardKind;
  /** One status; all open statuses of the kind when absent. */
  readonly status?: string;
  readonly shopCode?: string;
  readonly floor?: string;
  /** Reporter/requester, owner/assignee, or whoever it waits on by name. */
  readonly personId?: string;
}

/**
 * Whether a ticket in `status` is measured against its target now: a waiting work order (挂起) is
 * not (its resolution target stopped); a waiting complaint still owes its promised reply.
 */
export const targetCounts = (kind: DashboardKind, status: string): boolean =>
  !(kind === 'repair' && status === 'waiting');

/** One ticket as the dashboard lists it (any kind, the fields it shows). */
export interface DashboardRow {
  readonly kind: DashboardKind;
  readonly id: string;
  readonly number: string;
  readonly status: string;
  /** complaint category, repair category, approval type. */
  readonly type: string;
  readonly text: string;
  readonly shopCode: string;
  readonly unit: string;
  readonly floor: string;
  /** Stored creation time (paging key). */
  readonly createdAt: Date;
  /** When it was filed on the business clock (its first history line; the dev clock may differ). */
  readonly filedAt: Date;
  readonly dueAt: Date | undefined;
  readonly escalationLevel: number;
  readonly waitRole: string;
  readonly waitPersonId: string;
  readonly reporterId: string;
  readonly ownerId: string | undefined;
  readonly attachmentIds: readonly string[];
  readonly history: readonly HistoryEntry[];
  readonly details: readonly { label: string; value: string }[];
  readonly closedAt: Date | undefined;
  readonly rating: number | undefined;
  readonly callbackDoneAt: Date | undefined;
  /** Waiting (挂起): the current wait, and the wall time of finished waits. */
  readonly wait: { on: string; reason: string; since: Date; resumeBy: Date } | undefined;
  readonly pausedMs: number;
}

type Doc = Record<string, unknown> & { _id: Types.ObjectId; createdAt: Date };

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const date = (v: unknown): Date | undefined => (v instanceof Date ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const oid = (v: unknown): string | undefined => idOrUndefined(v as Types.ObjectId | undefined);

const rowOf = (kind: DashboardKind, r: Doc): DashboardRow => ({
  kind,
  id: r._id.toString(),
  number: str(r.number),
  status: str(r.status),
  type: kind === 'approval' ? str(r.type) : str(r.category),
  text: str(r.text),
  shopCode: str(r.shopCode),
  unit: str(r.unit),
  floor: str(r.floor),
  createdAt: r.createdAt,
  filedAt:
    (r.history as { at?: unknown }[] | undefined)?.[0]?.at instanceof Date
      ? ((r.history as { at: Date }[])[0]?.at ?? r.createdAt)
      : r.createdAt,
  dueAt: !targetCounts(kind, str(r.status))
    ? undefined
    : kind === 'complaint'
      ? date(r.replyDueAt)
      : kind === 'repair'
        ? date(r.targetAt)
        : (date(r.escalateAt) ?? date(r.remindAt)),
  escalationLevel: num(r.escalationLevel) ?? 0,
  waitRole: str(r.waitRole),
  waitPersonId: str(r.waitPersonId),
  reporterId: oid(kind === 'approval' ? r.requesterId : r.reporterId) ?? '',
  ownerId: oid(kind === 'repair' ? r.assigneeId : r.ownerId),
  attachmentIds: Array.isArray(r.attachmentIds) ? r.attachmentIds.map(String) : [],
  history: historyOf(r.history as Parameters<typeof historyOf>[0]),
  details: Array.isArray(r.details)
    ? (r.details as { label?: unknown; value?: unknown }[]).map((d) => ({
        label: str(d.label),
        value: str(d.value),
      }))
    : [],
  closedAt: date(r.closedAt),
  rating: num(r.rating),
  callbackDoneAt: date(r.callbackDoneAt),
  wait: waitRow(r.wait),
  pausedMs: num(r.pausedMs) ?? 0,
});

const waitRow = (v: unknown): DashboardRow['wait'] => {
  if (typeof v !== 'object' || v === null) return undefined;
  const w = v as Record<string, unknown>;
  const since = date(w.since);
  const resumeBy = date(w.resumeBy);
  return since && resumeBy ? { on: str(w.on), reason: str(w.reason), since, resumeBy } : undefined;
};

/**
 * Read-only queries of the operations dashboard. Every query leads with equality on an indexed
 * top-level field (`status`, `number`, `targetId`, `floor` of shops, `_id`), which MongoDB answers
 * from the index and FerretDB on PostgreSQL pushes down to SQL; the rest of the filter narrows
 * that set. Lists are paged by creation time (newest first) with a limit.
 */
export class DashboardRepository {
  constructor(private readonly models: Models) {}

  /** The collection of a kind, read through the driver (the filters here are built as stored). */
  private model(kind: DashboardKind): mongo.Collection {
    return (kind === 'complaint'
      ? this.models.Complaint
      : kind === 'repair'
        ? this.models.Repair
        : this.models.Approval
    ).collection as unknown as mongo.Collection;
  }

  /** Shop codes on one floor (equality on the indexed `floor`). */
  async shopsOnFloor(floor: string): Promise<string[]> {
    const rows = await this.models.Shop.find({ floor }, { code: 1 }).lean();
    return rows.map((r) => r.code);
  }

  /** The floors of the mall, from the shop registry (a small collection). */
  async floors(): Promise<string[]> {
    const rows = await this.models.Shop.find({}, { floor: 1 }).lean();
    return [...new Set(rows.map((r) => r.floor))].sort();
  }

  /** Floors a member of staff looks after (assistants). */
  async floorsOf(personId: string): Promise<string[]> {
    if (!Types.ObjectId.isValid(personId)) return [];
    const row = await this.models.Person.findById(personId, { floors: 1 }).lean();
    return row?.floors ?? [];
  }

  /** Active staff, for the person filter (a small collection, equality on indexed `kind`). */
  async staff(): Promise<{ id: string; name: string }[]> {
    const rows = await this.models.Person.find({ kind: 'staff' }, { name: 1, active: 1 }).lean();
    return rows.filter((r) => r.active !== false).map((r) => ({ id: r._id.toString(), name: r.name }));
  }

  async personName(id: string): Promise<string | undefined> {
    if (!Types.ObjectId.isValid(id)) return undefined;
    const row = await this.models.Person.findById(id, { name: 1 }).lean();
    return row?.name;
  }

  /** Conditions beyond the leading status equality: filters, scope, page cursor. */
  private async narrowing(
    f: DashboardFilter,
    scope: DashboardScope,
    before: Date | undefined,
  ): Promise<Record<string, unknown>[]> {
    const and: Record<string, unknown>[] = [];
    const person = (id: string) => {
      const o = new Types.ObjectId(id);
      return f.kind === 'approval'
        ? [{ requesterId: o }]
        : [{ reporterId: o }, { [f.kind === 'repair' ? 'assigneeId' : 'ownerId']: o }, { waitPersonId: id }];
    };
    const onFloors = async (floors: readonly string[]) => {
      const codes = (await Promise.all(floors.map((fl) => this.shopsOnFloor(fl)))).flat();
      return f.kind === 'approval'
        ? [{ shopCode: { $in: codes } }]
        : [{ floor: { $in: floors } }, { shopCode: { $in: codes } }, { unit: { $in: codes } }];
    };
    if (f.shopCode)
      and.push({ $or: [{ shopCode: f.shopCode }, ...(f.kind === 'approval' ? [] : [{ unit: f.shopCode }])] });
    if (f.floor) and.push({ $or: await onFloors([f.floor]) });
    if (f.personId && Types.ObjectId.isValid(f.personId)) and.push({ $or: person(f.personId) });
    if (!scope.all) {
      and.push({
        $or: [
          ...(await onFloors(scope.floors)),
          ...(Types.ObjectId.isValid(scope.personId) ? person(scope.personId) : []),
        ],
      });
    }
    if (before) and.push({ createdAt: { $lt: before } });
    return and;
  }

  /** One page of open tickets of a kind, newest first: one status-equality query per status. */
  async list(
    f: DashboardFilter,
    scope: DashboardScope,
    page: { before?: Date; limit: number },
  ): Promise<DashboardRow[]> {
    const statuses = f.status ? [f.status] : OPEN_STATUSES[f.kind];
    const and = await this.narrowing(f, scope, page.before);
    const model = this.model(f.kind);
    const found: DashboardRow[] = [];
    for (const status of statuses) {
      const rows = await model
        .find({ status, ...(and.length > 0 ? { $and: and } : {}) })
        .sort({ createdAt: -1 })
        .limit(page.limit)
        .toArray();
      found.push(...rows.map((r) => rowOf(f.kind, r as unknown as Doc)));
    }
    return found.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, page.limit);
  }

  /** How many open tickets of a kind, and how many past / near their target time. */
  async counts(
    f: DashboardFilter,
    scope: DashboardScope,
    now: Date,
    soonMs: number,
  ): Promise<{ open: number; overdue: number; dueSoon: number; onTime: number }> {
    const statuses = f.status ? [f.status] : OPEN_STATUSES[f.kind];
    const and = await this.narrowing(f, scope, undefined);
    const model = this.model(f.kind);
    const dueField = f.kind === 'complaint' ? 'replyDueAt' : f.kind === 'repair' ? 'targetAt' : 'escalateAt';
    const soon = new Date(now.getTime() + soonMs);
    let open = 0;
    let overdue = 0;
    let dueSoon = 0;
    let onTime = 0;
    for (const status of statuses) {
      const base = { status, ...(and.length > 0 ? { $and: and } : {}) };
      // Escalated counts as overdue whatever its next rung's time (as the list shows it).
      const escalated = { escalationLevel: { $gt: 0 } };
      const notEscalated = { $or: [{ escalationLevel: 0 }, { escalationLevel: { $exists: false } }] };
      const withAnd = (...more: Record<string, unknown>[]) => ({ status, $and: [...and, ...more] });
      open += await model.countDocuments(base);
      if (!targetCounts(f.kind, status)) continue;
      overdue += await model.countDocuments(withAnd({ $or: [{ [dueField]: { $lt: now } }, escalated] }));
      dueSoon += await model.countDocuments(withAnd({ [dueField]: { $gte: now, $lt: soon } }, notEscalated));
      onTime += await model.countDocuments(withAnd({ [dueField]: { $gte: soon } }, notEscalated));
    }
    return { open, overdue, dueSoon, onTime };
  }

  /** A ticket by its number (unique index); the kind follows from the prefix. */
  async byNumber(number: string): Promise<DashboardRow | null> {
    const n = number.toUpperCase();
    const kind: DashboardKind | undefined = n.startsWith('TS')
      ? 'complaint'
      : n.startsWith('WX')
        ? 'repair'
        : n.startsWith('SP')
          ? 'approval'
          : undefined;
    if (!kind) return null;
    const row = await this.model(kind).findOne({ number: n });
    return row ? rowOf(kind, row as unknown as Doc) : null;
  }

  /** The audit log's lines about one ticket (equality on the indexed `targetId`), oldest first. */
  async auditOf(targetId: string): Promise<(AuditEntry & { at: Date })[]> {
    const rows = await this.models.Audit.find({ targetId }).sort({ at: 1 }).limit(500).lean();
    return rows.map((r) => ({
      at: r.at,
      action: r.action,
      outcome: r.outcome,
      actorPersonId: r.actorPersonId?.toString(),
      actorPlatform: r.actorPlatform,
      actorPlatformUserId: r.actorPlatformUserId,
      targetKind: r.targetKind,
      targetId: r.targetId,
      reason: r.reason,
    }));
  }

  /** Closed complaints not yet visited (回访), most recently closed first. */
  async callbacksDue(scope: DashboardScope, page: { before?: Date; limit: number }): Promise<DashboardRow[]> {
    const and = await this.narrowing({ kind: 'complaint' }, scope, undefined);
    if (page.before) and.push({ closedAt: { $lt: page.before } });
    const rows = await this.models.Complaint.find({
      status: 'closed',
      callbackDoneAt: { $exists: false },
      ...(and.length > 0 ? { $and: and } : {}),
    })
      .sort({ closedAt: -1 })
      .limit(page.limit)
      .lean();
    return rows.map((r) => rowOf('complaint', r as unknown as Doc));
  }
}
