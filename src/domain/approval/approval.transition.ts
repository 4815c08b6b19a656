import { nextUp } from '../duty/duty.rules.js';
import type { PersonView } from '../people/people.types.js';
import type { ActionInput } from '../shared/action-spec.js';
import { decide, type Verdict } from '../shared/machine.js';
import type { HistoryEntry } from '../shared/ticket.types.js';
import { type ApprovalGuard, approvalMachine, approvalParties, standInFor } from './approval.machine.js';
import { APPROVAL_TYPE_DEFS, markFor, stepsMarkedBy } from './approval.rules.js';
import type {
  ApprovalAction,
  ApprovalStatus,
  ApprovalStep,
  ApprovalView,
  ArchiveExtension,
  StandIn,
  StepCondition,
} from './approval.types.js';
import { tasksAfter } from './follow-up.rules.js';
import { type FollowUpState, isFollowUpAction } from './follow-up.types.js';

export interface ApprovalPatch {
  status: ApprovalStatus;
  steps: ApprovalStep[];
  currentStep: number;
  stage: number;
  /** When an unused gate pass runs out (indexed; the sweep expires it); null once used or ended. */
  passExpiresAt?: Date | null;
  /** The current step's next reminder (indexed; the sweep reminds and passes up); null once decided. */
  remindAt?: Date | null;
  escalationLevel?: number;
  /** A key handed over: when it is due back (indexed; the sweep chases it); null once returned. */
  keyDueAt?: Date | null;
  conditions?: StepCondition[];
  /** When the thing approved is due back (an archive file out: the closing time of the day, or the next day's). */
  dueAt?: Date;
  /** An archive file out: its next chase (indexed; the sweep reminds, then tells the manager); null once back. */
  archiveDueAt?: Date | null;
  /** Which chase `archiveDueAt` is: 0 the borrower and the clerk at closing time, 1 the manager next morning. */
  archiveChase?: number;
  extension?: ArchiveExtension;
  /** The follow-up tasks after a task button. */
  tasks?: FollowUpState[];
  /** An approved posting's removal reminder (indexed; the sweep reminds once); null once sent. */
  removeDueAt?: Date | null;
}

/** How long a gate pass holds when the request named no day. */
const PASS_DEFAULT_MS = 24 * 3_600_000;

export interface ApprovalCommand {
  readonly action: ApprovalAction;
  readonly actor: PersonView | null;
  readonly input: ActionInput;
  readonly at: Date;
  /** The people the actor stands in for now ("代 X 审批"). */
  readonly standIns?: readonly StandIn[];
  /**
   * Due times of an archive file taken out now (business calendar, worked out by the service):
   * back by closing time today, or by closing time on the next working day when that is granted.
   */
  readonly due?: { readonly sameDay: Date; readonly nextDay: Date };
}

export type ApprovalApplied =
  | {
      readonly ok: true;
      readonly before: ApprovalView;
      readonly next: ApprovalView;
      readonly patch: ApprovalPatch;
      readonly entry: HistoryEntry;
    }
  | { readonly ok: false; readonly verdict: Exclude<Verdict<ApprovalStatus, ApprovalGuard>, { ok: true }> };

const stepsAfter = (
  a: ApprovalView,
  cmd: ApprovalCommand,
  to: ApprovalStatus,
  principal: StandIn['principal'] | undefined,
): ApprovalStep[] => {
  const i = a.currentStep;
  const reason = (cmd.input.text ?? '').trim();
  const decided = (s: ApprovalStep, status: ApprovalStep['status']): ApprovalStep => ({
    ...s,
    status,
    reason,
    decidedAt: cmd.at,
    ...(cmd.actor ? { deciderId: cmd.actor.id } : {}),
    ...(principal ? { onBehalfOfId: principal.id } : {}),
  });
  return a.steps.map((s, k): ApprovalStep => {
    switch (cmd.action) {
      case 'approve':
        if (k === i) return decided(s, 'approved');
        if (k === i + 1 && to === 'pending') return { ...s, status: 'pending' };
        return s;
      case 'reject':
        if (k === i) return decided(s, 'rejected');
        return k > i ? { ...s, status: 'skipped' } : s;
      case 'pass_up':
        // The step stays pending, owned by the next rung; the passer is recorded in history.
        return k === i ? { ...s, role: nextUp(s.role) ?? s.role } : s;
      case 'cancel':
        return k >= i && s.status !== 'approved' ? { ...s, status: 'skipped' } : s;
      default:
        return s;
    }
  });
};

/**
 * A mark (an important archive file): the condition joins the request and its steps join the end
 * of the chain; a request already approved reopens on the first new step.
 */
const marked = (a: ApprovalView, actor: ApprovalCommand['actor']) => {
  const condition = markFor(a.type, a.conditions, actor?.roles ?? []);
  if (!condition) return undefined;
  const reopened = a.status === 'approved';
  const added = stepsMarkedBy(a.type, condition).map(
    (role, k): ApprovalStep => ({ role, status: reopened && k === 0 ? 'pending' : 'waiting', reason: '' }),
  );
  return {
    conditions: [...a.conditions, condition],
    steps: [...a.steps, ...added],
    currentStep: reopened ? a.steps.length : a.currentStep,
  };
};

/** The archive-loan fields an action sets (due times, the chase, the next-day request). */
const archiveLedger = (a: ApprovalView, cmd: ApprovalCommand): Partial<ApprovalPatch> => {
  const reason = (cmd.input.text ?? '').trim();
  switch (cmd.action) {
    case 'file_out': {
      const due = cmd.due?.sameDay ?? new Date(cmd.at.getTime() + PASS_DEFAULT_MS);
      return { dueAt: due, archiveDueAt: due, archiveChase: 0 };
    }
    case 'ask_extension':
      return { extension: { status: 'pending', reason, askedAt: cmd.at } };
    case 'grant_extension': {
      const due = cmd.due?.nextDay ?? new Date(cmd.at.getTime() + PASS_DEFAULT_MS);
      return {
        dueAt: due,
        archiveDueAt: due,
        archiveChase: 0,
        ...(a.extension
          ? {
              extension: {
                ...a.extension,
                status: 'granted',
                decidedAt: cmd.at,
                deciderId: cmd.actor?.id ?? '',
              },
            }
          : {}),
      };
    }
    case 'refuse_extension':
      return a.extension
        ? {
            extension: {
              ...a.extension,
              status: 'refused',
              decidedAt: cmd.at,
              deciderId: cmd.actor?.id ?? '',
              answer: reason,
            },
          }
        : {};
    case 'file_back':
      return { archiveDueAt: null };
    default:
      return {};
  }
};

/** Applies one decision to an approval (pure). */
export const applyApprovalAction = (a: ApprovalView, cmd: ApprovalCommand): ApprovalApplied => {
  const standIns = cmd.standIns ?? [];
  const parties = approvalParties(a, cmd.actor, standIns, cmd.at);
  const verdict = decide(approvalMachine, a.status, cmd.action, parties, a);
  if (!verdict.ok) return { ok: false, verdict };
  const deciding = cmd.action === 'approve' || cmd.action === 'reject' || cmd.action === 'pass_up';
  const principal = deciding && cmd.actor ? standInFor(a, cmd.actor, standIns, cmd.at) : undefined;
  const mark = cmd.action === 'mark_important' ? marked(a, cmd.actor) : undefined;
  if (cmd.action === 'mark_important' && !mark)
    return { ok: false, verdict: { ok: false, why: 'guard', guard: 'can_mark' } };
  const steps = mark?.steps ?? stepsAfter(a, cmd, verdict.to, principal);
  const advance = cmd.action === 'approve' && verdict.to === 'pending';
  const opensPass =
    verdict.to === 'approved' && a.status === 'pending' && approvalMachine.guards.gate_pass(a);
  const patch: ApprovalPatch = {
    status: verdict.to,
    steps,
    currentStep: mark?.currentStep ?? (advance ? a.currentStep + 1 : a.currentStep),
    stage: a.stage + 1,
    ...(mark ? { conditions: mark.conditions } : {}),
    ...archiveLedger(a, cmd),
    ...(opensPass ? { passExpiresAt: a.dueAt ?? new Date(cmd.at.getTime() + PASS_DEFAULT_MS) } : {}),
    ...(cmd.action === 'gate_release' || cmd.action === 'expire' ? { passExpiresAt: null } : {}),
    ...(cmd.action === 'hand_over'
      ? { keyDueAt: a.dueAt ?? new Date(cmd.at.getTime() + PASS_DEFAULT_MS) }
      : {}),
    ...(cmd.action === 'take_back' ? { keyDueAt: null } : {}),
    ...(isFollowUpAction(cmd.action)
      ? { tasks: tasksAfter(a.tasks, cmd.action, cmd.actor?.id, cmd.at, (cmd.input.text ?? '').trim()) }
      : {}),
    ...(verdict.to === 'approved' &&
    a.status === 'pending' &&
    APPROVAL_TYPE_DEFS[a.type].remindRemoval &&
    a.dueAt
      ? { removeDueAt: a.dueAt }
      : {}),
    ...(cmd.action === 'remind_removal' ? { removeDueAt: null } : {}),
    // A new step (or a passed-up one) gets its first reminder from the service; a decided request none.
    ...(verdict.to !== 'pending' ? { remindAt: null } : {}),
  };
  const late =
    (cmd.action === 'take_back' || cmd.action === 'file_back') && a.dueAt !== undefined && cmd.at > a.dueAt;
  const lateNote = cmd.action === 'file_back' ? '逾期归档' : '逾期归还';
  const entry: HistoryEntry = {
    at: cmd.at,
    actorId: cmd.actor?.id,
    action: cmd.action,
    note: [principal ? `代${principal.name}审批` : '', late ? lateNote : '', (cmd.input.text ?? '').trim()]
      .filter(Boolean)
      .join('：'),
  };
  const next: ApprovalView = {
    ...a,
    ...patch,
    removeDueAt: patch.removeDueAt === undefined ? a.removeDueAt : (patch.removeDueAt ?? undefined),
    version: a.version + 1,
    history: [...a.history, entry],
  };
  return { ok: true, before: a, next, patch, entry };
};
