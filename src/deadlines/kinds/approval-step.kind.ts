import { APPROVAL_LABELS } from '../../domain/approval/approval.rules.js';
import type { ApprovalView } from '../../domain/approval/approval.types.js';
import { ROLE_LABELS } from '../../domain/people/people.types.js';
import type { BusinessTime } from '../../lib/business-time.js';
import { approvalButtons } from '../../notify/buttons.js';
import type { Notifier } from '../../notify/notifier.js';
import type { MessageBatch } from '../../outbound/message-batch.js';
import type { Models } from '../../persistence/db.js';
import type { ApprovalRepository } from '../../persistence/repositories/approval.repository.js';
import type { CardRepository } from '../../persistence/repositories/card.repository.js';
import { type ClaimRepository, claimsOf } from '../../persistence/repositories/claim.repository.js';
import type { PeopleRepository } from '../../persistence/repositories/people.repository.js';
import type { AudienceResolver } from '../audience.js';
import type { ClaimResult, DeadlineKind, DueRef } from '../deadline-kind.js';
import { type Ladders, ladderFor, type Rung, rungDueAt } from '../ladders/escalation-ladder.js';
import { humanDuration } from './human-duration.js';

/** History action that records a fired rung; its `at` is the step's due time, naming the step. */
export const APPROVAL_RUNG_ACTION = 'deadline.approval-step';

export interface ApprovalRungStep {
  readonly approvalId: string;
  readonly stepIndex: number;
  readonly level: number;
  readonly rung: Rung;
  readonly stepStartedAt: Date;
}

type HistoryRow = { at: Date; action: string };

/** How often a claim reads again after losing a race before it gives the step up for this run. */
const MAX_RACES = 6;

/**
 * When the current step started waiting: the previous step's decision, or the submission as the
 * history records it (the service's clock; `createdAt` is the server's own stamp).
 */
export const stepStartedAt = (
  a: Pick<ApprovalView, 'steps' | 'currentStep' | 'createdAt'>,
  history: readonly HistoryRow[] = [],
): Date =>
  (a.currentStep > 0 ? a.steps[a.currentStep - 1]?.decidedAt : undefined) ??
  history.find((h) => h.action === 'submitted')?.at ??
  a.createdAt;

/**
 * The first rung's due time for a step that just opened: what the approval lifecycle stores in
 * `remindAt` (with `escalationLevel` 0) when a step becomes pending.
 */
export const firstApprovalRung = (ladders: Ladders, type: string, openedAt: Date, time: BusinessTime) => {
  const ladder = ladderFor(ladders, 'approval-step', type);
  return ladder ? rungDueAt(ladder, 0, { start: openedAt, previous: openedAt }, time) : undefined;
};

/**
 * Approval step waiting (DOMAIN.md: "a pending step reminds its approver and escalates when it
 * waits too long"): `remindAt` (indexed) is the next rung's due time and `escalationLevel` the
 * rung. A claim moves both in one conditional update and records the rung in the history.
 */
export class ApprovalStepDeadline implements DeadlineKind<ApprovalRungStep> {
  readonly name = 'approval-step';

  constructor(
    private readonly models: Models,
    private readonly approvals: ApprovalRepository,
    private readonly people: PeopleRepository,
    private readonly cards: CardRepository,
    private readonly notifier: Notifier,
    private readonly audience: AudienceResolver,
    private readonly ladders: Ladders,
    private readonly time: BusinessTime,
    private readonly claims: ClaimRepository = claimsOf(models),
  ) {}

  async findDue(now: Date, limit: number): Promise<DueRef[]> {
    const rows = await this.models.Approval.find({ remindAt: { $lte: now } }, { _id: 1, remindAt: 1 })
      .sort({ remindAt: 1 })
      .limit(limit)
      .lean();
    return rows.flatMap((r) => (r.remindAt ? [{ id: r._id.toString(), dueAt: r.remindAt }] : []));
  }

  /**
   * One write of the ladder: conditioned on the version read and holding the approval's claim
   * (`approval:<id>:v<version>`, the one decisions take), bumping the version. False when someone
   * changed the approval first.
   */
  private async write(
    id: string,
    version: number,
    filter: Record<string, unknown>,
    update: Record<string, unknown>,
  ): Promise<boolean> {
    const r = await this.claims.versioned('approval', { id, version }, async (f) => {
      const res = await this.models.Approval.updateOne(
        { ...filter, ...f },
        { ...update, $inc: { version: 1 } },
      );
      return res.modifiedCount === 1 ? true : null;
    });
    return r === true;
  }

  async claim(ref: DueRef, now: Date): Promise<ClaimResult<ApprovalRungStep>> {
    // A lost race (a decision meanwhile) reads again and decides again.
    for (let race = 0; race < MAX_RACES; race++) {
      const r = await this.claimOnce(ref, now);
      if (r !== 'raced') return r;
    }
    return { outcome: 'gone' };
  }

  private async claimOnce(ref: DueRef, now: Date): Promise<ClaimResult<ApprovalRungStep> | 'raced'> {
    const a = await this.approvals.get(ref.id);
    const row = await this.models.Approval.findById(ref.id, {
      remindAt: 1,
      escalationLevel: 1,
      history: 1,
      version: 1,
    }).lean();
    if (!a || !row) return { outcome: 'gone' };
    const fired = (row.history as HistoryRow[]).filter((h) => h.action === APPROVAL_RUNG_ACTION);
    const mine = fired.findIndex((h) => h.at.getTime() === ref.dueAt.getTime());
    const ladder = ladderFor(this.ladders, 'approval-step', a.type);
    const history = row.history as HistoryRow[];
    const base = { approvalId: a.id, stepIndex: a.currentStep, stepStartedAt: stepStartedAt(a, history) };
    if (mine >= 0) {
      const rung = ladder?.rungs[mine];
      const open = a.status === 'pending' && a.steps[a.currentStep]?.status === 'pending';
      return rung && open
        ? { outcome: 'reclaimed', step: { ...base, level: mine, rung } }
        : { outcome: 'gone' };
    }
    const version = row.version ?? 0;
    if (version !== a.version) return 'raced';
    const same = { remindAt: ref.dueAt, escalationLevel: row.escalationLevel };
    const step = a.steps[a.currentStep];
    const level = row.escalationLevel;
    const rung = ladder?.rungs[level];
    if (a.status !== 'pending' || step?.status !== 'pending' || !rung || !ladder) {
      if (row.remindAt?.getTime() === ref.dueAt.getTime())
        await this.write(ref.id, version, same, { $unset: { remindAt: 1 } });
      return { outcome: 'gone' };
    }
    if (row.remindAt?.getTime() !== ref.dueAt.getTime()) return { outcome: 'gone' };
    const who = await this.audience.resolve(rung.to, {
      role: step.role,
      holders: await this.holders(a),
    });
    const until = this.audience.deliverAt(who, now, rung.urgent);
    if (until > now) {
      const held = await this.write(ref.id, version, same, { $set: { remindAt: until } });
      return held ? { outcome: 'held', until } : 'raced';
    }
    const next = rungDueAt(ladder, level + 1, { start: base.stepStartedAt, previous: ref.dueAt }, this.time);
    const claimed = await this.write(
      ref.id,
      version,
      { ...same, status: 'pending', stage: a.stage },
      {
        $set: { escalationLevel: level + 1, ...(next ? { remindAt: next } : {}) },
        ...(next ? {} : { $unset: { remindAt: 1 } }),
        $push: { history: { at: ref.dueAt, action: APPROVAL_RUNG_ACTION, note: rung.label } },
      },
    );
    if (claimed) return { outcome: 'claimed', step: { ...base, level, rung } };
    // Lost the race: a duplicate job of this same step claimed it (same messages), or the approval moved.
    return 'raced';
  }

  /** People who got a card at this stage (card ids are `ap-<approval>-<stage>-<pf>-<person>…`). */
  private async holders(a: ApprovalView): Promise<string[]> {
    const prefix = `ap-${a.id}-${a.stage}-`;
    const ids = (await this.cards.forSubject('approval', a.id)).flatMap((c) => {
      const m = c.cardId.startsWith(prefix)
        ? /^[a-z]{2}-([0-9a-f]{24})/.exec(c.cardId.slice(prefix.length))
        : null;
      return m?.[1] ? [m[1]] : [];
    });
    return [...new Set(ids)];
  }

  async notify(s: ApprovalRungStep, batch: MessageBatch, now: Date): Promise<void> {
    const a = await this.approvals.get(s.approvalId);
    const step = a?.steps[s.stepIndex];
    if (!a || !step) return;
    const requester = await this.people.get(a.requesterId);
    const who = await this.audience.resolve(s.rung.to, {
      role: step.role,
      holders: await this.holders(a),
    });
    const label = `${APPROVAL_LABELS[a.type]}申请 ${a.number}`;
    const head =
      s.rung.action === 'pass' ? '【审批转交】' : s.rung.action === 'tell' ? '【审批超时】' : '【审批提醒】';
    const text = [
      `${head}${label}（${requester?.name ?? '商户'}${a.shopCode ? ` · ${a.shopCode}` : ''}）`,
      `待${ROLE_LABELS[step.role]}审批，已等待${humanDuration(now.getTime() - s.stepStartedAt.getTime())}。`,
      `${s.rung.label}${s.rung.action === 'pass' ? '，请您处理' : ''}。`,
    ].join('\n');
    for (const p of who) {
      await batch.toPerson(p.id, () => ({ type: 'text', text }));
      // The ping carries the buttons to act: a fresh copy of the card for whoever may decide.
      if (approvalButtons(a, p).length > 0)
        await this.notifier.cardsFor(p, [{ kind: 'approval', view: a }], `e${s.level}`, batch);
    }
  }
}
