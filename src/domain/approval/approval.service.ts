import { decidedLabel, presentApprovalCard } from '../../../cards/approval.card.js';
import type { BusinessTime } from '../../lib/business-time.js';
import { AppError, AppErrorCode } from '../../lib/errors.js';
import type { MessageBatch } from '../../outbound/message-batch.js';
import type { ApprovalType } from '../../persistence/models/approval.model.js';
import type {
  ApprovalRepository,
  ApprovalStep,
  ApprovalView,
} from '../../persistence/repositories/approval.repository.js';
import type { AuditRepository } from '../../persistence/repositories/audit.repository.js';
import type { CardRepository } from '../../persistence/repositories/card.repository.js';
import type { CounterRepository } from '../../persistence/repositories/counter.repository.js';
import type { PeopleRepository, PersonView } from '../../persistence/repositories/people.repository.js';
import type { Platform } from '../../platforms/inbound-event.js';
import { canActAs } from '../duty/duty.rules.js';
import type { DutyService } from '../duty/duty.service.js';
import { APPROVAL_LABELS, type ChainOptions, chainFor, ROLE_LABELS } from './approval.rules.js';

export interface SubmitApproval {
  readonly type: ApprovalType;
  readonly requester: PersonView;
  readonly channel: { platform: Platform; userId: string; conversationId: string };
  readonly shopCode: string;
  readonly text: string;
  readonly details: readonly { key: string; label: string; value: string }[];
  readonly sourceKey: string;
  readonly chain?: ChainOptions;
  readonly dueAt?: Date;
}

export interface Decision {
  readonly approvalId: string;
  readonly step: number;
  readonly verb: 'approve' | 'reject';
  readonly actor: PersonView | null;
  readonly actorAccount: { platform: Platform; userId: string };
  /** The card clicked and the one-use code that came with the click (WeCom). */
  readonly clicked?: { cardId: string; responseCode?: string };
  readonly reason?: string;
}

export type DecisionOutcome =
  | { readonly kind: 'decided'; readonly approval: ApprovalView }
  | { readonly kind: 'already'; readonly approval: ApprovalView; readonly by: string };

/** Approval requests: submit, route to whoever is on duty, decide once, update every card. */
export class ApprovalService {
  constructor(
    private readonly approvals: ApprovalRepository,
    private readonly people: PeopleRepository,
    private readonly cards: CardRepository,
    private readonly counters: CounterRepository,
    private readonly audit: AuditRepository,
    private readonly duty: DutyService,
    private readonly time: BusinessTime,
  ) {}

  /** Files a request (idempotent per source key) and sends the first step's cards. */
  async submit(req: SubmitApproval, batch: MessageBatch): Promise<ApprovalView> {
    const now = this.time.clock.now();
    const roles = chainFor(req.type, req.chain);
    const steps: ApprovalStep[] = roles.map((role, i) => ({
      role,
      status: i === 0 ? 'pending' : 'waiting',
      reason: '',
    }));
    const { approval, created } = await this.counters.allocate('SP', this.time.dayKey(now), (number) =>
      this.approvals.create({
        number,
        sourceKey: req.sourceKey,
        type: req.type,
        status: 'pending',
        requesterId: req.requester.id,
        channel: req.channel,
        shopCode: req.shopCode,
        text: req.text,
        details: req.details,
        steps,
        currentStep: 0,
        history: [{ at: now, actorId: req.requester.id, action: 'submitted', note: '' }],
        ...(req.dueAt ? { dueAt: req.dueAt } : {}),
      }),
    );
    if (created) await this.dispatchStep(approval, batch);
    return approval;
  }

  /** Sends the current step's card to everyone who may decide it now. */
  async dispatchStep(a: ApprovalView, batch: MessageBatch): Promise<number> {
    const step = a.steps[a.currentStep];
    if (!step || a.status !== 'pending') return 0;
    const onDuty = await this.duty.resolve(step.role);
    const requester = await this.people.get(a.requesterId);
    let sent = 0;
    for (const person of onDuty.people) {
      sent += await batch.toPerson(person.id, ({ platform }) => {
        const cardId = `ap-${a.id}-${a.currentStep}-${platform.slice(0, 2)}-${person.id}`;
        return {
          type: 'card',
          subject: { kind: 'approval', id: a.id },
          card: presentApprovalCard(a, {
            cardId,
            requesterName: requester?.name ?? '商户',
            when: (d) => this.time.human(d),
          }),
        };
      });
    }
    return sent;
  }

  /**
   * Decides the current step once. The actor must hold the step's role (or rank above it); anyone
   * else is refused and audited. The first decision wins through a version-conditioned update;
   * later clicks learn who decided. Every copy of the step's card is updated for every recipient.
   */
  async decide(d: Decision, batch: MessageBatch): Promise<DecisionOutcome> {
    const a = await this.approvals.get(d.approvalId);
    if (!a) throw new AppError(AppErrorCode.NOT_FOUND, '审批单不存在');
    const step = a.steps[d.step];
    if (!step) throw new AppError(AppErrorCode.VALIDATION_FAILED, 'no such step');
    if (d.actor?.kind !== 'staff' || !d.actor.active || !canActAs(d.actor.roles, step.role)) {
      await this.audit.append({
        action: 'approval.decide',
        outcome: 'refused',
        actorPersonId: d.actor?.id,
        actorPlatform: d.actorAccount.platform,
        actorPlatformUserId: d.actorAccount.userId,
        targetKind: 'approval',
        targetId: a.id,
        reason: d.actor ? `role ${step.role} required` : 'unbound account',
        details: { step: d.step, verb: d.verb },
      });
      throw new AppError(AppErrorCode.FORBIDDEN, `只有${ROLE_LABELS[step.role]}可以审批此申请`, {
        reason: 'not_approver',
      });
    }
    if (a.status !== 'pending' || a.currentStep !== d.step || step.status !== 'pending') {
      return { kind: 'already', approval: a, by: await this.deciderName(step) };
    }
    const now = this.time.clock.now();
    const decision = d.verb === 'approve' ? 'approved' : 'rejected';
    const steps = a.steps.map((s, i): ApprovalStep => {
      if (i === d.step)
        return {
          ...s,
          status: decision,
          deciderId: d.actor?.id ?? '',
          decidedAt: now,
          reason: d.reason ?? '',
        };
      if (i === d.step + 1 && decision === 'approved') return { ...s, status: 'pending' };
      if (i > d.step && decision === 'rejected') return { ...s, status: 'skipped' };
      return s;
    });
    const last = d.step === a.steps.length - 1;
    const status = decision === 'rejected' ? 'rejected' : last ? 'approved' : 'pending';
    const updated = await this.approvals.update(
      a.id,
      a.version,
      { status, steps, currentStep: status === 'pending' ? d.step + 1 : d.step },
      { at: now, actorId: d.actor.id, action: decision, note: d.reason ?? '' },
    );
    if (!updated) {
      const fresh = (await this.approvals.get(a.id)) ?? a;
      return { kind: 'already', approval: fresh, by: await this.deciderName(fresh.steps[d.step] ?? step) };
    }
    await this.audit.append({
      action: 'approval.decide',
      outcome: 'allowed',
      actorPersonId: d.actor.id,
      actorPlatform: d.actorAccount.platform,
      actorPlatformUserId: d.actorAccount.userId,
      targetKind: 'approval',
      targetId: a.id,
      details: { step: d.step, decision },
    });
    await this.queueCardUpdates(updated, d.step, decidedLabel(decision, d.actor.name), d.clicked, batch);
    if (status === 'pending') await this.dispatchStep(updated, batch);
    await this.notifyRequester(updated, decision, d.actor, status, batch);
    return { kind: 'decided', approval: updated };
  }

  /** Every copy of the decided step's card shows the decision in place of its buttons. */
  private async queueCardUpdates(
    a: ApprovalView,
    step: number,
    label: string,
    clicked: Decision['clicked'],
    batch: MessageBatch,
  ): Promise<void> {
    const copies = (await this.cards.forSubject('approval', a.id)).filter(
      (c) => c.state === 'open' && c.cardId.startsWith(`ap-${a.id}-${step}-`),
    );
    for (const c of copies) {
      for (const user of c.recipients) {
        batch.to(
          { platform: c.platform, userId: user },
          {
            type: 'card_update',
            cardId: c.cardId,
            replaceName: label,
            ...(clicked?.cardId === c.cardId && clicked.responseCode
              ? { responseCode: clicked.responseCode }
              : {}),
            fallbackText: `${APPROVAL_LABELS[a.type]}申请 ${a.number}：${label}`,
          },
        );
      }
    }
  }

  private async notifyRequester(
    a: ApprovalView,
    decision: 'approved' | 'rejected',
    actor: PersonView,
    status: ApprovalView['status'],
    batch: MessageBatch,
  ): Promise<void> {
    const label = APPROVAL_LABELS[a.type];
    const text =
      decision === 'rejected'
        ? `您的${label}申请 ${a.number} 已被驳回（${actor.name}）。如有疑问请联系前台。`
        : status === 'approved'
          ? `您的${label}申请 ${a.number} 已审批通过（${actor.name}）。`
          : `您的${label}申请 ${a.number} 已通过第${a.currentStep}步（${actor.name}），等待${ROLE_LABELS[a.steps[a.currentStep]?.role ?? 'manager']}审批。`;
    await batch.toPerson(a.requesterId, () => ({ type: 'text', text }));
  }

  private async deciderName(step: ApprovalStep): Promise<string> {
    if (!step.deciderId) return '他人';
    return (await this.people.get(step.deciderId))?.name ?? '他人';
  }
}
