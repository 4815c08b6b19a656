import { archiveNextMorning } from '../../domain/approval/archive-times.js';
import type { BusinessTime } from '../../lib/business-time.js';
import type { Notifier } from '../../notify/notifier.js';
import type { MessageBatch } from '../../outbound/message-batch.js';
import type { Models } from '../../persistence/db.js';
import type { ApprovalRepository } from '../../persistence/repositories/approval.repository.js';
import { type ClaimRepository, claimsOf } from '../../persistence/repositories/claim.repository.js';
import type { ClaimResult, DeadlineKind, DueRef } from '../deadline-kind.js';

/** History action that records a chase; its `at` is the due time it was for, its note the rung. */
export const ARCHIVE_DUE_ACTION = 'deadline.archive-due';

/** The two chases of a file not back: at closing time, then the manager next morning. */
const RUNGS = ['逾期未归档', '上报经理'] as const;

export interface ArchiveOverdue {
  readonly approvalId: string;
  readonly dueAt: Date;
  /** 0: the borrower and the archive clerks; 1: the manager. */
  readonly rung: number;
}

/** States in which the file is out of the archive room. */
const OUT = ['handing_out', 'checked_out'] as const;

/** How often a claim reads again after losing a race before it gives the step up for this run. */
const MAX_RACES = 6;

/**
 * An archive file not back by closing time (7.2.7: returned the same day). `archiveDueAt`
 * (indexed) is set when the clerk records the file out, moved by a granted next-day return and
 * removed when the clerk records it back. The first chase, at the due time, tells the borrower and
 * the archive clerks on duty and moves the field to the next morning; the second tells the manager
 * and removes it. Each claim is one version-conditioned update, holding the approval's claim, that records the
 * chase in the history.
 */
export class ArchiveDueDeadline implements DeadlineKind<ArchiveOverdue> {
  readonly name = 'archive-due';

  constructor(
    private readonly models: Models,
    private readonly approvals: ApprovalRepository,
    private readonly notifier: Notifier,
    private readonly time: BusinessTime,
    private readonly claims: ClaimRepository = claimsOf(models),
  ) {}

  async findDue(now: Date, limit: number): Promise<DueRef[]> {
    const rows = await this.models.Approval.find({ archiveDueAt: { $lte: now } }, { _id: 1, archiveDueAt: 1 })
      .sort({ archiveDueAt: 1 })
      .limit(limit)
      .lean();
    return rows.flatMap((r) => (r.archiveDueAt ? [{ id: r._id.toString(), dueAt: r.archiveDueAt }] : []));
  }

  /**
   * Records the chase once: a write conditioned on the version read, holding the approval's claim
   * (as decisions do) and bumping the version; a lost race reads again.
   */
  async claim(ref: DueRef): Promise<ClaimResult<ArchiveOverdue>> {
    for (let race = 0; race < MAX_RACES; race++) {
      const row = await this.models.Approval.findById(ref.id, {
        status: 1,
        archiveDueAt: 1,
        archiveChase: 1,
        history: 1,
        version: 1,
      }).lean();
      if (!row) return { outcome: 'gone' };
      const out = (OUT as readonly string[]).includes(row.status);
      const mine = row.history.find(
        (h) => h.action === ARCHIVE_DUE_ACTION && h.at.getTime() === ref.dueAt.getTime(),
      );
      if (mine) {
        const rung = RUNGS.indexOf(mine.note as (typeof RUNGS)[number]);
        return out && rung >= 0
          ? { outcome: 'reclaimed', step: { approvalId: ref.id, dueAt: ref.dueAt, rung } }
          : { outcome: 'gone' };
      }
      const version = { id: ref.id, version: row.version ?? 0 };
      if (!out) {
        if (row.archiveDueAt)
          await this.claims.versioned('approval', version, (f) =>
            this.models.Approval.updateOne(f, { $unset: { archiveDueAt: 1 }, $inc: { version: 1 } }),
          );
        return { outcome: 'gone' };
      }
      if (row.archiveDueAt?.getTime() !== ref.dueAt.getTime()) return { outcome: 'gone' };
      const rung = Math.min(row.archiveChase ?? 0, RUNGS.length - 1);
      const next = rung === 0 ? archiveNextMorning(this.time, ref.dueAt) : undefined;
      const claimed = await this.claims.versioned('approval', version, async (f) => {
        const r = await this.models.Approval.updateOne(
          { ...f, archiveDueAt: ref.dueAt, status: row.status },
          {
            ...(next
              ? { $set: { archiveDueAt: next, archiveChase: rung + 1 } }
              : { $unset: { archiveDueAt: 1 } }),
            $push: { history: { at: ref.dueAt, action: ARCHIVE_DUE_ACTION, note: RUNGS[rung] } },
            $inc: { version: 1 },
          },
        );
        return r.modifiedCount === 1 ? true : null;
      });
      const step = { approvalId: ref.id, dueAt: ref.dueAt, rung };
      if (claimed) return { outcome: 'claimed', step, ...(next ? { next } : {}) };
    }
    return { outcome: 'gone' };
  }

  /** Depends only on the step (a rerun rebuilds the same messages under the same outbox keys). */
  async notify(s: ArchiveOverdue, batch: MessageBatch): Promise<void> {
    const a = await this.approvals.get(s.approvalId);
    if (!a || !(OUT as readonly string[]).includes(a.status)) return;
    const k = this.notifier.kit(batch);
    const who = await k.name(a.requesterId, '借阅人');
    const what = a.details.find((d) => d.key === 'subject')?.value ?? '档案';
    const due = k.when(s.dueAt);
    if (s.rung === 0) {
      k.toChannel(
        a.channel,
        `您借阅的档案（${a.number}，${what}）应于 ${due} 前归还，已逾期，请立即归还档案管理员。`,
      );
      for (const p of await k.onDuty(['archive_clerk']))
        await k.text(
          p.id,
          `【档案逾期未归档】${a.number}（${who}，${what}）应于 ${due} 前归还，请跟进收回。`,
        );
      return;
    }
    for (const p of await k.onDuty(['manager']))
      await k.text(
        p.id,
        `【档案逾期未归档·上报】${a.number}（${who}，${what}）应于 ${due} 前归还，至今未归档，请督促归还。`,
      );
  }
}
