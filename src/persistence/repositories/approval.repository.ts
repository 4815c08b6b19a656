import { Types } from 'mongoose';
import type { Models } from '../db.js';
import type { Approval, ApprovalType } from '../models/approval.model.js';
import type { Role } from '../models/person.model.js';
import { insertOnce } from './insert-once.js';

export interface ApprovalStep {
  readonly role: Role;
  readonly status: 'waiting' | 'pending' | 'approved' | 'rejected' | 'skipped';
  readonly deciderId?: string;
  readonly decidedAt?: Date;
  readonly reason: string;
}

export interface ApprovalView {
  readonly id: string;
  readonly number: string;
  readonly type: ApprovalType;
  readonly status: 'pending' | 'approved' | 'rejected' | 'cancelled';
  readonly requesterId: string;
  readonly channel: { platform: 'wecom' | 'dingtalk'; userId: string; conversationId: string };
  readonly shopCode: string;
  readonly text: string;
  readonly details: readonly { key: string; label: string; value: string }[];
  readonly steps: readonly ApprovalStep[];
  readonly currentStep: number;
  readonly version: number;
  readonly createdAt: Date;
  readonly dueAt?: Date;
}

type Row = Approval & { _id: Types.ObjectId; createdAt: Date };

const toView = (r: Row): ApprovalView => ({
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
    status: s.status,
    reason: s.reason,
    ...(s.deciderId ? { deciderId: s.deciderId.toString() } : {}),
    ...(s.decidedAt ? { decidedAt: s.decidedAt } : {}),
  })),
  currentStep: r.currentStep,
  version: r.version,
  createdAt: r.createdAt,
  ...(r.dueAt ? { dueAt: r.dueAt } : {}),
});

export type NewApproval = Omit<ApprovalView, 'id' | 'createdAt' | 'version' | 'steps'> & {
  readonly sourceKey: string;
  readonly steps: readonly ApprovalStep[];
  readonly history: readonly { at: Date; actorId?: string; action: string; note: string }[];
};

export class ApprovalRepository {
  constructor(private readonly models: Models) {}

  /** Creates the request once per source key; a retry returns the existing one. */
  async create(a: NewApproval): Promise<{ approval: ApprovalView; created: boolean }> {
    const { row, created } = await insertOnce(this.models.Approval, a.sourceKey, { ...a });
    return { approval: toView(row as Row), created };
  }

  async get(id: string): Promise<ApprovalView | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const row = await this.models.Approval.findById(id).lean();
    return row ? toView(row as Row) : null;
  }

  async byNumber(number: string): Promise<ApprovalView | null> {
    const row = await this.models.Approval.findOne({ number }).lean();
    return row ? toView(row as Row) : null;
  }

  /**
   * The only way an approval changes: a single-document update conditioned on the version read
   * (optimistic concurrency; no transactions needed). Null when someone else changed it first.
   */
  async update(
    id: string,
    expectedVersion: number,
    set: { status: ApprovalView['status']; steps: readonly ApprovalStep[]; currentStep: number },
    history: { at: Date; actorId?: string; action: string; note: string },
  ): Promise<ApprovalView | null> {
    const row = await this.models.Approval.findOneAndUpdate(
      { _id: id, version: expectedVersion },
      { $set: { ...set }, $inc: { version: 1 }, $push: { history } },
      { new: true },
    ).lean();
    return row ? toView(row as Row) : null;
  }

  /** Requests of one requester, newest first (a tenant's "my requests"). */
  async byRequester(requesterId: string, limit = 10): Promise<ApprovalView[]> {
    const rows = await this.models.Approval.find({ requesterId }).sort({ createdAt: -1 }).limit(limit).lean();
    return rows.map((r) => toView(r as Row));
  }
}
