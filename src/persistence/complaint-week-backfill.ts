import type { mongo } from 'mongoose';
import { addDays, type DayKey, instantAt } from '../lib/calendar/day-key.js';
import { WEEK_FIELD, type WeekDated } from './complaint-weeks.js';

/** Prefix of the `migrations` rows that record the week keys' backfill. */
export const WEEK_KEYS_MIGRATION = 'complaint-week-keys';

interface MigrationRow {
  _id: string;
  /** Since when every complaint is written with its week keys (in this business zone). */
  since?: Date;
  /** When the week's backfill ran, and how many keys it wrote. */
  doneAt?: Date;
  updated?: number;
}

const zoneRow = (tz: string) => `${WEEK_KEYS_MIGRATION}:${tz}`;
const weekRow = (tz: string, week: DayKey) => `${WEEK_KEYS_MIGRATION}:${tz}:${week}`;

/**
 * Records that complaints are written with week keys from `since` on (the first call wins), and
 * returns the time recorded. Data seeded with its keys records the start of time.
 */
export const recordWeekKeysSince = async (db: mongo.Db, tz: string, since: Date): Promise<Date> => {
  const rows = db.collection<MigrationRow>('migrations');
  await rows.updateOne({ _id: zoneRow(tz) }, { $setOnInsert: { since } }, { upsert: true });
  return (await rows.findOne({ _id: zoneRow(tz) }))?.since ?? since;
};

/**
 * Makes sure the complaints filed and closed in `week` (a business-zone Monday) carry that week's
 * keys before the week is counted by them. Complaints stored before the keys existed have none,
 * so a week that starts before keys were first written (`since`) is backfilled, once: every
 * complaint whose `createdAt` (`closedAt`) lies in the week and whose key is not the week's gets
 * it, by one `updateMany` per date, then the week's `migrations` row says it is done. Later
 * weeks, and a week already done, cost one lookup by `_id`.
 *
 * Scoped to a week because FerretDB 1.24 cannot update rows one by one at scale (each update,
 * even by `_id`, is a scan in PostgreSQL: over a second per update at 100 000 complaints), while an
 * `updateMany` costs one scan. Idempotent (`$ne` the week's key), and correct on MongoDB 7, where
 * the date indexes serve the ranges. A complaint written without keys after `since` (a process of
 * the previous release still running) is not seen; `since` is the first run of this code.
 */
export const ensureWeekKeys = async (
  db: mongo.Db,
  tz: string,
  week: DayKey,
  now: Date = new Date(),
): Promise<{ ran: boolean; updated: number }> => {
  const rows = db.collection<MigrationRow>('migrations');
  const since = await recordWeekKeysSince(db, tz, now);
  const from = instantAt(week, 0, tz);
  if (from.getTime() >= since.getTime()) return { ran: false, updated: 0 };
  if (await rows.findOne({ _id: weekRow(tz, week) }, { projection: { _id: 1 } }))
    return { ran: false, updated: 0 };
  const to = instantAt(addDays(week, 7), 0, tz);
  const col = db.collection('complaints');
  let updated = 0;
  for (const field of ['createdAt', 'closedAt'] as const satisfies readonly WeekDated[]) {
    const key = WEEK_FIELD[field];
    const res = await col.updateMany(
      { [field]: { $gte: from, $lt: to }, [key]: { $ne: week } },
      { $set: { [key]: week } },
    );
    updated += res.modifiedCount;
  }
  await rows.updateOne({ _id: weekRow(tz, week) }, { $set: { doneAt: now, updated } }, { upsert: true });
  return { ran: true, updated };
};
