import type { PersonView } from '../people/people.types.js';
import type { ActionInput } from '../shared/action-spec.js';
import { availableActions, decide, type Verdict } from '../shared/machine.js';
import type { HistoryEntry } from '../shared/ticket.types.js';
import { endWait, resumedView, startWait, type WaitPatch } from '../shared/ticket-wait.js';
import { type RepairGuard, repairMachine, repairParties } from './repair.machine.js';
import { REPAIR_URGENCY_LABELS, raisedUrgency } from './repair.rules.js';
import {
  type Billing,
  type CompensationStatus,
  type DepositStatus,
  type QuoteStatus,
  REPAIR_ACTIONS,
  type RepairAction,
  type RepairParty,
  type RepairStatus,
  type RepairUrgency,
  type RepairView,
} from './repair.types.js';

/** The fields one action changes; `null` removes a field. */
export interface RepairPatch extends WaitPatch<RepairStatus> {
  status?: RepairStatus;
  urgency?: RepairUrgency;
  stage?: number;
  billing?: Billing;
  shopCode?: string;
  assigneeId?: string | null;
  acceptedAt?: Date;
  repairStartedAt?: Date;
  restoredAt?: Date;
  closedAt?: Date;
  reopenCount?: number;
  quoteAmount?: number;
  quoteStatus?: QuoteStatus;
  damageEstimate?: number;
  depositAmount?: number;
  depositStatus?: DepositStatus;
  compensationAmount?: number;
  compensationStatus?: CompensationStatus;
}

export interface RepairCommand {
  readonly action: RepairAction;
  readonly actor: PersonView | null;
  readonly input: ActionInput;
  readonly at: Date;
}

export type RepairApplied =
  | {
      readonly ok: true;
      readonly before: RepairView;
      readonly next: RepairView;
      readonly patch: RepairPatch;
      readonly entry: HistoryEntry;
    }
  | { readonly ok: false; readonly verdict: Exclude<Verdict<RepairStatus, RepairGuard>, { ok: true }> };

const money = (s: string | undefined): number => Math.round(Number(s ?? '') * 100) / 100;

/** The deposit for damage caused by someone: `percent` (20-50) of the estimate, in whole yuan. */
export const depositFor = (estimate: number, percent: number): number =>
  Math.round((estimate * percent) / 100);

const effects = (r: RepairView, cmd: RepairCommand, to: RepairStatus): RepairPatch => {
  const at = cmd.at;
  switch (cmd.action) {
    case 'dispatch':
      return { status: to, assigneeId: cmd.input.engineer ?? null };
    case 'accept':
      return { status: to, assigneeId: cmd.actor?.id ?? null, ...(r.acceptedAt ? {} : { acceptedAt: at }) };
    case 'price_free':
      return { billing: 'free' };
    case 'quote':
      return { status: to, billing: 'paid', quoteAmount: money(cmd.input.amount), quoteStatus: 'pending' };
    case 'accept_quote':
      return { status: to, quoteStatus: 'accepted' };
    case 'decline_quote':
      return { status: to, quoteStatus: 'declined', closedAt: at };
    case 'start':
      return { status: to, ...(r.repairStartedAt ? {} : { repairStartedAt: at }) };
    case 'fix':
      return { status: to, restoredAt: at };
    case 'verify':
      return { status: to, closedAt: at };
    case 'reopen':
      return { status: to, reopenCount: r.reopenCount + 1 };
    case 'damage': {
      const estimate = money(cmd.input.estimate);
      return {
        damageEstimate: estimate,
        depositAmount: depositFor(estimate, Number(cmd.input.percent)),
        depositStatus: 'held',
      };
    }
    case 'refund':
      return { depositStatus: 'refunded' };
    case 'compensate': {
      const amount = money(cmd.input.amount);
      return { damageEstimate: amount, compensationAmount: amount, compensationStatus: 'due' };
    }
    case 'reassess':
      return { compensationAmount: money(cmd.input.amount) };
    case 'compensation_paid':
      return { compensationStatus: 'paid' };
    case 'deduct':
      return {
        compensationAmount: money(cmd.input.amount),
        compensationStatus: 'deducted',
        ...(r.shopCode === '' ? { shopCode: r.unit } : {}),
      };
    case 'link':
      return { shopCode: r.unit };
    case 'cancel':
      return { status: to, closedAt: at };
    case 'release':
      return { status: to, assigneeId: null };
    case 'wait':
      return { status: to, ...startWait(r.status, cmd.input, at) };
    case 'resume':
      return { status: to };
    case 'raise':
      return { urgency: raisedUrgency(r.urgency) ?? r.urgency };
  }
};

/** The history line's note: the figures an action recorded, or the words given with it. */
const noteOf = (cmd: RepairCommand, patch: RepairPatch, r: RepairView): string => {
  switch (cmd.action) {
    case 'quote':
      return `报价 ${patch.quoteAmount} 元`;
    case 'damage':
      return `估价 ${patch.damageEstimate} 元，押金 ${patch.depositAmount} 元（${cmd.input.percent}%）`;
    case 'compensate':
      return `赔偿金 ${patch.compensationAmount} 元`;
    case 'reassess':
      return `赔偿金由 ${r.compensationAmount ?? 0} 元改为 ${patch.compensationAmount} 元`;
    case 'compensation_paid':
      return `赔偿金 ${r.compensationAmount ?? 0} 元已缴纳`;
    case 'raise':
      return `紧急程度：${REPAIR_URGENCY_LABELS[patch.urgency ?? r.urgency]}`;
    case 'deduct':
      return `从 ${r.shopCode || r.unit} 保证金扣除 ${patch.compensationAmount} 元`;
    default:
      return (cmd.input.text ?? '').trim();
  }
};

/** Damage settlements: each closes the cards that offered it (front desk, senior assistants). */
const SETTLES: ReadonlySet<RepairAction> = new Set(['compensate', 'reassess', 'compensation_paid', 'deduct']);

/** Merges a patch into a view. */
export const patchedRepair = (r: RepairView, p: RepairPatch, entry: HistoryEntry): RepairView => {
  const { assigneeId, wait, ...rest } = p;
  return {
    ...r,
    ...rest,
    ...(assigneeId !== undefined ? { assigneeId: assigneeId ?? undefined } : {}),
    ...(wait !== undefined ? { wait: wait ?? undefined } : {}),
    version: r.version + 1,
    history: [...r.history, entry],
  };
};

/**
 * The table's verdict, and the order it applies to. A waiting order (挂起) takes the actions its
 * table row allows in `waiting`; any other action that the state it waits from allows resumes it
 * first ("automatically when the owner acts on it again"), except waiting again.
 */
const decideWaitAware = (r: RepairView, cmd: RepairCommand) => {
  const parties = repairParties(r, cmd.actor);
  const verdict = decide(repairMachine, r.status, cmd.action, parties, r);
  if (verdict.ok || verdict.why !== 'state' || !r.wait || cmd.action === 'wait') return { verdict, base: r };
  const resumed = resumedView<RepairStatus, RepairView>(r);
  return { verdict: decide(repairMachine, resumed.status, cmd.action, parties, resumed), base: resumed };
};

/** The actions `parties` may take now, a waiting order's resuming actions included (card buttons). */
export const repairActionsFor = (r: RepairView, parties: ReadonlySet<RepairParty>): RepairAction[] => {
  const now = availableActions(repairMachine, r.status, parties, r);
  if (!r.wait) return now;
  const resumed = resumedView<RepairStatus, RepairView>(r);
  const later = availableActions(repairMachine, resumed.status, parties, resumed);
  return REPAIR_ACTIONS.filter((a) => now.includes(a) || (a !== 'wait' && later.includes(a)));
};

/** Applies one action: the table decides, the effects say what changes, the stage moves on. */
export const applyRepairAction = (r: RepairView, cmd: RepairCommand): RepairApplied => {
  const { verdict, base } = decideWaitAware(r, cmd);
  if (!verdict.ok) return { ok: false, verdict };
  const patch = effects(base, cmd, verdict.to);
  // Leaving `waiting` by any action ends the wait: its time joins pausedMs.
  if (r.wait && (patch.status ?? r.status) !== 'waiting') Object.assign(patch, endWait(r, cmd.at));
  const moved =
    (patch.status !== undefined && patch.status !== r.status) ||
    (patch.assigneeId !== undefined && (patch.assigneeId ?? undefined) !== r.assigneeId);
  const entry0: HistoryEntry = { at: cmd.at, actorId: cmd.actor?.id, action: cmd.action, note: '' };
  // The engineer's card is re-issued when what they can do changes (e.g. 开始维修 once billing is settled).
  const owner = new Set(['owner'] as const);
  const ownerActions = (x: RepairView) => repairActionsFor(x, owner).join();
  if (moved || SETTLES.has(cmd.action) || ownerActions(r) !== ownerActions(patchedRepair(r, patch, entry0)))
    patch.stage = r.stage + 1;
  const resumedBy = r.wait && cmd.action !== 'resume' && patch.wait === null ? '（恢复处理）' : '';
  const note = `${noteOf(cmd, patch, r)}${resumedBy}`;
  const entry: HistoryEntry = { at: cmd.at, actorId: cmd.actor?.id, action: cmd.action, note };
  return { ok: true, before: r, next: patchedRepair(r, patch, entry), patch, entry };
};
