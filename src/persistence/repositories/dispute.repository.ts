import { Types } from 'mongoose';
import type { DisputeStore, NewDispute } from '../../domain/dispute/dispute.ports.js';
import type { DisputePatch } from '../../domain/dispute/dispute.transition.js';
import type { DisputeView } from '../../domain/dispute/dispute.types.js';
import type { HistoryEntry } from '../../domain/shared/ticket.types.js';
import type { Models } from '../db.js';
import type { Dispute } from '../models/dispute.model.js';
import { type ClaimRepository, claimsOf } from './claim.repository.js';
import { insertOnce } from './insert-once.js';
import { toUpdate } from './patch.js';
import { historyOf } from './views.js';

type Row = Dispute & { _id: Types.ObjectId; createdAt: Date };

const disputeView = (r: Row): DisputeView => ({
  id: r._id.toString(),
  number: r.number,
  shopCode: r.shopCode ?? '',
  text: r.text,
  mediatorId: r.mediatorId.toString(),
  channel: {
    platform: r.channel.platform,
    userId: r.channel.userId,
    conversationId: r.channel.conversationId,
  },
  status: r.status,
  outcome: r.outcome ?? undefined,
  referredTo: r.referredTo ?? undefined,
  referredAt: r.referredAt ?? undefined,
  stage: r.stage ?? 0,
  version: r.version ?? 0,
  history: historyOf(r.history),
  createdAt: r.createdAt,
});

/** Disputes: created once per source key, changed by version-conditioned updates. */
export class DisputeRepository implements DisputeStore {
  private readonly claims: ClaimRepository;

  constructor(private readonly models: Models) {
    this.claims = claimsOf(models);
  }

  async create(number: string, d: NewDispute): Promise<{ dispute: DisputeView; created: boolean }> {
    const { at, ...fields } = d;
    const { row, created } = await insertOnce(this.models.Dispute, d.sourceKey, {
      ...fields,
      number,
      status: 'mediating',
      stage: 0,
      // The business clock's time (the dev clock moves it), not the schema timestamp's wall time.
      createdAt: at,
      history: [{ at, actorId: d.mediatorId, action: 'recorded', note: '' }],
    });
    return { dispute: disputeView(row as Row), created };
  }

  async get(id: string): Promise<DisputeView | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const row = await this.models.Dispute.findById(id).lean();
    return row ? disputeView(row as Row) : null;
  }

  async update(before: DisputeView, patch: DisputePatch, entry: HistoryEntry): Promise<DisputeView | null> {
    const row = await this.claims.versioned('dispute', before, (filter) =>
      this.models.Dispute.findOneAndUpdate(filter, toUpdate(patch, entry, { role: '', personId: '' }), {
        new: true,
      }).lean(),
    );
    return row ? disputeView(row as Row) : null;
  }
}
