import type { BusinessTime } from '../../lib/business-time.js';
import { canActAs } from '../duty/duty.rules.js';
import type { PersonView } from '../people/people.types.js';
import { type ActOutcome, type Actor, type ActRequest, act } from '../shared/act.js';
import type { AuditLog } from '../shared/audit.js';
import type { TicketNumbers } from '../shared/numbers.js';
import type { Channel } from '../shared/ticket.types.js';
import { APPROVAL_ACTION_SPECS } from './approval.actions.js';
import type { ApprovalStore, ReleaseDirectory, SpaceBookings, StandInStore } from './approval.ports.js';
import {
  APPROVAL_TYPE_DEFS,
  type ChainOptions,
  declaredConditions,
  filingRefusal,
  needsSignerConfirmation,
  stepsFor,
} from './approval.rules.js';
import { type ApprovalPatch, applyApprovalAction } from './approval.transition.js';
import type { ApprovalAction, ApprovalStep, ApprovalType, ApprovalView } from './approval.types.js';
import { archiveDueTimes } from './archive-times.js';
import { TASK_OF } from './follow-up.rules.js';
import { isFollowUpAction } from './follow-up.types.js';
import { clashReason, type Slot } from './space.rules.js';

export interface SubmitApproval {
  readonly type: ApprovalType;
  readonly requester: PersonView;
  readonly channel: Channel;
  readonly shopCode: string;
  readonly text: string;
  readonly details: readonly { key: string; label: string; value: string }[];
  readonly sourceKey: string;
  readonly chain?: ChainOptions;
  readonly dueAt?: Date;
  /** An outside key borrower's ID number, encrypted (the details carry only the masked form). */
  readonly borrowerIdSealed?: string;
  /** A first step owned by these people (a shop's registered release signers confirming). */
  readonly signerIds?: readonly string[];
  /** Files sent with the request, with what each is. */
  readonly attachments?: readonly { readonly id: string; readonly label: string }[];
  /** The public space and slot a space-use request books. */
  readonly slot?: Slot;
}

/** A senior assistant's look at an outside borrower's full ID number. */
export type RevealResult =
  | { readonly kind: 'sealed'; readonly sealed: string; readonly number: string; readonly masked: string }
  | { readonly kind: 'refused' | 'not_found' | 'none' };

export type ApprovalOutcome = ActOutcome<ApprovalView, ApprovalAction>;

/** A request from chat: filed, or refused with the reason in words for the requester. */
export type RequestResult =
  | { readonly kind: 'filed'; readonly approval: ApprovalView; readonly created: boolean }
  | { readonly kind: 'refused'; readonly reason: string };

/** Where a stand-in may be named from (an admin route or a chat command). */
export interface NameStandIn {
  readonly principal: PersonView;
  readonly deputy: PersonView;
  readonly from: Date;
  readonly until: Date;
}

/** Approval requests: a chain of steps decided through the approval table, one outcome at a time. */
export class ApprovalService {
  constructor(
    private readonly store: ApprovalStore,
    private readonly numbers: TicketNumbers,
    private readonly audit: AuditLog,
    private readonly time: BusinessTime,
    private readonly extra: {
      readonly standIns?: StandInStore;
      readonly release?: ReleaseDirectory;
      readonly bookings?: SpaceBookings;
      /** The first reminder of a step opened at `at` (the escalation ladder of the type), if any. */
      readonly firstReminder?: (type: ApprovalType, at: Date) => Date | undefined;
    } = {},
  ) {}

  /**
   * A request as a person makes it: refused with the reason when the type's rules do not let
   * them ask (who may ask, a goods release's registered signers), otherwise filed once.
   */
  async request(req: SubmitApproval): Promise<RequestResult> {
    const release =
      req.type === 'goods_release' && this.extra.release
        ? await this.extra.release.releaseOf(req.shopCode)
        : null;
    const shop = { code: req.shopCode, release };
    const confirm = needsSignerConfirmation(req.type, req.requester, shop);
    const signerIds =
      confirm && release && this.extra.release
        ? await this.extra.release.signerIds(req.shopCode, release)
        : [];
    const reason =
      filingRefusal(req.type, req.requester, shop) ??
      (confirm && signerIds.length === 0
        ? `铺位 ${req.shopCode} 的登记签字人尚未绑定企业微信或钉钉，无法确认您的申请。请由登记签字人提交，或联系前台。`
        : undefined) ??
      (await this.clashOf(req.type, req.slot));
    if (reason) {
      await this.audit.append({
        action: `approval.request.${req.type}`,
        actorPersonId: req.requester.id,
        actorPlatform: req.channel.platform,
        actorPlatformUserId: req.channel.userId,
        targetKind: 'approval',
        targetId: req.sourceKey,
        outcome: 'refused',
        reason,
      });
      return { kind: 'refused', reason };
    }
    const { approval, created } = await this.submit(signerIds.length > 0 ? { ...req, signerIds } : req);
    return { kind: 'filed', approval, created };
  }

  /** Why a booking's slot cannot be had (an approved booking of the space overlaps it), or undefined. */
  private async clashOf(
    type: ApprovalType,
    slot: Slot | undefined,
    exceptId = '',
  ): Promise<string | undefined> {
    if (!APPROVAL_TYPE_DEFS[type].booksSpace || !slot || !this.extra.bookings) return undefined;
    const [clash] = await this.extra.bookings.approvedOverlapping(slot.space, slot.start, slot.end, exceptId);
    return clash?.slot
      ? clashReason(slot, { number: clash.number, slot: clash.slot }, (d) => this.time.human(d))
      : undefined;
  }

  /** Names `deputy` to decide for `principal` over [from, until) ("代 X 审批"). */
  async nameStandIn(s: NameStandIn): Promise<'ok' | 'same_person' | 'bad_range' | 'not_staff'> {
    if (s.principal.id === s.deputy.id) return 'same_person';
    if (!(s.from < s.until)) return 'bad_range';
    if (s.principal.kind !== 'staff' || s.deputy.kind !== 'staff') return 'not_staff';
    await this.extra.standIns?.add({
      principalId: s.principal.id,
      deputyId: s.deputy.id,
      from: s.from,
      until: s.until,
      note: '',
    });
    return 'ok';
  }

  /**
   * A step that opens (the next one, or a passed-up one) starts its reminder ladder afresh; a step
   * owned by named people (a shop's signers) has no ladder (there is nobody above them to pass to).
   */
  private withReminder(before: ApprovalView, p: ApprovalPatch, at: Date): ApprovalPatch {
    const opened =
      p.status === 'pending' &&
      (p.currentStep !== before.currentStep ||
        before.status !== 'pending' ||
        p.steps[p.currentStep]?.role !== before.steps[before.currentStep]?.role);
    if (!opened || !this.extra.firstReminder || p.steps[p.currentStep]?.personIds?.length) return p;
    return { ...p, remindAt: this.extra.firstReminder(before.type, at) ?? null, escalationLevel: 0 };
  }

  /** Files a request once per source key. */
  async submit(req: SubmitApproval): Promise<{ approval: ApprovalView; created: boolean }> {
    const at = this.time.clock.now();
    const conditions = declaredConditions(req.type, req.chain);
    const signers: ApprovalStep[] = req.signerIds?.length
      ? [{ role: 'tenant', personIds: req.signerIds, status: 'pending', reason: '' }]
      : [];
    const steps: ApprovalStep[] = [
      ...signers,
      ...stepsFor(req.type, conditions).map(
        (role, i): ApprovalStep => ({
          role,
          status: i === 0 && signers.length === 0 ? 'pending' : 'waiting',
          reason: '',
        }),
      ),
    ];
    return this.numbers.allocate('SP', this.time.dayKey(at), (number) =>
      this.store.create({
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
        conditions,
        at,
        ...(this.extra.firstReminder && signers.length === 0
          ? { remindAt: this.extra.firstReminder(req.type, at) }
          : {}),
        ...(req.dueAt ? { dueAt: req.dueAt } : {}),
        ...(req.borrowerIdSealed ? { borrowerIdSealed: req.borrowerIdSealed } : {}),
        tasks: (APPROVAL_TYPE_DEFS[req.type].followUp ?? []).map((task) => ({
          task,
          status: 'open',
          note: '',
        })),
        attachments: req.attachments ?? [],
        ...(req.slot ? { slot: req.slot } : {}),
      }),
    );
  }

  /**
   * The encrypted ID number of a key loan's outside borrower, for a senior assistant or above
   * only; every attempt is audited (who, which request, allowed or refused). The caller sends it
   * as a sealed message, opened only by the platform sender.
   */
  async revealBorrowerId(id: string, actor: Actor): Promise<RevealResult> {
    const a = await this.store.get(id);
    if (!a) return { kind: 'not_found' };
    const person = actor.person;
    const allowed = Boolean(
      person?.active && person.kind === 'staff' && canActAs(person.roles, 'senior_assistant'),
    );
    const sealed = allowed ? await this.store.sealedBorrowerId(a.id) : undefined;
    await this.audit.append({
      action: 'approval.reveal_id',
      outcome: allowed ? (sealed ? 'allowed' : 'info') : 'refused',
      actorPersonId: person?.id,
      actorPlatform: actor.account.platform,
      actorPlatformUserId: actor.account.userId,
      targetKind: 'approval',
      targetId: a.id,
      ...(allowed ? {} : { reason: 'only senior assistants and above may see ID numbers' }),
    });
    if (!allowed) return { kind: 'refused' };
    if (!sealed) return { kind: 'none' };
    const masked = a.details.find((d) => d.key === 'id')?.value ?? '';
    return { kind: 'sealed', sealed, number: a.number, masked };
  }

  get(id: string): Promise<ApprovalView | null> {
    return this.store.get(id);
  }

  /**
   * One action on a request. A follow-up task's press holds while its task is open (see
   * {@link unstaged}).
   */
  async act(given: ActRequest<ApprovalAction>): Promise<ApprovalOutcome> {
    const req = await this.unstaged(given);
    if (req === given) return this.actBooking(req);
    const o = await this.actBooking(req);
    const task = isFollowUpAction(req.action) ? TASK_OF[req.action] : undefined;
    const doneMeanwhile =
      o.kind === 'refused' &&
      o.why === 'guard' &&
      o.current.tasks.some((t) => t.task === task && t.status === 'done');
    return doneMeanwhile ? { kind: 'stale', current: o.current } : o;
  }

  /**
   * The last approval of a booking re-checks the slot holding the space's turn, so two overlapping
   * bookings approved at the same moment cannot both be granted.
   */
  private async actBooking(req: ActRequest<ApprovalAction>): Promise<ApprovalOutcome> {
    const booking = req.action === 'approve' ? await this.bookingToDecide(req.id) : undefined;
    if (!booking?.slot) return this.actNow(req);
    const slot = booking.slot;
    for (let turn = 0; turn < 5; turn++) {
      const o = await this.extra.bookings?.bookingTurn(slot.space, async (): Promise<ApprovalOutcome> => {
        const clash = await this.clashOf(booking.type, slot, booking.id);
        const current = clash ? await this.store.get(booking.id) : null;
        if (clash && current?.status === 'pending')
          return { kind: 'refused', current, why: 'guard', guard: 'slot_free', note: clash };
        return this.actNow(req);
      });
      if (o) return o;
    }
    const current = await this.store.get(req.id);
    return current ? { kind: 'stale', current } : { kind: 'not_found' };
  }

  /**
   * Follow-up tasks are independent of each other: finance settling the fees moves the request to a
   * new stage, but the keeper's card for the keys (pressed at the same moment) still means what it
   * says. A press on a card of a task still open is taken at whatever stage the request is at when
   * it lands (a concurrent press on another task may move it on); the table still decides whether
   * the task can be done and by whom, and a task someone else just did reads as already handled.
   */
  private async unstaged(req: ActRequest<ApprovalAction>): Promise<ActRequest<ApprovalAction>> {
    if (!isFollowUpAction(req.action) || req.stage === undefined) return req;
    const a = await this.store.get(req.id);
    const task = TASK_OF[req.action];
    const open = a?.status === 'approved' && a.tasks.some((t) => t.task === task && t.status === 'open');
    if (!a || !open) return req;
    const { stage: _old, ...rest } = req;
    return rest;
  }

  /** A pending booking at its last step (an approval now grants the slot), if `id` is one. */
  private async bookingToDecide(id: string): Promise<ApprovalView | undefined> {
    if (!this.extra.bookings) return undefined;
    const a = await this.store.get(id);
    const last = a && a.currentStep === a.steps.length - 1;
    return a && last && a.status === 'pending' && APPROVAL_TYPE_DEFS[a.type].booksSpace ? a : undefined;
  }

  private async actNow(req: ActRequest<ApprovalAction>): Promise<ApprovalOutcome> {
    const person = req.actor.person;
    const standIns =
      person && this.extra.standIns
        ? await this.extra.standIns.activeFor(person.id, this.time.clock.now())
        : [];
    return act(
      {
        kind: 'approval',
        load: (id) => this.store.get(id),
        apply: (v, cmd) =>
          applyApprovalAction(v, { ...cmd, standIns, due: archiveDueTimes(this.time, cmd.at) }),
        save: (b, p, e, a) => this.store.update(b, this.withReminder(b, p, e.at), e, a),
        spec: (a) => APPROVAL_ACTION_SPECS[a],
      },
      req,
      { audit: this.audit, clock: this.time.clock },
    );
  }
}
