import { Types } from 'mongoose';
import type { NewRepair, RepairStore } from '../../domain/repair/repair.ports.js';
import type { RepairPatch } from '../../domain/repair/repair.transition.js';
import type { RepairStatus, RepairView } from '../../domain/repair/repair.types.js';
import type { DeadlineFields } from '../../domain/shared/deadline-planner.js';
import type { HistoryEntry } from '../../domain/shared/ticket.types.js';
import { repairWaitingOn } from '../../domain/shared/waiting.js';
import type { Models } from '../db.js';
import type { Repair } from '../models/repair.model.js';
import { type ClaimRepository, claimsOf } from './claim.repository.js';
import { insertOnce } from './insert-once.js';
import { EMPTY, intern } from './intern.js';
import { setFields, toUpdate } from './patch.js';
import { channelOf, historyOf, waitOf, withPresent } from './views.js';

type Row = Repair & { _id: Types.ObjectId; createdAt: Date };

/**
 * A stored work order as the domain's view. Optional fields the row lacks are left out (not set
 * to `undefined`) and vocabulary strings are interned, so the views the desk, the to-do lists and
 * the deadline sweeps hold cost little more than the stored data (`heap_per_ticket_ratio`).
 */
export const repairView = (r: Row): RepairView =>
  withPresent(
    {
      id: r._id.toString(),
      number: r.number,
      category: intern(r.category),
      urgency: intern(r.urgency),
      status: intern(r.status),
      billing: intern(r.billing ?? 'to_assess'),
      text: r.text,
      shopCode: intern(r.shopCode),
      unit: intern(r.unit ?? ''),
      place: intern(r.place),
      floor: intern(r.floor ?? ''),
      reporterId: r.reporterId.toString(),
      channel: channelOf(r.channel),
      stage: r.stage ?? 0,
      version: r.version ?? 0,
      faultFoundAt: r.faultFoundAt,
      reopenCount: r.reopenCount ?? 0,
      quoteStatus: intern(r.quoteStatus ?? 'none'),
      depositStatus: intern(r.depositStatus ?? 'none'),
      compensationStatus: intern(r.compensationStatus ?? 'none'),
      attachmentIds: r.attachmentIds && r.attachmentIds.length > 0 ? r.attachmentIds : EMPTY,
      pausedMs: r.pausedMs ?? 0,
      history: historyOf(r.history),
      createdAt: r.createdAt,
    },
    {
      assigneeId: r.assigneeId?.toString(),
      acceptedAt: r.acceptedAt,
      repairStartedAt: r.repairStartedAt,
      restoredAt: r.restoredAt,
      closedAt: r.closedAt,
      targetAt: r.targetAt,
      quoteAmount: r.quoteAmount,
      damageEstimate: r.damageEstimate,
      depositAmount: r.depositAmount,
      compensationAmount: r.compensationAmount,
      wait: waitOf<RepairStatus>(r.wait).wait,
      pausedBusinessMs: r.pausedBusinessMs || undefined,
    },
  );

/** Repair work orders: created once per source key, changed only by version-conditioned updates. */
export class RepairRepository implements RepairStore {
  private readonly claims: ClaimRepository;

  constructor(private readonly models: Models) {
    this.claims = claimsOf(models);
  }

  async create(number: string, r: NewRepair): Promise<{ repair: RepairView; created: boolean }> {
    const { at, deadlines, ...fields } = r;
    const waiting = repairWaitingOn({ status: 'reported' } as RepairView);
    const { row, created } = await insertOnce(this.models.Repair, r.sourceKey, {
      ...fields,
      ...setFields(deadlines),
      number,
      status: 'reported',
      stage: 0,
      faultFoundAt: at,
      createdAt: at,
      waitRole: waiting.role,
      waitPersonId: waiting.personId,
      history: [{ at, actorId: r.reporterId, action: 'filed', note: '' }],
    });
    return { repair: repairView(row as Row), created };
  }

  async get(id: string): Promise<RepairView | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const row = await this.models.Repair.findById(id).lean();
    return row ? repairView(row as Row) : null;
  }

  async byNumber(number: string): Promise<RepairView | null> {
    const row = await this.models.Repair.findOne({ number }).lean();
    return row ? repairView(row as Row) : null;
  }

  async update(
    before: RepairView,
    patch: RepairPatch,
    entry: HistoryEntry,
    after: RepairView,
    deadlines?: DeadlineFields,
  ): Promise<RepairView | null> {
    const row = await this.claims.versioned('repair', before, (filter) =>
      this.models.Repair.findOneAndUpdate(
        filter,
        toUpdate({ ...patch, ...deadlines }, entry, repairWaitingOn(after)),
        { new: true },
      ).lean(),
    );
    return row ? repairView(row as Row) : null;
  }

  /** Adds a photo as a versioned, claimed change, so it can neither lose nor undo a concurrent transition. */
  async addAttachment(id: string, attachmentId: string): Promise<void> {
    for (let i = 0; i < 20; i++) {
      const row = await this.models.Repair.findById(id, { version: 1 }).lean();
      if (!row) return;
      const done = await this.claims.versioned('repair', { id, version: row.version }, (filter) =>
        this.models.Repair.findOneAndUpdate(
          filter,
          { $addToSet: { attachmentIds: attachmentId }, $inc: { version: 1 } },
          { new: true },
        ).lean(),
      );
      if (done) return;
    }
    throw new Error(`repair ${id}: photo not added, the repair kept changing`);
  }

  /** Equality queries on the indexed to-do keys. */
  async waitingOn(key: { role?: string; personId?: string }, limit = 50): Promise<RepairView[]> {
    const filter = key.role ? { waitRole: key.role } : { waitPersonId: key.personId ?? '-' };
    const rows = await this.models.Repair.find(filter).sort({ createdAt: 1 }).limit(limit).lean();
    return rows.map((r) => repairView(r as Row));
  }

  async by(field: 'shopCode' | 'unit' | 'reporterId', value: string, limit = 20): Promise<RepairView[]> {
    if (!value) return [];
    if (field === 'reporterId' && !Types.ObjectId.isValid(value)) return [];
    const rows = await this.models.Repair.find({ [field]: value })
      .sort({ createdAt: -1 })
      .limit(limit)
      .lean();
    return rows.map((r) => repairView(r as Row));
  }
}
