import type { PersonView } from '../people/people.types.js';
import type { ActionInput } from '../shared/action-spec.js';
import { decide, type Verdict } from '../shared/machine.js';
import type { HistoryEntry } from '../shared/ticket.types.js';
import { type CleaningGuard, cleaningMachine, cleaningParties } from './cleaning.machine.js';
import type { CleaningAction, CleaningStatus, CleaningView } from './cleaning.types.js';

export interface CleaningPatch {
  status?: CleaningStatus;
  stage?: number;
  contractorId?: string;
  confirmedAt?: Date;
  disputeReason?: string;
  decidedById?: string;
}

export interface CleaningCommand {
  readonly action: CleaningAction;
  readonly actor: PersonView | null;
  readonly input: ActionInput;
  readonly at: Date;
}

export type CleaningApplied =
  | {
      readonly ok: true;
      readonly before: CleaningView;
      readonly next: CleaningView;
      readonly patch: CleaningPatch;
      readonly entry: HistoryEntry;
    }
  | { readonly ok: false; readonly verdict: Exclude<Verdict<CleaningStatus, CleaningGuard>, { ok: true }> };

const effects = (cmd: CleaningCommand, to: CleaningStatus): CleaningPatch => {
  const who = cmd.actor?.id;
  switch (cmd.action) {
    case 'confirm':
      return { status: to, confirmedAt: cmd.at, ...(who ? { contractorId: who } : {}) };
    case 'dispute':
      return {
        status: to,
        disputeReason: (cmd.input.text ?? '').trim(),
        ...(who ? { contractorId: who } : {}),
      };
    case 'uphold':
    case 'waive':
      return { status: to, ...(who ? { decidedById: who } : {}) };
  }
};

/** Applies one action; every move is a new stage, so every copy of the card closes. */
export const applyCleaningAction = (c: CleaningView, cmd: CleaningCommand): CleaningApplied => {
  const verdict = decide(cleaningMachine, c.status, cmd.action, cleaningParties(c, cmd.actor), c);
  if (!verdict.ok) return { ok: false, verdict };
  const patch: CleaningPatch = { ...effects(cmd, verdict.to), stage: c.stage + 1 };
  const entry: HistoryEntry = {
    at: cmd.at,
    actorId: cmd.actor?.id,
    action: cmd.action,
    note: (cmd.input.text ?? '').trim(),
  };
  return {
    ok: true,
    before: c,
    next: { ...c, ...patch, version: c.version + 1, history: [...c.history, entry] },
    patch,
    entry,
  };
};
