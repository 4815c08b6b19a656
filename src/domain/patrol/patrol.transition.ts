import type { PersonView } from '../people/people.types.js';
import type { ActionInput } from '../shared/action-spec.js';
import { decide, type Verdict } from '../shared/machine.js';
import type { HistoryEntry } from '../shared/ticket.types.js';
import { type PatrolGuard, patrolMachine, patrolParties } from './patrol.machine.js';
import type { PatrolAction, PatrolStatus, PatrolView } from './patrol.types.js';

/** The fields one action changes. */
export interface PatrolPatch {
  status?: PatrolStatus;
  stage?: number;
  endedAt?: Date;
  reviewedAt?: Date;
  reviewerId?: string;
}

export interface PatrolCommand {
  readonly action: PatrolAction;
  readonly actor: PersonView | null;
  readonly input: ActionInput;
  readonly at: Date;
}

export type PatrolApplied =
  | {
      readonly ok: true;
      readonly before: PatrolView;
      readonly next: PatrolView;
      readonly patch: PatrolPatch;
      readonly entry: HistoryEntry;
    }
  | { readonly ok: false; readonly verdict: Exclude<Verdict<PatrolStatus, PatrolGuard>, { ok: true }> };

const effects = (cmd: PatrolCommand, to: PatrolStatus): PatrolPatch => {
  switch (cmd.action) {
    case 'end':
      return { status: to, endedAt: cmd.at };
    case 'review':
      return { status: to, reviewedAt: cmd.at, ...(cmd.actor ? { reviewerId: cmd.actor.id } : {}) };
  }
};

/** Applies one action: the table decides, every move is a new stage (the card copies close). */
export const applyPatrolAction = (p: PatrolView, cmd: PatrolCommand): PatrolApplied => {
  const verdict = decide(patrolMachine, p.status, cmd.action, patrolParties(p, cmd.actor), p);
  if (!verdict.ok) return { ok: false, verdict };
  const patch: PatrolPatch = { ...effects(cmd, verdict.to), stage: p.stage + 1 };
  const entry: HistoryEntry = {
    at: cmd.at,
    actorId: cmd.actor?.id,
    action: cmd.action,
    note: (cmd.input.text ?? '').trim(),
  };
  const next: PatrolView = { ...p, ...patch, version: p.version + 1, history: [...p.history, entry] };
  return { ok: true, before: p, next, patch, entry };
};
