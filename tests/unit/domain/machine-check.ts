import { expect } from 'vitest';
import { decide, type Machine } from '../../../src/domain/shared/machine.js';

/** `state action party -> next` lines; `=` keeps the state. */
export type Legal = readonly string[];

/**
 * Checks a machine against an independently written list of legal moves: every state × action ×
 * party is tried, with every guard passing; listed moves must lead where the list says, every
 * other combination must be refused (by state or by party).
 */
export const expectExactly = <S extends string, A extends string, P extends string, G extends string, T>(
  m: Machine<S, A, P, G, T>,
  legal: Legal,
  aggregate: T,
): number => {
  const allPass = Object.fromEntries(Object.keys(m.guards).map((g) => [g, () => true])) as unknown as Record<
    G,
    (t: T) => boolean
  >;
  const open: Machine<S, A, P, G, T> = { ...m, guards: allPass };
  const expected = new Map<string, string>();
  for (const line of legal) {
    const [state, action, party, arrow, next] = line.split(/\s+/);
    expect(arrow, line).toBe('->');
    expected.set(`${state} ${action} ${party}`, next === '=' ? (state as string) : (next as string));
  }
  let checked = 0;
  for (const s of m.states)
    for (const a of m.actions)
      for (const p of m.parties) {
        const v = decide(open, s, a, new Set([p]), aggregate);
        const key = `${s} ${a} ${p}`;
        const want = expected.get(key);
        if (want === undefined) expect(v.ok, `${key} must be refused`).toBe(false);
        else expect(v, key).toMatchObject({ ok: true, to: want });
        checked++;
      }
  expect(expected.size).toBeGreaterThan(0);
  for (const k of expected.keys()) {
    const [s, a] = k.split(' ');
    expect(m.states.includes(s as S) && m.actions.includes(a as A), `listed move ${k} exists`).toBe(true);
  }
  return checked;
};
