import { Types } from 'mongoose';
import type { ApprovalStore, NewApproval } from '../../domain/approval/approval.ports.js';
import type { ApprovalPatch } from '../../domain/approval/approval.transition.js';
import type { ApprovalView } from '../../domain/approval/approval.types.js';
import type { HistoryEntry } from '../../domain/shared/ticket.types.js';
import { approvalWaitingOn } from '../../domain/shared/waiting.js';
import type { Models } from '../db.js';
import type { Approval } from '../models/approval.model.js';
import { type ClaimRepository, claimsOf } from './claim.repository.js';
import { insertOnce } from './insert-once.js';
import { toUpdate } from './patch.js';
import { historyOf } from './views.js';

type Row = Approval & { _id: Types.ObjectId; createdAt: Date };

export const approvalView = (r: Row): ApprovalView => ({
  id: r._id.toString(),
  number: r.number,
  type: r.type,
  status: r.status,
  requesterId: r.requesterId.toString(),
  channel: {
    platform: r.channel.platform,
    userId: r.channel.userId,
    conversationId: r.channel.conversationId,
  },
  shopCode: r.shopCode,
  text: r.text,
  details: r.details.map((d) => ({ key: d.key, label: d.label, value: d.value })),
  steps: r.steps.map((s) => ({
    role: s.role,
    ...(s.personIds && s.personIds.length > 0 ? { personIds: s.personIds.map((x) => x.toString()) } : {}),
    status: s.status,
    reason: s.reason,
    ...(s.deciderId ? { deciderId: s.deciderId.toString() } : {}),
    ...(s.onBehalfOfId ? { onBehalfOfId: s.onBehalfOfId.toString() } : {}),
    ...(s.decidedAt ? { decidedAt: s.decidedAt } : {}),
  })),
  currentStep: r.currentStep,
  stage: r.stage ?? 0,
  version: r.version,
  createdAt: r.createdAt,
  ...(r.dueAt ? { dueAt: r.dueAt } : {}),
  conditions: r.conditions ?? [],
  ...(r.extension
    ? {
        extension: {
          status: r.extension.status,
          reason: r.extension.reason,
          askedAt: r.extension.askedAt,
          ...(r.extension.deciderId ? { deciderId: r.extension.deciderId.toString() } : {}),
          ...(r.extension.decidedAt ? { decidedAt: r.extension.decidedAt } : {}),
          ...(r.extension.answer ? { answer: r.extension.answer } : {}),
        },
      }
    : {}),
  history: historyOf(r.history),
  tasks: (r.tasks ?? []).map((t) => ({
    task: t.task,
    status: t.status,
    note: t.note ?? '',
    ...(t.doneById ? { doneById: t.doneById.toString() } : {}),
    ...(t.doneAt ? { doneAt: t.doneAt } : {}),
  })),
  attachments: (r.attachments ?? []).map((f) => ({ id: f.attachmentId.toString(), label: f.label })),
  ...(r.space && r.slotStart && r.slotEnd
    ? { slot: { space: r.space, start: r.slotStart, end: r.slotEnd } }
    : {}),
  ...(r.removeDueAt ? { removeDueAt: r.removeDueAt } : {}),
});

export class ApprovalRepository implements ApprovalStore {
  private readonly claims: ClaimRepository;

  constructor(private readonly models: Models) {
    this.claims = claimsOf(models);
  }

  /** Creates the request once per source key; a retry returns the existing one. */
  async create(a: NewApproval): Promise<{ approval: ApprovalView; created: boolean }> {
    const { at, slot, attachments, ...fields } = a;
    const waiting = approvalWaitingOn({ ...fields, stage: 0 } as unknown as ApprovalView);
    const { row, created } = await insertOnce(this.models.Approval, a.sourceKey, {
      ...fields,
      attachments: attachments.map((f) => ({ attachmentId: f.id, label: f.label })),
      ...(slot ? { space: slot.space, slotStart: slot.start, slotEnd: slot.end } : {}),
      stage: 0,
      createdAt: at,
      waitRole: waiting.role,
      history: [{ at, actorId: a.requesterId, action: 'submitted', note: '' }],
    });
    return { approval: approvalView(row as Row), created };
  }

  async get(id: string): Promise<ApprovalView | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const row = await this.models.Approval.findById(id).lean();
    return row ? approvalView(row as Row) : null;
  }

  async sealedBorrowerId(id: string): Promise<string | undefined> {
    if (!Types.ObjectId.isValid(id)) return undefined;
    const row = await this.models.Approval.findById(id, { borrowerIdSealed: 1 }).lean();
    return row?.borrowerIdSealed ?? undefined;
  }

  async byNumber(number: string): Promise<ApprovalView | null> {
    const row = await this.models.Approval.findOne({ number }).lean();
    return row ? approvalView(row as Row) : null;
  }

  /** One version-conditioned update (no transactions needed); null when someone changed it first. */
  async update(
    before: ApprovalView,
    patch: ApprovalPatch,
    entry: HistoryEntry,
    after: ApprovalView,
  ): Promise<ApprovalView | null> {
    // Approvals have no person to-do key: mongoose's strict mode drops `waitPersonId` from the update.
    const row = await this.claims.versioned('approval', before, (filter) =>
      this.models.Approval.findOneAndUpdate(filter, toUpdate(patch, entry, approvalWaitingOn(after)), {
        new: true,
      }).lean(),
    );
    return row ? approvalView(row as Row) : null;
  }

  /**
   * Approved bookings of `space` whose slot overlaps [start, end), except `exceptId`: equality on
   * the indexed `space`, then the slot range (the `{space, slotStart}` index).
   */
  async approvedOverlapping(space: string, start: Date, end: Date, exceptId = ''): Promise<ApprovalView[]> {
    const rows = await this.models.Approval.find({
      space,
      slotStart: { $lt: end },
      slotEnd: { $gt: start },
      status: 'approved',
    })
      .sort({ slotStart: 1 })
      .limit(5)
      .lean();
    return rows.filter((r) => r._id.toString() !== exceptId).map((r) => approvalView(r as Row));
  }

  /**
   * Runs `change` as the only booking decision on `space` at a time (a claim on the space), so two
   * approvals of overlapping slots cannot both pass the re-check; null when another holds it.
   */
  bookingTurn<T>(space: string, change: () => Promise<T | null>): Promise<T | null> {
    return this.claims.exclusive(`space:${space}`, change);
  }

  /** Pending requests whose current step waits on `role` (the indexed to-do key). */
  async waitingOn(role: string, limit = 50): Promise<ApprovalView[]> {
    const rows = await this.models.Approval.find({ waitRole: role })
      .sort({ createdAt: 1 })
      .limit(limit)
      .lean();
    return rows.map((r) => approvalView(r as Row));
  }

  /** Requests of one requester, newest first ("我的申请"). */
  async byRequester(requesterId: string, limit = 10): Promise<ApprovalView[]> {
    if (!Types.ObjectId.isValid(requesterId)) return [];
    const rows = await this.models.Approval.find({ requesterId }).sort({ createdAt: -1 }).limit(limit).lean();
    return rows.map((r) => approvalView(r as Row));
  }

  async byShop(shopCode: string, limit = 10): Promise<ApprovalView[]> {
    if (!shopCode) return [];
    const rows = await this.models.Approval.find({ shopCode }).sort({ createdAt: -1 }).limit(limit).lean();
    return rows.map((r) => approvalView(r as Row));
  }
}
