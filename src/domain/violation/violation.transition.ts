import type { PersonView } from '../people/people.types.js';
import type { ActionInput } from '../shared/action-spec.js';
import { decide, type Verdict } from '../shared/machine.js';
import type { HistoryEntry } from '../shared/ticket.types.js';
import { type ViolationGuard, violationMachine, violationParties } from './violation.machine.js';
import { NOTICE_LABELS } from './violation.rules.js';
import type { NoticeKind, ViolationAction, ViolationStatus, ViolationView } from './violation.types.js';

/** The fields one action changes; `null` removes a field. */
export interface ViolationPatch {
  status?: ViolationStatus;
  stage?: number;
  noticeKind?: NoticeKind;
  noticeNumber?: string;
  noticeAt?: Date;
  signedAt?: Date;
  signerId?: string;
  meetingNote?: string;
  meetingAt?: Date;
  /** Cleared once the deadline has done its work or the matter is settled. */
  fixBy?: null;
}

export interface ViolationCommand {
  readonly action: ViolationAction;
  readonly actor: PersonView | null;
  /** `warn` / `breach_notice` carry the notice number the service allocated. */
  readonly input: ActionInput;
  readonly at: Date;
}

export type ViolationApplied =
  | {
      readonly ok: true;
      readonly before: ViolationView;
      readonly next: ViolationView;
      readonly patch: ViolationPatch;
      readonly entry: HistoryEntry;
    }
  | {
      readonly ok: false;
      readonly verdict: Exclude<Verdict<ViolationStatus, ViolationGuard>, { ok: true }>;
    };

const effects = (cmd: ViolationCommand, to: ViolationStatus): ViolationPatch => {
  switch (cmd.action) {
    case 'remind':
      return { status: to, fixBy: null };
    case 'rectified':
      return { status: to, fixBy: null };
    case 'warn':
    case 'breach_notice':
      return {
        status: to,
        fixBy: null,
        noticeKind: cmd.action === 'warn' ? 'warning' : 'breach',
        noticeNumber: cmd.input.noticeNumber ?? '',
        noticeAt: cmd.at,
      };
    case 'sign':
      return { status: to, signedAt: cmd.at, ...(cmd.actor ? { signerId: cmd.actor.id } : {}) };
    case 'meet':
      return { meetingNote: (cmd.input.text ?? '').trim(), meetingAt: cmd.at };
  }
};

/**
 * Applies one action: the table decides; a change of state is a new stage (the cards of the old
 * one close). A recorded meeting keeps the stage, so the assistant's card stays usable.
 */
export const applyViolationAction = (v: ViolationView, cmd: ViolationCommand): ViolationApplied => {
  const verdict = decide(violationMachine, v.status, cmd.action, violationParties(v, cmd.actor), v);
  if (!verdict.ok) return { ok: false, verdict };
  const patch: ViolationPatch = effects(cmd, verdict.to);
  if (!verdict.stays) patch.stage = v.stage + 1;
  const note =
    cmd.action === 'warn' || cmd.action === 'breach_notice'
      ? `${NOTICE_LABELS[patch.noticeKind ?? 'warning']} ${patch.noticeNumber ?? ''}`
      : (cmd.input.text ?? '').trim();
  const entry: HistoryEntry = { at: cmd.at, actorId: cmd.actor?.id, action: cmd.action, note };
  const { fixBy: _cleared, ...rest } = patch;
  const next: ViolationView = {
    ...v,
    ...rest,
    version: v.version + 1,
    history: [...v.history, entry],
  };
  return { ok: true, before: v, next, patch, entry };
};
