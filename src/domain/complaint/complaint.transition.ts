import { nextUp } from '../duty/duty.rules.js';
import type { PersonView, StaffRole } from '../people/people.types.js';
import type { ActionInput } from '../shared/action-spec.js';
import { availableActions, decide, type Verdict } from '../shared/machine.js';
import type { HistoryEntry } from '../shared/ticket.types.js';
import { endWait, resumedView, startWait, type WaitPatch } from '../shared/ticket-wait.js';
import { type ComplaintGuard, complaintMachine, complaintParties } from './complaint.machine.js';
import {
  type Checkpoint,
  COMPLAINT_ACTIONS,
  type ComplaintAction,
  type ComplaintParty,
  type ComplaintStatus,
  type ComplaintView,
} from './complaint.types.js';

/** The fields one action changes; `null` removes a field. Persisted as one conditional update. */
export interface ComplaintPatch extends WaitPatch<ComplaintStatus> {
  status?: ComplaintStatus;
  stage?: number;
  ownerRole?: StaffRole;
  routedRoles?: StaffRole[];
  ownerId?: string | null;
  replyDueAt?: Date | null;
  firstRepliedAt?: Date;
  /** `null` reopens: the close time (and the stored week it closed in) goes. */
  closedAt?: Date | null;
  escalationLevel?: number;
  lastReply?: string;
  record?: string;
  rating?: number;
  ratingComment?: string;
  callbackDoneAt?: Date;
  callbackById?: string;
  callbackNote?: string;
  /** Checkpoints reached by this action (only ones not reached before). */
  checkpoints?: Partial<Record<Checkpoint, Date>>;
}

export interface ComplaintCommand {
  readonly action: ComplaintAction;
  readonly actor: PersonView | null;
  readonly input: ActionInput;
  readonly at: Date;
}

export type ComplaintApplied =
  | {
      readonly ok: true;
      readonly before: ComplaintView;
      readonly next: ComplaintView;
      readonly patch: ComplaintPatch;
      readonly entry: HistoryEntry;
    }
  | { readonly ok: false; readonly verdict: Exclude<Verdict<ComplaintStatus, ComplaintGuard>, { ok: true }> };

const reach = (c: ComplaintView, at: Date, ...names: Checkpoint[]): Partial<Record<Checkpoint, Date>> =>
  Object.fromEntries(names.filter((n) => !c.checkpoints[n]).map((n) => [n, at]));

/** What each action sets, given the complaint before it (pure; the table has already allowed it). */
const effects = (c: ComplaintView, cmd: ComplaintCommand, to: ComplaintStatus): ComplaintPatch => {
  const text = (cmd.input.text ?? '').trim();
  const at = cmd.at;
  switch (cmd.action) {
    case 'take':
      return { status: to, ownerId: cmd.actor?.id ?? null };
    case 'ask':
      return { checkpoints: reach(c, at, 'asked') };
    case 'progress':
      return { checkpoints: reach(c, at, 'followed') };
    case 'reply':
      return {
        status: to,
        lastReply: text,
        replyDueAt: null,
        checkpoints: reach(c, at, 'replied'),
        ...(c.firstRepliedAt ? {} : { firstRepliedAt: at }),
      };
    case 'record':
      return { record: text, checkpoints: reach(c, at, 'recorded') };
    case 'escalate': {
      const up = (nextUp(c.ownerRole) ?? c.ownerRole) as StaffRole;
      const promise = cmd.input.promise ? new Date(cmd.input.promise) : undefined;
      return {
        status: to,
        ownerRole: up,
        routedRoles: [up],
        ownerId: null,
        escalationLevel: c.escalationLevel + 1,
        ...(promise && !Number.isNaN(promise.getTime()) ? { replyDueAt: promise } : {}),
      };
    }
    case 'close':
      return {
        status: to,
        closedAt: at,
        replyDueAt: null,
        // A major complaint's result goes to the manager as it closes (the notifier sends it).
        ...(c.kind === 'major' ? { checkpoints: reach(c, at, 'reported') } : {}),
      };
    case 'rate': {
      const score = Math.round(Number(cmd.input.score));
      return { rating: Math.min(5, Math.max(1, Number.isFinite(score) ? score : 3)) };
    }
    case 'release':
      return { status: to, ownerId: null };
    case 'callback':
      return { callbackDoneAt: at, callbackById: cmd.actor?.id ?? '', callbackNote: text };
    case 'comment':
      return { ratingComment: /^(无|没有|跳过|没了|no)$/i.test(text) || !text ? '（无）' : text };
    case 'wait':
      return { status: to, ...startWait(c.status, cmd.input, at) };
    case 'resume':
      return { status: to };
  }
};

/** Merges a patch into a view (what the document looks like after the update). */
export const patched = (c: ComplaintView, p: ComplaintPatch, entry: HistoryEntry): ComplaintView => {
  const { checkpoints, ownerId, replyDueAt, closedAt, wait, ...rest } = p;
  return {
    ...c,
    ...rest,
    ...(wait !== undefined ? { wait: wait ?? undefined } : {}),
    ...(ownerId !== undefined ? { ownerId: ownerId ?? undefined } : {}),
    ...(replyDueAt !== undefined ? { replyDueAt: replyDueAt ?? undefined } : {}),
    ...(closedAt !== undefined ? { closedAt: closedAt ?? undefined } : {}),
    checkpoints: { ...c.checkpoints, ...checkpoints },
    version: c.version + 1,
    history: [...c.history, entry],
  };
};

/**
 * The table's verdict, and the complaint it applies to. A waiting complaint (挂起) takes the
 * actions its table rows allow in `waiting`; any other action that the state it waits from allows
 * resumes it first ("automatically when the owner acts on it again"), except waiting again.
 */
const decideWaitAware = (c: ComplaintView, cmd: ComplaintCommand) => {
  const parties = complaintParties(c, cmd.actor);
  const verdict = decide(complaintMachine, c.status, cmd.action, parties, c);
  if (verdict.ok || verdict.why !== 'state' || !c.wait || cmd.action === 'wait') return { verdict, base: c };
  const resumed = resumedView<ComplaintStatus, ComplaintView>(c);
  return { verdict: decide(complaintMachine, resumed.status, cmd.action, parties, resumed), base: resumed };
};

/** The actions `parties` may take now, a waiting complaint's resuming actions included (buttons). */
export const complaintActionsFor = (
  c: ComplaintView,
  parties: ReadonlySet<ComplaintParty>,
): ComplaintAction[] => {
  const now = availableActions(complaintMachine, c.status, parties, c);
  if (!c.wait) return now;
  const resumed = resumedView<ComplaintStatus, ComplaintView>(c);
  const later = availableActions(complaintMachine, resumed.status, parties, resumed);
  return COMPLAINT_ACTIONS.filter((a) => now.includes(a) || (a !== 'wait' && later.includes(a)));
};

/**
 * Applies one action to a complaint: the table decides whether `cmd.actor` may take it now, then
 * the effects say what changes. The stage moves on whenever status or ownership changes, which
 * makes every card of the previous stage stale.
 */
export const applyComplaintAction = (c: ComplaintView, cmd: ComplaintCommand): ComplaintApplied => {
  const { verdict, base } = decideWaitAware(c, cmd);
  if (!verdict.ok) return { ok: false, verdict };
  const patch = effects(base, cmd, verdict.to);
  // Leaving `waiting` by any action ends the wait: its time joins pausedMs.
  if (c.wait && (patch.status ?? c.status) !== 'waiting') Object.assign(patch, endWait(c, cmd.at));
  const moved =
    (patch.status !== undefined && patch.status !== c.status) ||
    (patch.ownerId !== undefined && (patch.ownerId ?? undefined) !== c.ownerId) ||
    (patch.ownerRole !== undefined && patch.ownerRole !== c.ownerRole);
  const entry0: HistoryEntry = { at: cmd.at, actorId: cmd.actor?.id, action: cmd.action, note: '' };
  // The owner's card is re-issued when what they can do changes (e.g. 办结 once replied and recorded).
  const owner = new Set(['owner'] as const);
  const ownerActions = (x: ComplaintView) => complaintActionsFor(x, owner).join();
  if (moved || ownerActions(c) !== ownerActions(patched(c, patch, entry0))) patch.stage = c.stage + 1;
  const resumedBy = c.wait && cmd.action !== 'resume' && patch.wait === null ? '（恢复处理）' : '';
  const note0 =
    cmd.action === 'rate'
      ? `${patch.rating}分`
      : cmd.action === 'escalate'
        ? `${(cmd.input.text ?? '').trim()}`
        : (patch.ratingComment ?? (cmd.input.text ?? '').trim());
  const note = `${note0}${resumedBy}`;
  const entry: HistoryEntry = { at: cmd.at, actorId: cmd.actor?.id, action: cmd.action, note };
  return { ok: true, before: c, next: patched(c, patch, entry), patch, entry };
};
