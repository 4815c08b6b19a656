import type { Machine } from './machine.js';

/**
 * A lifecycle as a Mermaid state diagram, drawn from its transition table (so the README never
 * drifts from the code): one arrow per state change, labelled with the action, who may take it
 * and its condition; actions that keep the state are listed under each state.
 */
export const mermaidOf = <S extends string, A extends string, P extends string, G extends string, T>(
  m: Machine<S, A, P, G, T>,
  labels: { readonly action: (a: A) => string; readonly party: (p: P) => string; readonly state: (s: S) => string },
  initial: S,
  finals: readonly S[],
): string => {
  const lines = ['stateDiagram-v2', `  [*] --> ${initial}`];
  for (const s of m.states) lines.push(`  ${s}: ${labels.state(s)}`);
  const stays = new Map<S, string[]>();
  for (const a of m.actions) {
    for (const row of m.table[a]) {
      const who = row.by.map(labels.party).join('/');
      const cond = row.guard ? ` [${row.guard}]` : '';
      for (const from of row.from) {
        if (row.to === null || row.to === from) {
          stays.set(from, [...(stays.get(from) ?? []), `${labels.action(a)}（${who}）`]);
        } else lines.push(`  ${from} --> ${row.to}: ${labels.action(a)}（${who}）${cond}`);
      }
    }
  }
  for (const [s, acts] of stays) lines.push(`  note right of ${s}: ${[...new Set(acts)].join('、')}`);
  for (const f of finals) lines.push(`  ${f} --> [*]`);
  return lines.join('\n');
};
