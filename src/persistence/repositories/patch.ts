import type { HistoryEntry } from '../../domain/shared/ticket.types.js';
import type { WaitingOn } from '../../domain/shared/waiting.js';

/**
 * Turns a domain patch into one MongoDB update: defined values are set, `null` removes the field,
 * nested records (checkpoints) are set path by path so other keys stay, the history line is
 * appended and the version bumped. The to-do keys are rewritten every time.
 */
export const toUpdate = (
  patch: object,
  entry: HistoryEntry,
  waiting: WaitingOn,
  nested: readonly string[] = [],
): Record<string, unknown> => {
  const $set: Record<string, unknown> = { waitRole: waiting.role, waitPersonId: waiting.personId };
  const $unset: Record<string, ''> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    if (v === null) $unset[k] = '';
    else if (nested.includes(k) && typeof v === 'object' && !(v instanceof Date)) {
      for (const [kk, vv] of Object.entries(v as Record<string, unknown>)) {
        if (vv !== undefined) $set[`${k}.${kk}`] = vv;
      }
    } else $set[k] = v;
  }
  return {
    $set,
    ...(Object.keys($unset).length > 0 ? { $unset } : {}),
    $push: {
      history: {
        at: entry.at,
        action: entry.action,
        note: entry.note,
        ...(entry.actorId ? { actorId: entry.actorId } : {}),
      },
    },
    $inc: { version: 1 },
  };
};

/** The fields of a planned set that have a value (`null` means "absent" on a new document). */
export const setFields = (fields: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> =>
  Object.fromEntries(Object.entries(fields ?? {}).filter(([, v]) => v !== null && v !== undefined));
