import type { Types } from 'mongoose';
import type { HistoryEntry } from '../../domain/shared/ticket.types.js';

/** An optional ObjectId as a string id. */
export const idOrUndefined = (v: Types.ObjectId | null | undefined): string | undefined =>
  v ? v.toString() : undefined;

/** Stored history lines as domain entries. */
export const historyOf = (
  rows:
    | readonly { at: Date; actorId?: Types.ObjectId | null; action: string; note?: string | null }[]
    | undefined,
): HistoryEntry[] =>
  (rows ?? []).map((h) => ({
    at: h.at,
    actorId: idOrUndefined(h.actorId),
    action: h.action,
    note: h.note ?? '',
  }));
