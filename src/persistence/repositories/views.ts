import type { Types } from 'mongoose';
import type { HistoryEntry } from '../../domain/shared/ticket.types.js';
import type { TicketWait, WaitOn } from '../../domain/shared/ticket-wait.js';

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

/** A stored wait (挂起) as the domain's, or nothing when the ticket does not wait. */
export const waitOf = <S extends string>(
  w:
    | {
        on: WaitOn;
        reason?: string | null;
        since: Date;
        resumeBy: Date;
        from: string;
      }
    | null
    | undefined,
): { wait?: TicketWait<S> } =>
  w
    ? { wait: { on: w.on, reason: w.reason ?? '', since: w.since, resumeBy: w.resumeBy, from: w.from as S } }
    : {};
