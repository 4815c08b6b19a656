/**
 * Lifecycles as data: a transition table says, for each action, in which states which parties may
 * take it, where it leads and what it sets. The table is plain data so that it can be printed,
 * diagrammed and tested exhaustively; `decide` is the only interpreter.
 */

/** One row of a table: from these states, these parties may take the action. */
export interface Move<S extends string, P extends string, G extends string> {
  readonly from: readonly S[];
  readonly by: readonly P[];
  /** The next state; `null` keeps the state (a note, a checkpoint, a record). */
  readonly to: S | null;
  /** A named condition on the aggregate that must hold as well. */
  readonly guard?: G;
}

export type Table<S extends string, A extends string, P extends string, G extends string> = Readonly<
  Record<A, readonly Move<S, P, G>[]>
>;

/** What the table says about one attempt. */
export type Verdict<S extends string, G extends string> =
  | { readonly ok: true; readonly to: S; readonly stays: boolean }
  /** The action does not exist in this state: somebody already moved the matter on. */
  | { readonly ok: false; readonly why: 'state' }
  /** The action exists now, but not for this person. */
  | { readonly ok: false; readonly why: 'party' }
  /** Allowed for this person in this state, but a condition does not hold yet. */
  | { readonly ok: false; readonly why: 'guard'; readonly guard: G };

/** A lifecycle: its table and the guards the table names, evaluated on the aggregate `T`. */
export interface Machine<S extends string, A extends string, P extends string, G extends string, T> {
  readonly states: readonly S[];
  readonly actions: readonly A[];
  readonly parties: readonly P[];
  readonly table: Table<S, A, P, G>;
  readonly guards: Readonly<Record<G, (aggregate: T) => boolean>>;
}

/** Interprets the table for one action by someone who is `parties` to the aggregate in `state`. */
export const decide = <S extends string, A extends string, P extends string, G extends string, T>(
  m: Machine<S, A, P, G, T>,
  state: S,
  action: A,
  parties: ReadonlySet<P>,
  aggregate: T,
): Verdict<S, G> => {
  const inState = m.table[action].filter((row) => row.from.includes(state));
  if (inState.length === 0) return { ok: false, why: 'state' };
  const mine = inState.filter((row) => row.by.some((p) => parties.has(p)));
  if (mine.length === 0) return { ok: false, why: 'party' };
  const row = mine.find((r) => r.guard === undefined || m.guards[r.guard](aggregate));
  if (!row) {
    const guard = mine.find((r) => r.guard !== undefined)?.guard as G;
    return { ok: false, why: 'guard', guard };
  }
  return { ok: true, to: row.to ?? state, stays: row.to === null || row.to === state };
};

/** Every action this person may take now, in table order (what their card's buttons are). */
export const availableActions = <S extends string, A extends string, P extends string, G extends string, T>(
  m: Machine<S, A, P, G, T>,
  state: S,
  parties: ReadonlySet<P>,
  aggregate: T,
): A[] => m.actions.filter((a) => decide(m, state, a, parties, aggregate).ok);

/** The states an action can be taken from by anyone (for diagrams and status answers). */
export const statesOf = <S extends string, A extends string, P extends string, G extends string, T>(
  m: Machine<S, A, P, G, T>,
  action: A,
): S[] => [...new Set(m.table[action].flatMap((r) => r.from))];
