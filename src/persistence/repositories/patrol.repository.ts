import { Types } from 'mongoose';
import type { NewFinding, NewPatrol, PatrolStore } from '../../domain/patrol/patrol.ports.js';
import type { PatrolPatch } from '../../domain/patrol/patrol.transition.js';
import type { FindingView, PatrolStatus, PatrolView } from '../../domain/patrol/patrol.types.js';
import type { HistoryEntry } from '../../domain/shared/ticket.types.js';
import type { Models } from '../db.js';
import type { Patrol, PatrolFinding } from '../models/patrol.model.js';
import { type ClaimRepository, claimsOf } from './claim.repository.js';
import { insertOnce } from './insert-once.js';
import { toUpdate } from './patch.js';
import { historyOf, idOrUndefined } from './views.js';

type Row = Patrol & { _id: Types.ObjectId; createdAt: Date };
type FindingRow = PatrolFinding & { _id: Types.ObjectId };

const NO_WAIT = { role: '', personId: '' };

export const patrolView = (r: Row): PatrolView => ({
  id: r._id.toString(),
  number: r.number,
  sourceKey: r.sourceKey,
  walkerId: r.walkerId.toString(),
  channel: {
    platform: r.channel.platform,
    userId: r.channel.userId,
    conversationId: r.channel.conversationId,
  },
  dayKey: r.dayKey,
  shift: r.shift,
  status: r.status,
  startedAt: r.startedAt,
  endedAt: r.endedAt ?? undefined,
  reviewedAt: r.reviewedAt ?? undefined,
  reviewerId: idOrUndefined(r.reviewerId),
  findingCount: r.findingCount ?? 0,
  stage: r.stage ?? 0,
  version: r.version ?? 0,
  history: historyOf(r.history),
  createdAt: r.createdAt,
});

const findingView = (r: FindingRow): FindingView => ({
  id: r._id.toString(),
  patrolId: r.patrolId,
  seq: r.seq,
  category: r.category,
  text: r.text,
  unit: r.unit ?? '',
  attachmentIds: r.attachmentIds ?? [],
  repairNumber: r.repairNumber ?? '',
  violationNumber: r.violationNumber ?? '',
  at: r.at,
});

/** Patrols and their findings: each a single-document insert or a version-conditioned update. */
export class PatrolRepository implements PatrolStore {
  private readonly claims: ClaimRepository;

  constructor(private readonly models: Models) {
    this.claims = claimsOf(models);
  }

  async create(number: string, p: NewPatrol): Promise<{ patrol: PatrolView; created: boolean }> {
    const { at, ...fields } = p;
    const { row, created } = await insertOnce(this.models.Patrol, p.sourceKey, {
      ...fields,
      number,
      walkingBy: p.walkerId,
      status: 'walking',
      startedAt: at,
      stage: 0,
      // The business clock's time (the dev clock moves it), not the schema timestamp's wall time.
      createdAt: at,
      history: [{ at, actorId: p.walkerId, action: 'start', note: '' }],
    });
    return { patrol: patrolView(row as Row), created };
  }

  async get(id: string): Promise<PatrolView | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const row = await this.models.Patrol.findById(id).lean();
    return row ? patrolView(row as Row) : null;
  }

  async byNumber(number: string): Promise<PatrolView | null> {
    const row = await this.models.Patrol.findOne({ number }).lean();
    return row ? patrolView(row as Row) : null;
  }

  async walking(walkerId: string): Promise<PatrolView | null> {
    const row = await this.models.Patrol.findOne({ walkingBy: walkerId }).lean();
    return row ? patrolView(row as Row) : null;
  }

  async withStatus(status: PatrolStatus, limit: number): Promise<PatrolView[]> {
    const rows = await this.models.Patrol.find({ status }).sort({ startedAt: 1 }).limit(limit).lean();
    return rows.map((r) => patrolView(r as Row));
  }

  async onDay(dayKey: string): Promise<PatrolView[]> {
    const rows = await this.models.Patrol.find({ dayKey }).sort({ startedAt: 1 }).lean();
    return rows.map((r) => patrolView(r as Row));
  }

  async update(
    before: PatrolView,
    patch: PatrolPatch,
    entry: HistoryEntry,
    after: PatrolView,
  ): Promise<PatrolView | null> {
    const u = toUpdate(patch, entry, NO_WAIT) as { $set: Record<string, unknown> };
    u.$set.walkingBy = after.status === 'walking' ? after.walkerId : '';
    if (patch.endedAt)
      u.$set.findingCount = await this.models.PatrolFinding.countDocuments({ patrolId: before.id });
    const row = await this.claims.versioned('patrol', before, (filter) =>
      this.models.Patrol.findOneAndUpdate(filter, u, { new: true }).lean(),
    );
    return row ? patrolView(row as Row) : null;
  }

  /**
   * One finding, numbered after the patrol's earlier ones. A person's messages are handled one at
   * a time, so the count is not raced; a retried message finds its finding by source key.
   */
  async addFinding(f: NewFinding): Promise<{ finding: FindingView; created: boolean }> {
    const existing = await this.models.PatrolFinding.findOne({ sourceKey: f.sourceKey }).lean();
    if (existing) return { finding: findingView(existing as FindingRow), created: false };
    const seq = (await this.models.PatrolFinding.countDocuments({ patrolId: f.patrolId })) + 1;
    const { row, created } = await insertOnce(this.models.PatrolFinding, f.sourceKey, { ...f, seq });
    return { finding: findingView(row as FindingRow), created };
  }

  async findings(patrolId: string): Promise<FindingView[]> {
    const rows = await this.models.PatrolFinding.find({ patrolId }).sort({ seq: 1 }).lean();
    return rows.map((r) => findingView(r as FindingRow));
  }

  async linkFinding(
    findingId: string,
    link: { repairNumber?: string; violationNumber?: string },
  ): Promise<void> {
    await this.models.PatrolFinding.updateOne({ _id: findingId }, { $set: link });
  }

  async addFindingPhoto(findingId: string, attachmentId: string): Promise<void> {
    await this.models.PatrolFinding.updateOne(
      { _id: findingId },
      { $addToSet: { attachmentIds: attachmentId } },
    );
  }
}
