import { Types } from 'mongoose';
import type { ComplaintStore, NewComplaint } from '../../domain/complaint/complaint.ports.js';
import type { ComplaintPatch } from '../../domain/complaint/complaint.transition.js';
import type { Checkpoint, ComplaintStatus, ComplaintView } from '../../domain/complaint/complaint.types.js';
import type { DeadlineFields } from '../../domain/shared/deadline-planner.js';
import type { HistoryEntry } from '../../domain/shared/ticket.types.js';
import { complaintWaitingOn } from '../../domain/shared/waiting.js';
import { weekKeyOf } from '../../lib/calendar/day-key.js';
import { closedWeekPatch, weekRangeMatch } from '../complaint-weeks.js';
import type { Models } from '../db.js';
import type { Complaint } from '../models/complaint.model.js';
import { type ClaimRepository, claimsOf } from './claim.repository.js';
import { insertOnce } from './insert-once.js';
import { EMPTY, intern, internAll } from './intern.js';
import { setFields, toUpdate } from './patch.js';
import { channelOf, historyOf, waitOf, withPresent } from './views.js';

type Row = Complaint & { _id: Types.ObjectId; createdAt: Date };

/**
 * A stored complaint as the domain's view: optional fields the row lacks are left out and
 * vocabulary strings interned, as `repairView` does (`heap_per_ticket_ratio`).
 */
export const complaintView = (r: Row): ComplaintView =>
  withPresent(
    {
      id: r._id.toString(),
      number: r.number,
      kind: intern(r.kind),
      category: intern(r.category),
      status: intern(r.status),
      text: r.text,
      shopCode: intern(r.shopCode),
      unit: intern(r.unit),
      place: intern(r.place),
      floor: intern(r.floor),
      reporterId: r.reporterId.toString(),
      channel: channelOf(r.channel),
      ownerRole: intern(r.ownerRole),
      routedRoles: internAll(r.routedRoles),
      stage: r.stage ?? 0,
      version: r.version ?? 0,
      checkpoints: checkpointsOf(r.checkpoints),
      escalationLevel: r.escalationLevel ?? 0,
      lastReply: r.lastReply ?? '',
      record: r.record ?? '',
      ratingComment: r.ratingComment ?? '',
      callbackNote: r.callbackNote ?? '',
      docNo: r.docNo ?? '',
      complainant: r.complainant ?? '',
      attachmentIds: r.attachmentIds && r.attachmentIds.length > 0 ? r.attachmentIds : EMPTY,
      pausedMs: r.pausedMs ?? 0,
      history: historyOf(r.history),
      createdAt: r.createdAt,
    },
    {
      ownerId: r.ownerId?.toString(),
      callbackDoneAt: r.callbackDoneAt,
      callbackById: r.callbackById?.toString(),
      wait: waitOf<ComplaintStatus>(r.wait).wait,
      replyDueAt: r.replyDueAt,
      firstRepliedAt: r.firstRepliedAt,
      closedAt: r.closedAt,
      rating: r.rating,
    },
  );

/**
 * The stored checkpoints that hold a time. A plain copy when every value is a time (the usual
 * case: V8 lays a spread copy out tightly), else only the ones that are.
 */
const checkpointsOf = (c: Row['checkpoints']): ComplaintView['checkpoints'] => {
  if (!c) return {};
  const entries = Object.entries(c);
  if (entries.every((e) => e[1] instanceof Date)) return { ...(c as Partial<Record<Checkpoint, Date>>) };
  return Object.fromEntries(entries.filter((e): e is [Checkpoint, Date] => e[1] instanceof Date));
};

/** Complaints: created once per source key, changed only by version-conditioned updates. */
export class ComplaintRepository implements ComplaintStore {
  private readonly claims: ClaimRepository;

  constructor(
    private readonly models: Models,
    /** The business zone: the week keys (`createdWeek`, `closedWeek`) are its Mondays. */
    private readonly tz: string,
  ) {
    this.claims = claimsOf(models);
  }

  async create(number: string, c: NewComplaint): Promise<{ complaint: ComplaintView; created: boolean }> {
    const { at, deadlines, ...fields } = c;
    const doc = {
      ...fields,
      ...setFields(deadlines),
      number,
      status: 'open' as const,
      stage: 0,
      // The business clock's time (the dev clock moves it), not the schema timestamp's wall time:
      // the digests and the duty summary count by it.
      createdAt: at,
      createdWeek: weekKeyOf(at, this.tz),
      checkpoints: { heard: at },
      history: [{ at, actorId: c.reporterId, action: 'filed', note: '' }],
    };
    const waiting = complaintWaitingOn({ status: 'open', ownerRole: c.ownerRole } as ComplaintView);
    const { row, created } = await insertOnce(this.models.Complaint, c.sourceKey, {
      ...doc,
      waitRole: waiting.role,
      waitPersonId: waiting.personId,
    });
    return { complaint: complaintView(row as Row), created };
  }

  async get(id: string): Promise<ComplaintView | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const row = await this.models.Complaint.findById(id).lean();
    return row ? complaintView(row as Row) : null;
  }

  async byNumber(number: string): Promise<ComplaintView | null> {
    const row = await this.models.Complaint.findOne({ number }).lean();
    return row ? complaintView(row as Row) : null;
  }

  async update(
    before: ComplaintView,
    patch: ComplaintPatch,
    entry: HistoryEntry,
    after: ComplaintView,
    deadlines?: DeadlineFields,
  ): Promise<ComplaintView | null> {
    const row = await this.claims.versioned('complaint', before, (filter) =>
      this.models.Complaint.findOneAndUpdate(
        filter,
        toUpdate(
          { ...patch, ...deadlines, ...closedWeekPatch(patch.closedAt, this.tz) },
          entry,
          complaintWaitingOn(after),
          ['checkpoints'],
        ),
        { new: true },
      ).lean(),
    );
    return row ? complaintView(row as Row) : null;
  }

  /** Adds a photo as a versioned, claimed change, so it can neither lose nor undo a concurrent transition. */
  async addAttachment(id: string, attachmentId: string): Promise<void> {
    for (let i = 0; i < 20; i++) {
      const row = await this.models.Complaint.findById(id, { version: 1 }).lean();
      if (!row) return;
      const done = await this.claims.versioned('complaint', { id, version: row.version }, (filter) =>
        this.models.Complaint.findOneAndUpdate(
          filter,
          { $addToSet: { attachmentIds: attachmentId }, $inc: { version: 1 } },
          { new: true },
        ).lean(),
      );
      if (done) return;
    }
    throw new Error(`complaint ${id}: photo not added, the complaint kept changing`);
  }

  /**
   * Complaints closed in `[from, to)` and not yet visited (回访), oldest first: equality on the
   * indexed `status` and the week's `closedWeek`, then the `closedAt` range (the weekly digest's
   * callback list).
   */
  async awaitingCallback(from: Date, to: Date, limit: number): Promise<ComplaintView[]> {
    const rows = await this.models.Complaint.find({
      status: 'closed',
      ...weekRangeMatch('closedAt', from, to, this.tz),
      callbackDoneAt: { $exists: false },
    })
      .sort({ closedAt: 1 })
      .limit(limit)
      .lean();
    return rows.map((r) => complaintView(r as Row));
  }

  /** Equality queries on the indexed to-do keys (the store answers them from an index). */
  async waitingOn(key: { role?: string; personId?: string }, limit = 50): Promise<ComplaintView[]> {
    const filter = key.role ? { waitRole: key.role } : { waitPersonId: key.personId ?? '-' };
    const rows = await this.models.Complaint.find(filter).sort({ createdAt: 1 }).limit(limit).lean();
    return rows.map((r) => complaintView(r as Row));
  }

  /** By one indexed field: a shop's, a unit's or a reporter's complaints, newest first. */
  async by(field: 'shopCode' | 'unit' | 'reporterId', value: string, limit = 20): Promise<ComplaintView[]> {
    if (!value) return [];
    if (field === 'reporterId' && !Types.ObjectId.isValid(value)) return [];
    const rows = await this.models.Complaint.find({ [field]: value })
      .sort({ createdAt: -1 })
      .limit(limit)
      .lean();
    return rows.map((r) => complaintView(r as Row));
  }
}
