import { Types } from 'mongoose';
import type { HistoryEntry } from '../../domain/shared/ticket.types.js';
import type { NewViolation, ViolationStore } from '../../domain/violation/violation.ports.js';
import type { ViolationPatch } from '../../domain/violation/violation.transition.js';
import type { ViolationStatus, ViolationView } from '../../domain/violation/violation.types.js';
import type { Models } from '../db.js';
import type { Violation } from '../models/violation.model.js';
import { type ClaimRepository, claimsOf } from './claim.repository.js';
import { insertOnce } from './insert-once.js';
import { toUpdate } from './patch.js';
import { historyOf, idOrUndefined } from './views.js';

type Row = Violation & { _id: Types.ObjectId; createdAt: Date };

export const violationView = (r: Row): ViolationView => ({
  id: r._id.toString(),
  number: r.number,
  shopCode: r.shopCode,
  category: r.category,
  text: r.text,
  inspectorId: r.inspectorId.toString(),
  channel: {
    platform: r.channel.platform,
    userId: r.channel.userId,
    conversationId: r.channel.conversationId,
  },
  patrolNumber: r.patrolNumber ?? '',
  fixBy: r.fixByAt,
  status: r.status,
  offenceNo: r.offenceNo ?? 1,
  escalated: r.escalated ?? false,
  noticeKind: r.noticeKind ?? undefined,
  noticeNumber: r.noticeNumber ?? undefined,
  noticeAt: r.noticeAt ?? undefined,
  signedAt: r.signedAt ?? undefined,
  signerId: idOrUndefined(r.signerId),
  meetingNote: r.meetingNote ?? undefined,
  meetingAt: r.meetingAt ?? undefined,
  stage: r.stage ?? 0,
  version: r.version ?? 0,
  history: historyOf(r.history),
  createdAt: r.createdAt,
});

/** Violations: created once per source key, changed only by version-conditioned updates. */
export class ViolationRepository implements ViolationStore {
  private readonly claims: ClaimRepository;

  constructor(private readonly models: Models) {
    this.claims = claimsOf(models);
  }

  async create(number: string, v: NewViolation): Promise<{ violation: ViolationView; created: boolean }> {
    const { at, ...fields } = v;
    const { row, created } = await insertOnce(this.models.Violation, v.sourceKey, {
      ...fields,
      fixByAt: v.fixBy,
      openedAt: at,
      // The business clock's time (the dev clock moves it), not the schema timestamp's wall time.
      createdAt: at,
      number,
      status: 'open',
      stage: 0,
      history: [{ at, actorId: v.inspectorId, action: 'opened', note: '' }],
    });
    return { violation: violationView(row as Row), created };
  }

  async get(id: string): Promise<ViolationView | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const row = await this.models.Violation.findById(id).lean();
    return row ? violationView(row as Row) : null;
  }

  async byNumber(number: string): Promise<ViolationView | null> {
    const row = await this.models.Violation.findOne({ number }).lean();
    return row ? violationView(row as Row) : null;
  }

  async waiting(
    q: { status: ViolationStatus; inspectorId?: string; shopCode?: string },
    limit: number,
  ): Promise<ViolationView[]> {
    const filter = q.shopCode
      ? { shopCode: q.shopCode, status: q.status }
      : {
          status: q.status,
          ...(q.inspectorId && Types.ObjectId.isValid(q.inspectorId)
            ? { inspectorId: new Types.ObjectId(q.inspectorId) }
            : {}),
        };
    const rows = await this.models.Violation.find(filter).sort({ createdAt: 1 }).limit(limit).lean();
    return rows.map((r) => violationView(r as Row));
  }

  async ofShop(shopCode: string): Promise<ViolationView[]> {
    const rows = await this.models.Violation.find({ shopCode }).sort({ createdAt: 1 }).lean();
    return rows.map((r) => violationView(r as Row));
  }

  async update(
    before: ViolationView,
    patch: ViolationPatch,
    entry: HistoryEntry,
    _after: ViolationView,
  ): Promise<ViolationView | null> {
    const row = await this.claims.versioned('violation', before, (filter) =>
      this.models.Violation.findOneAndUpdate(filter, toUpdate(patch, entry, { role: '', personId: '' }), {
        new: true,
      }).lean(),
    );
    return row ? violationView(row as Row) : null;
  }
}
