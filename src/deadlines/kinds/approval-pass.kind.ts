import type { ApprovalService } from '../../domain/approval/approval.service.js';
import { SYSTEM_PERSON } from '../../domain/people/people.types.js';
import type { Notifier } from '../../notify/notifier.js';
import type { MessageBatch } from '../../outbound/message-batch.js';
import type { Models } from '../../persistence/db.js';
import type { ApprovalRepository } from '../../persistence/repositories/approval.repository.js';
import { type ClaimRepository, claimsOf } from '../../persistence/repositories/claim.repository.js';
import type { ClaimResult, DeadlineKind, DueRef } from '../deadline-kind.js';

export interface PassExpiry {
  readonly approvalId: string;
  readonly dueAt: Date;
}

const SYSTEM_ACTOR = { person: SYSTEM_PERSON, account: { platform: 'wecom' as const, userId: 'system' } };

/**
 * A goods-release pass not used in its window (`passExpiresAt`, indexed, set when the request is
 * approved and removed when the gate marks it 已放行): the product expires it through the approval
 * table (one version-conditioned update), every copy of the gate's card shows it, and the
 * requester is told.
 */
export class ApprovalPassDeadline implements DeadlineKind<PassExpiry> {
  readonly name = 'approval-pass';

  constructor(
    private readonly models: Models,
    private readonly approvals: ApprovalRepository,
    private readonly service: Pick<ApprovalService, 'act'>,
    private readonly notifier: Notifier,
    private readonly claims: ClaimRepository = claimsOf(models),
  ) {}

  async findDue(now: Date, limit: number): Promise<DueRef[]> {
    const rows = await this.models.Approval.find(
      { passExpiresAt: { $lte: now } },
      { _id: 1, passExpiresAt: 1 },
    )
      .sort({ passExpiresAt: 1 })
      .limit(limit)
      .lean();
    return rows.flatMap((r) => (r.passExpiresAt ? [{ id: r._id.toString(), dueAt: r.passExpiresAt }] : []));
  }

  async claim(ref: DueRef): Promise<ClaimResult<PassExpiry>> {
    const step = { approvalId: ref.id, dueAt: ref.dueAt };
    const o = await this.service.act({ id: ref.id, action: 'expire', actor: SYSTEM_ACTOR, input: {} });
    if (o.kind === 'done') return { outcome: 'claimed', step };
    // A rerun of this same step after the expiry was stored: rebuild the same messages.
    const a = await this.approvals.get(ref.id);
    if (a?.status === 'expired' && a.history.at(-1)?.action === 'expire')
      return { outcome: 'reclaimed', step };
    // Released or decided otherwise: the deadline no longer applies (a claimed, versioned write).
    if (a && a.status !== 'approved')
      await this.claims.versioned('approval', a, (f) =>
        this.models.Approval.updateOne(
          { ...f, status: a.status },
          { $unset: { passExpiresAt: 1 }, $inc: { version: 1 } },
        ),
      );
    return { outcome: 'gone' };
  }

  async notify(s: PassExpiry, batch: MessageBatch): Promise<void> {
    const a = await this.approvals.get(s.approvalId);
    if (a?.status !== 'expired') return;
    const entry = a.history.at(-1);
    await this.notifier.approval(
      {
        kind: 'done',
        action: 'expire',
        before: a,
        after: a,
        actor: SYSTEM_PERSON,
        input: {},
        at: entry?.at ?? s.dueAt,
      },
      batch,
    );
  }
}
