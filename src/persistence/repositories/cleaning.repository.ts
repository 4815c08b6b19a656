import { Types } from 'mongoose';
import type { CleaningStore, NewCleaning } from '../../domain/cleaning/cleaning.ports.js';
import type { CleaningPatch } from '../../domain/cleaning/cleaning.transition.js';
import type { CleaningStatus, CleaningView } from '../../domain/cleaning/cleaning.types.js';
import type { HistoryEntry } from '../../domain/shared/ticket.types.js';
import type { Models } from '../db.js';
import type { Cleaning } from '../models/cleaning.model.js';
import { type ClaimRepository, claimsOf } from './claim.repository.js';
import { insertOnce } from './insert-once.js';
import { toUpdate } from './patch.js';
import { historyOf, idOrUndefined } from './views.js';

type Row = Cleaning & { _id: Types.ObjectId; createdAt: Date };

export const cleaningView = (r: Row): CleaningView => ({
  id: r._id.toString(),
  number: r.number,
  status: r.status,
  itemCode: r.itemCode ?? '',
  item: r.item,
  points: r.points ?? 0,
  text: r.text,
  inspectorId: r.inspectorId.toString(),
  channel: {
    platform: r.channel.platform,
    userId: r.channel.userId,
    conversationId: r.channel.conversationId,
  },
  dayKey: r.dayKey,
  monthKey: r.monthKey,
  shift: r.shift,
  contractorId: idOrUndefined(r.contractorId),
  confirmedAt: r.confirmedAt ?? undefined,
  disputeReason: r.disputeReason ?? undefined,
  decidedById: idOrUndefined(r.decidedById),
  stage: r.stage ?? 0,
  version: r.version ?? 0,
  history: historyOf(r.history),
  createdAt: r.createdAt,
});

/** Cleaning inspection records: created once per source key, changed by version-conditioned updates. */
export class CleaningRepository implements CleaningStore {
  private readonly claims: ClaimRepository;

  constructor(private readonly models: Models) {
    this.claims = claimsOf(models);
  }

  async create(number: string, c: NewCleaning): Promise<{ record: CleaningView; created: boolean }> {
    const { at, ...fields } = c;
    const { row, created } = await insertOnce(this.models.Cleaning, c.sourceKey, {
      ...fields,
      number,
      stage: 0,
      // The business clock's time (the dev clock moves it), not the schema timestamp's wall time.
      createdAt: at,
      history: [{ at, actorId: c.inspectorId, action: 'recorded', note: '' }],
    });
    return { record: cleaningView(row as Row), created };
  }

  async get(id: string): Promise<CleaningView | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const row = await this.models.Cleaning.findById(id).lean();
    return row ? cleaningView(row as Row) : null;
  }

  async ofMonth(monthKey: string): Promise<CleaningView[]> {
    const rows = await this.models.Cleaning.find({ monthKey }).sort({ createdAt: 1 }).lean();
    return rows.map((r) => cleaningView(r as Row));
  }

  async withStatus(status: CleaningStatus, limit: number): Promise<CleaningView[]> {
    const rows = await this.models.Cleaning.find({ status }).sort({ createdAt: 1 }).limit(limit).lean();
    return rows.map((r) => cleaningView(r as Row));
  }

  async ofDay(dayKey: string): Promise<CleaningView[]> {
    const rows = await this.models.Cleaning.find({ dayKey }).sort({ createdAt: 1 }).lean();
    return rows.map((r) => cleaningView(r as Row));
  }

  async update(
    before: CleaningView,
    patch: CleaningPatch,
    entry: HistoryEntry,
    _after: CleaningView,
  ): Promise<CleaningView | null> {
    const row = await this.claims.versioned('cleaning', before, (filter) =>
      this.models.Cleaning.findOneAndUpdate(filter, toUpdate(patch, entry, { role: '', personId: '' }), {
        new: true,
      }).lean(),
    );
    return row ? cleaningView(row as Row) : null;
  }
}
