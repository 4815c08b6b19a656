import type { PersonView } from '../people/people.types.js';
import type { ActionInput } from '../shared/action-spec.js';
import { decide, type Verdict } from '../shared/machine.js';
import type { HistoryEntry } from '../shared/ticket.types.js';
import { type DisputeGuard, disputeMachine, disputeParties } from './dispute.machine.js';
import type { DisputeAction, DisputeStatus, DisputeView, Referral } from './dispute.types.js';

export interface DisputePatch {
  status?: DisputeStatus;
  stage?: number;
  outcome?: string;
  referredTo?: Referral;
  referredAt?: Date;
}

export interface DisputeCommand {
  readonly action: DisputeAction;
  readonly actor: PersonView | null;
  readonly input: ActionInput;
  readonly at: Date;
}

export type DisputeApplied =
  | {
      readonly ok: true;
      readonly before: DisputeView;
      readonly next: DisputeView;
      readonly patch: DisputePatch;
      readonly entry: HistoryEntry;
    }
  | { readonly ok: false; readonly verdict: Exclude<Verdict<DisputeStatus, DisputeGuard>, { ok: true }> };

const effects = (cmd: DisputeCommand, to: DisputeStatus): DisputePatch => {
  const words = (cmd.input.text ?? '').trim();
  switch (cmd.action) {
    case 'settle':
      return { status: to, outcome: words };
    case 'refer_regulator':
      return { status: to, referredTo: 'regulator', referredAt: cmd.at };
    case 'call_police':
      return { status: to, referredTo: 'police', referredAt: cmd.at };
  }
};

/** Applies one action; every move is a new stage. */
export const applyDisputeAction = (d: DisputeView, cmd: DisputeCommand): DisputeApplied => {
  const verdict = decide(disputeMachine, d.status, cmd.action, disputeParties(d, cmd.actor), d);
  if (!verdict.ok) return { ok: false, verdict };
  const patch: DisputePatch = { ...effects(cmd, verdict.to), stage: d.stage + 1 };
  const entry: HistoryEntry = {
    at: cmd.at,
    actorId: cmd.actor?.id,
    action: cmd.action,
    note: (cmd.input.text ?? '').trim(),
  };
  return {
    ok: true,
    before: d,
    next: { ...d, ...patch, version: d.version + 1, history: [...d.history, entry] },
    patch,
    entry,
  };
};
