import type { PersonView } from '../people/people.types.js';
import type { ActionInput } from '../shared/action-spec.js';
import { availableActions, decide, type Verdict } from '../shared/machine.js';
import type { HistoryEntry } from '../shared/ticket.types.js';
import { type RepairGuard, repairMachine, repairParties } from './repair.machine.js';
import type {
  Billing,
  CompensationStatus,
  DepositStatus,
  QuoteStatus,
  RepairAction,
  RepairStatus,
  RepairView,
} from './repair.types.js';

/** The fields one action changes; `null` removes a field. */
export interface RepairPatch {
  status?: RepairStatus;
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
  const { assigneeId, ...rest } = p;
  return {
    ...r,
    ...rest,
    ...(assigneeId !== undefined ? { assigneeId: assigneeId ?? undefined } : {}),
    version: r.version + 1,
    history: [...r.history, entry],
  };
};

/** Applies one action: the table decides, the effects say what changes, the stage moves on. */
export const applyRepairAction = (r: RepairView, cmd: RepairCommand): RepairApplied => {
  const verdict = decide(repairMachine, r.status, cmd.action, repairParties(r, cmd.actor), r);
  if (!verdict.ok) return { ok: false, verdict };
  const patch = effects(r, cmd, verdict.to);
  const moved =
    (patch.status !== undefined && patch.status !== r.status) ||
    (patch.assigneeId !== undefined && (patch.assigneeId ?? undefined) !== r.assigneeId);
  const entry0: HistoryEntry = { at: cmd.at, actorId: cmd.actor?.id, action: cmd.action, note: '' };
  // The engineer's card is re-issued when what they can do changes (e.g. 开始维修 once billing is settled).
  const owner = new Set(['owner'] as const);
  const ownerActions = (x: RepairView) => availableActions(repairMachine, x.status, owner, x).join();
  if (moved || SETTLES.has(cmd.action) || ownerActions(r) !== ownerActions(patchedRepair(r, patch, entry0)))
    patch.stage = r.stage + 1;
  const note = noteOf(cmd, patch, r);
  const entry: HistoryEntry = { at: cmd.at, actorId: cmd.actor?.id, action: cmd.action, note };
  return { ok: true, before: r, next: patchedRepair(r, patch, entry), patch, entry };
};
