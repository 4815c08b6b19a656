import { APPROVAL_LABELS } from '../../domain/approval/approval.rules.js';
import type { Notifier } from '../../notify/notifier.js';
import type { MessageBatch } from '../../outbound/message-batch.js';
import type { Models } from '../../persistence/db.js';
import type { ApprovalRepository } from '../../persistence/repositories/approval.repository.js';
import { type ClaimRepository, claimsOf } from '../../persistence/repositories/claim.repository.js';
import type { ClaimResult, DeadlineKind, DueRef } from '../deadline-kind.js';

/** History action that records the overdue notice; its `at` is the due time it was for. */
export const KEY_DUE_ACTION = 'deadline.key-due';

export interface KeyOverdue {
  readonly approvalId: string;
  readonly dueAt: Date;
}

/**
 * A borrowed key not back by its due time (rulebook 10: returned the same day): `keyDueAt`
 * (indexed) is set when the keeper hands the key over and removed when it comes back. Once due,
 * the claim removes it with one conditional update and records the notice; the borrower and the
 * senior assistants on duty are told once.
 */
/** How often a claim reads again after losing a race before it gives the step up for this run. */
const MAX_RACES = 6;

export class KeyDueDeadline implements DeadlineKind<KeyOverdue> {
  readonly name = 'key-due';

  constructor(
    private readonly models: Models,
    private readonly approvals: ApprovalRepository,
    private readonly notifier: Notifier,
    private readonly claims: ClaimRepository = claimsOf(models),
  ) {}

  async findDue(now: Date, limit: number): Promise<DueRef[]> {
    const rows = await this.models.Approval.find({ keyDueAt: { $lte: now } }, { _id: 1, keyDueAt: 1 })
      .sort({ keyDueAt: 1 })
      .limit(limit)
      .lean();
    return rows.flatMap((r) => (r.keyDueAt ? [{ id: r._id.toString(), dueAt: r.keyDueAt }] : []));
  }

  /**
   * Marks the loan overdue once: a write conditioned on the version read, holding the approval's
   * claim (as decisions do) and bumping the version; a lost race reads again.
   */
  async claim(ref: DueRef): Promise<ClaimResult<KeyOverdue>> {
    const step = { approvalId: ref.id, dueAt: ref.dueAt };
    for (let race = 0; race < MAX_RACES; race++) {
      const row = await this.models.Approval.findById(ref.id, {
        history: 1,
        status: 1,
        keyDueAt: 1,
        version: 1,
      }).lean();
      if (!row) return { outcome: 'gone' };
      const done = (row.history ?? []).some(
        (h) => h.action === KEY_DUE_ACTION && h.at.getTime() === ref.dueAt.getTime(),
      );
      if (done) return row.status === 'handed_over' ? { outcome: 'reclaimed', step } : { outcome: 'gone' };
      const version = { id: ref.id, version: row.version ?? 0 };
      if (row.status !== 'handed_over') {
        if (row.keyDueAt)
          await this.claims.versioned('approval', version, (f) =>
            this.models.Approval.updateOne(f, { $unset: { keyDueAt: 1 }, $inc: { version: 1 } }),
          );
        return { outcome: 'gone' };
      }
      if (row.keyDueAt?.getTime() !== ref.dueAt.getTime()) return { outcome: 'gone' };
      const claimed = await this.claims.versioned('approval', version, async (f) => {
        const r = await this.models.Approval.updateOne(
          { ...f, keyDueAt: ref.dueAt, status: 'handed_over' },
          {
            $unset: { keyDueAt: 1 },
            $push: { history: { at: ref.dueAt, action: KEY_DUE_ACTION, note: '逾期未还' } },
            $inc: { version: 1 },
          },
        );
        return r.modifiedCount === 1 ? true : null;
      });
      if (claimed) return { outcome: 'claimed', step };
    }
    return { outcome: 'gone' };
  }

  /** Depends only on the step (a rerun rebuilds the same messages under the same outbox keys). */
  async notify(s: KeyOverdue, batch: MessageBatch): Promise<void> {
    const a = await this.approvals.get(s.approvalId);
    if (a?.status !== 'handed_over') return;
    const k = this.notifier.kit(batch);
    const who = await k.name(a.requesterId, '借用人');
    k.toChannel(
      a.channel,
      `您借用的钥匙（${a.number}）应于 ${k.when(s.dueAt)} 前归还，已逾期，请尽快归还高级物业助理。`,
    );
    for (const p of await k.onDuty(['senior_assistant'])) {
      await k.text(
        p.id,
        `【钥匙逾期未还】${APPROVAL_LABELS[a.type]} ${a.number}（${who}${a.shopCode ? ` · ${a.shopCode}` : ''}）应于 ${k.when(s.dueAt)} 前归还，已逾期，请跟进收回。`,
      );
    }
  }
}
