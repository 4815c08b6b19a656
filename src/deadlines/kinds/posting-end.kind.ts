import type { ApprovalService } from '../../domain/approval/approval.service.js';
import { SYSTEM_PERSON } from '../../domain/people/people.types.js';
import type { Notifier } from '../../notify/notifier.js';
import type { MessageBatch } from '../../outbound/message-batch.js';
import type { Models } from '../../persistence/db.js';
import type { ApprovalRepository } from '../../persistence/repositories/approval.repository.js';
import { type ClaimRepository, claimsOf } from '../../persistence/repositories/claim.repository.js';
import type { ClaimResult, DeadlineKind, DueRef } from '../deadline-kind.js';

export interface PostingEnd {
  readonly approvalId: string;
  readonly dueAt: Date;
}

const SYSTEM_ACTOR = { person: SYSTEM_PERSON, account: { platform: 'wecom' as const, userId: 'system' } };

/**
 * An approved posting (张贴) whose end date came: `removeDueAt` (indexed) is set when it is
 * approved. The product takes `remind_removal` through the approval table (one claimed,
 * version-conditioned update that also removes `removeDueAt`, so it fires once), and the requester
 * and the assistants on duty are told to take it down.
 */
export class PostingEndDeadline implements DeadlineKind<PostingEnd> {
  readonly name = 'posting-end';

  constructor(
    private readonly models: Models,
    private readonly approvals: ApprovalRepository,
    private readonly service: Pick<ApprovalService, 'act'>,
    private readonly notifier: Notifier,
    private readonly claims: ClaimRepository = claimsOf(models),
  ) {}

  async findDue(now: Date, limit: number): Promise<DueRef[]> {
    const rows = await this.models.Approval.find({ removeDueAt: { $lte: now } }, { _id: 1, removeDueAt: 1 })
      .sort({ removeDueAt: 1 })
      .limit(limit)
      .lean();
    return rows.flatMap((r) => (r.removeDueAt ? [{ id: r._id.toString(), dueAt: r.removeDueAt }] : []));
  }

  async claim(ref: DueRef): Promise<ClaimResult<PostingEnd>> {
    const step = { approvalId: ref.id, dueAt: ref.dueAt };
    const o = await this.service.act({
      id: ref.id,
      action: 'remind_removal',
      actor: SYSTEM_ACTOR,
      input: {},
    });
    if (o.kind === 'done') return { outcome: 'claimed', step };
    // A rerun of this same step after the reminder was stored: rebuild the same messages.
    const a = await this.approvals.get(ref.id);
    if (a && a.history.at(-1)?.action === 'remind_removal') return { outcome: 'reclaimed', step };
    // No longer approved (withdrawn, or the reminder went with another step): drop the due time,
    // holding the approval's claim and bumping its version like every other write.
    if (a?.removeDueAt && a.status !== 'approved')
      await this.claims.versioned('approval', a, (f) =>
        this.models.Approval.updateOne(f, { $unset: { removeDueAt: 1 }, $inc: { version: 1 } }),
      );
    return { outcome: 'gone' };
  }

  async notify(s: PostingEnd, batch: MessageBatch): Promise<void> {
    const a = await this.approvals.get(s.approvalId);
    const entry = a?.history.findLast((h) => h.action === 'remind_removal');
    if (!a || !entry) return;
    await this.notifier.approval(
      {
        kind: 'done',
        action: 'remind_removal',
        before: a,
        after: a,
        actor: SYSTEM_PERSON,
        input: {},
        at: entry.at,
      },
      batch,
    );
  }
}
