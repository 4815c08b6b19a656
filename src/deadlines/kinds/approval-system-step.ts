import type { ApprovalService } from '../../domain/approval/approval.service.js';
import type { ApprovalAction } from '../../domain/approval/approval.types.js';
import { SYSTEM_PERSON } from '../../domain/people/people.types.js';
import type { Notifier } from '../../notify/notifier.js';
import type { MessageBatch } from '../../outbound/message-batch.js';
import type { Models } from '../../persistence/db.js';
import type { ApprovalRepository } from '../../persistence/repositories/approval.repository.js';
import { type ClaimRepository, claimsOf } from '../../persistence/repositories/claim.repository.js';
import type { ClaimResult, DeadlineKind, DueRef } from '../deadline-kind.js';

export interface ApprovalDue {
  readonly approvalId: string;
  readonly dueAt: Date;
}

/** The indexed due fields of an approved request that the product acts on by itself. */
export type ApprovalDueField = 'passExpiresAt' | 'removeDueAt';

export interface ApprovalStepParts {
  readonly models: Models;
  readonly approvals: ApprovalRepository;
  readonly service: Pick<ApprovalService, 'act'>;
  readonly notifier: Notifier;
  readonly claims?: ClaimRepository;
}

const SYSTEM_ACTOR = { person: SYSTEM_PERSON, account: { platform: 'wecom' as const, userId: 'system' } };

/**
 * An approved request's due time (an indexed field set on approval) at which the product takes one
 * action through the approval table: a claimed, version-conditioned update that also removes the
 * field, so it fires once. A rerun after the action was stored rebuilds the same messages; a
 * request no longer approved drops the due time (claimed and versioned, like every other write).
 */
export class ApprovalSystemStep implements DeadlineKind<ApprovalDue> {
  private readonly claims: ClaimRepository;

  constructor(
    readonly name: string,
    private readonly field: ApprovalDueField,
    private readonly action: ApprovalAction,
    private readonly d: ApprovalStepParts,
  ) {
    this.claims = d.claims ?? claimsOf(d.models);
  }

  async findDue(now: Date, limit: number): Promise<DueRef[]> {
    const rows = await this.d.models.Approval.find(
      { [this.field]: { $lte: now } },
      { _id: 1, [this.field]: 1 },
    )
      .sort({ [this.field]: 1 })
      .limit(limit)
      .lean();
    return rows.flatMap((r) => {
      const dueAt = r[this.field];
      return dueAt ? [{ id: r._id.toString(), dueAt }] : [];
    });
  }

  async claim(ref: DueRef): Promise<ClaimResult<ApprovalDue>> {
    const step = { approvalId: ref.id, dueAt: ref.dueAt };
    const o = await this.d.service.act({ id: ref.id, action: this.action, actor: SYSTEM_ACTOR, input: {} });
    if (o.kind === 'done') return { outcome: 'claimed', step };
    const a = await this.d.approvals.get(ref.id);
    if (a && a.history.at(-1)?.action === this.action) return { outcome: 'reclaimed', step };
    if (a && a.status !== 'approved')
      await this.claims.versioned('approval', a, (f) =>
        this.d.models.Approval.updateOne(
          { ...f, status: a.status, [this.field]: { $exists: true } },
          { $unset: { [this.field]: 1 }, $inc: { version: 1 } },
        ),
      );
    return { outcome: 'gone' };
  }

  /** Depends only on the step: the stored action's outcome, told again under the same outbox keys. */
  async notify(s: ApprovalDue, batch: MessageBatch): Promise<void> {
    const a = await this.d.approvals.get(s.approvalId);
    const entry = a?.history.findLast((h) => h.action === this.action);
    if (!a || !entry) return;
    await this.d.notifier.approval(
      {
        kind: 'done',
        action: this.action,
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
