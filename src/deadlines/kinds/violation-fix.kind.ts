import type { ViolationView } from '../../domain/violation/violation.types.js';
import type { InspectionDesk } from '../../inspections/inspection-desk.js';
import type { BusinessTime } from '../../lib/business-time.js';
import type { MessageBatch } from '../../outbound/message-batch.js';
import type { Models } from '../../persistence/db.js';
import { type ClaimRepository, claimsOf } from '../../persistence/repositories/claim.repository.js';
import type { PeopleRepository } from '../../persistence/repositories/people.repository.js';
import type { ViolationRepository } from '../../persistence/repositories/violation.repository.js';
import type { ClaimResult, DeadlineKind, DueRef } from '../deadline-kind.js';

/** History action of the fired reminder; its `at` is the fix-by time, naming the step. */
export const VIOLATION_REMIND_ACTION = 'remind';

export interface ViolationDueStep {
  readonly violationId: string;
}

type HistoryRow = { at: Date; action: string };

/** How often a claim reads again after losing a race before it gives the step up for this run. */
const MAX_RACES = 6;

/**
 * A violation's fix-by time (9.3.1.2: "对违章行为再次进行检查"): `fixBy` (indexed) is the due
 * time. The claim moves the violation from open to recheck and records the reminder in one
 * version-conditioned update holding the violation's claim; the assistant then gets a card to re-inspect (fixed, or issue a notice).
 * A reminder for an assistant off shift waits for their next shift, except for fire safety.
 */
export class ViolationFixDeadline implements DeadlineKind<ViolationDueStep> {
  readonly name = 'violation-fix';

  constructor(
    private readonly models: Models,
    private readonly violations: ViolationRepository,
    private readonly desk: InspectionDesk,
    private readonly people: Pick<PeopleRepository, 'get'>,
    private readonly time: BusinessTime,
    private readonly claims: ClaimRepository = claimsOf(models),
  ) {}

  async findDue(now: Date, limit: number): Promise<DueRef[]> {
    const rows = await this.models.Violation.find({ fixBy: { $lte: now } }, { _id: 1, fixBy: 1 })
      .sort({ fixBy: 1 })
      .limit(limit)
      .lean();
    return rows.flatMap((r) => (r.fixBy ? [{ id: r._id.toString(), dueAt: r.fixBy }] : []));
  }

  /**
   * Moves the violation to recheck once: a write conditioned on the version read, holding the
   * violation's claim (as its actions do) and bumping the version; a lost race reads again.
   */
  async claim(ref: DueRef, now: Date): Promise<ClaimResult<ViolationDueStep>> {
    const fired = (h: HistoryRow[] | undefined) =>
      (h ?? []).some((x) => x.action === VIOLATION_REMIND_ACTION && x.at.getTime() === ref.dueAt.getTime());
    const step = { violationId: ref.id };
    for (let race = 0; race < MAX_RACES; race++) {
      const row = await this.models.Violation.findById(ref.id, {
        fixBy: 1,
        status: 1,
        history: 1,
        inspectorId: 1,
        category: 1,
        version: 1,
      }).lean();
      if (!row) return { outcome: 'gone' };
      if (fired(row.history as HistoryRow[])) return { outcome: 'reclaimed', step };
      const version = { id: ref.id, version: row.version ?? 0 };
      const same = { fixBy: ref.dueAt };
      if (row.status !== 'open') {
        if (row.fixBy?.getTime() === ref.dueAt.getTime())
          await this.claims.versioned('violation', version, (f) =>
            this.models.Violation.updateOne(
              { ...f, ...same },
              { $unset: { fixBy: 1 }, $inc: { version: 1 } },
            ),
          );
        return { outcome: 'gone' };
      }
      if (row.fixBy?.getTime() !== ref.dueAt.getTime()) return { outcome: 'gone' };
      const inspector = await this.people.get(row.inspectorId.toString());
      const until = inspector ? this.time.deliveryTime(inspector, now, row.category === 'fire_safety') : now;
      if (until > now) {
        const held = await this.claims.versioned('violation', version, async (f) => {
          const r = await this.models.Violation.updateOne(
            { ...f, ...same, status: 'open' },
            { $set: { fixBy: until }, $inc: { version: 1 } },
          );
          return r.modifiedCount === 1 ? true : null;
        });
        if (held) return { outcome: 'held', until };
        continue;
      }
      const claimed = await this.claims.versioned('violation', version, async (f) => {
        const r = await this.models.Violation.updateOne(
          { ...f, ...same, status: 'open' },
          {
            $set: { status: 'recheck' },
            $unset: { fixBy: 1 },
            $inc: { version: 1 },
            $push: { history: { at: ref.dueAt, action: VIOLATION_REMIND_ACTION, note: '' } },
          },
        );
        return r.modifiedCount === 1 ? true : null;
      });
      if (claimed) return { outcome: 'claimed', step };
    }
    return { outcome: 'gone' };
  }

  async notify(s: ViolationDueStep, batch: MessageBatch): Promise<void> {
    const v: ViolationView | null = await this.violations.get(s.violationId);
    if (v) await this.desk.violationDue(v, batch);
  }
}
