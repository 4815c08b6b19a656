import type { Types } from 'mongoose';
import type { Channel, HistoryEntry } from '../../domain/shared/ticket.types.js';
import type { TicketWait, WaitOn } from '../../domain/shared/ticket-wait.js';
import { EMPTY, intern } from './intern.js';

/** An optional ObjectId as a string id. */
export const idOrUndefined = (v: Types.ObjectId | null | undefined): string | undefined =>
  v ? v.toString() : undefined;

/**
 * Stored history lines as domain entries: the action interned, no `actorId` key when nobody acted
 * (a product step), the shared empty list when there are none.
 */
export const historyOf = (
  rows:
    | readonly { at: Date; actorId?: Types.ObjectId | null; action: string; note?: string | null }[]
    | undefined,
): readonly HistoryEntry[] =>
  rows && rows.length > 0
    ? rows.map((h) =>
        // Two literals rather than a conditional spread: V8 lays each out in one tight shape.
        h.actorId
          ? { at: h.at, actorId: h.actorId.toString(), action: intern(h.action), note: h.note ?? '' }
          : { at: h.at, action: intern(h.action), note: h.note ?? '' },
      )
    : EMPTY;

/** A stored channel with its platform interned (`userId` is a person's, not vocabulary). */
export const channelOf = (c: Channel): Channel => ({
  platform: intern(c.platform),
  userId: c.userId,
  conversationId: c.conversationId ?? '',
});

/**
 * `view` with the fields of `optional` that hold a value added after its own: absent ones get no
 * key at all. Added one by one after the fixed fields (not as conditional spreads inside one
 * literal, for which V8 reserves room for every possible field), so a view takes about what its
 * present fields need.
 */
export const withPresent = <T extends object, O extends object>(
  view: T,
  optional: O,
): T & { [K in keyof O]?: NonNullable<O[K]> } => {
  const out = view as Record<string, unknown>;
  for (const [k, v] of Object.entries(optional)) if (v !== undefined && v !== null) out[k] = v;
  return view as T & { [K in keyof O]?: NonNullable<O[K]> };
};

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
