import type { Clock } from '../../lib/clock.js';
import type { PersonView } from '../people/people.types.js';
import { type ActionInput, type ActionSpec, type InputSpec, missingInputs } from './action-spec.js';
import type { AuditLog } from './audit.js';
import type { Verdict } from './machine.js';
import type { HistoryEntry, Platform, TicketKind } from './ticket.types.js';

/** Who pressed or typed: the person (null when the account is not bound) and their account. */
export interface Actor {
  readonly person: PersonView | null;
  readonly account: { readonly platform: Platform; readonly userId: string };
}

export interface ActRequest<A extends string> {
  readonly id: string;
  readonly action: A;
  readonly actor: Actor;
  readonly input: ActionInput;
  /** The stage of the card pressed; a card of an older stage is stale. Absent for typed commands. */
  readonly stage?: number;
}

/** What happened when someone tried to act on a ticket. */
export type ActOutcome<V, A extends string> =
  | {
      readonly kind: 'done';
      readonly action: A;
      readonly before: V;
      readonly after: V;
      readonly actor: PersonView | null;
      readonly input: ActionInput;
      readonly at: Date;
    }
  /** The matter moved on before this click (someone else acted, or the card is old). */
  | { readonly kind: 'stale'; readonly current: V }
  /** Not this person's to do (audited), or a condition is not met yet. */
  | {
      readonly kind: 'refused';
      readonly current: V;
      readonly why: 'party' | 'guard';
      readonly guard?: string;
      /** Words naming what blocks it, when the guard's usual message is not enough (the clashing booking). */
      readonly note?: string;
    }
  | { readonly kind: 'missing_input'; readonly current: V; readonly missing: readonly InputSpec[] }
  | { readonly kind: 'not_found' };

type Applied<V, P> =
  | {
      readonly ok: true;
      readonly before: V;
      readonly next: V;
      readonly patch: P;
      readonly entry: HistoryEntry;
    }
  | { readonly ok: false; readonly verdict: Exclude<Verdict<string, string>, { ok: true }> };

/** The pieces of one aggregate the generic act loop needs. */
export interface Actable<V extends { id: string; stage: number }, A extends string, P> {
  /** The aggregate's name in the audit log (`repair`, `patrol`, …). */
  readonly kind: TicketKind | (string & {});
  load(id: string): Promise<V | null>;
  apply(v: V, cmd: { action: A; actor: PersonView | null; input: ActionInput; at: Date }): Applied<V, P>;
  save(before: V, patch: P, entry: HistoryEntry, after: V): Promise<V | null>;
  spec(action: A): ActionSpec;
}

const MAX_RACES = 6;

/**
 * The one way a ticket changes: read, let the table decide, persist with a version-conditioned
 * update, and on a lost race read again and decide again (the winner's change may have made this
 * action stale). Refusals and state changes go to the audit log.
 */
export const act = async <V extends { id: string; stage: number }, A extends string, P>(
  t: Actable<V, A, P>,
  req: ActRequest<A>,
  deps: { readonly audit: AuditLog; readonly clock: Clock },
): Promise<ActOutcome<V, A>> => {
  const auditBase = {
    action: `${t.kind}.${req.action}`,
    actorPersonId: req.actor.person?.id,
    actorPlatform: req.actor.account.platform,
    actorPlatformUserId: req.actor.account.userId,
    targetKind: t.kind,
    targetId: req.id,
  };
  for (let race = 0; race < MAX_RACES; race++) {
    const current = await t.load(req.id);
    if (!current) return { kind: 'not_found' };
    if (req.stage !== undefined && req.stage !== current.stage) return { kind: 'stale', current };
    const at = deps.clock.now();
    const applied = t.apply(current, { action: req.action, actor: req.actor.person, input: req.input, at });
    if (!applied.ok) {
      const why = applied.verdict.why;
      if (why === 'state') return { kind: 'stale', current };
      if (why === 'party') {
        await deps.audit.append({
          ...auditBase,
          outcome: 'refused',
          reason: req.actor.person ? 'not a party allowed to act' : 'unbound account',
          details: { stage: current.stage },
        });
        return { kind: 'refused', current, why };
      }
      return { kind: 'refused', current, why, guard: applied.verdict.guard };
    }
    const missing = missingInputs(t.spec(req.action), req.input);
    if (missing.length > 0) return { kind: 'missing_input', current, missing };
    const saved = await t.save(current, applied.patch, applied.entry, applied.next);
    if (!saved) continue;
    await deps.audit.append({ ...auditBase, outcome: 'allowed', details: { stage: saved.stage } });
    return {
      kind: 'done',
      action: req.action,
      before: current,
      after: saved,
      actor: req.actor.person,
      input: req.input,
      at,
    };
  }
  const current = await t.load(req.id);
  return current ? { kind: 'stale', current } : { kind: 'not_found' };
};
