import type { mongo } from 'mongoose';
import { weekKeyOf } from '../lib/calendar/day-key.js';

/** The `migrations` row that records the backfill as done, and for which business zone. */
export const WEEK_KEYS_MIGRATION = 'complaint-week-keys';

interface MigrationRow {
  _id: string;
  tz: string;
  updated: number;
  doneAt: Date;
}

const BATCH = 1000;

/**
 * Gives every complaint the week keys (`createdWeek`, `closedWeek`) its dates call for, once per
 * database and business zone: complaints stored before the keys existed have none. Skipped when
 * the `migrations` row says it is done for `tz` (one lookup by `_id`); otherwise one projected
 * scan of the complaints and an update of each row whose keys differ from what its dates give.
 * Each update is conditional on the date it was computed from, so it is idempotent and cannot
 * undo a concurrent close. Plain find, bulkWrite and `$exists` filters: MongoDB 7 and FerretDB.
 */
export const backfillComplaintWeeks = async (
  db: mongo.Db,
  tz: string,
  now: Date = new Date(),
): Promise<{ ran: boolean; updated: number }> => {
  const migrations = db.collection<MigrationRow>('migrations');
  if ((await migrations.findOne({ _id: WEEK_KEYS_MIGRATION }))?.tz === tz) return { ran: false, updated: 0 };
  const col = db.collection('complaints');
  const projection = { createdAt: 1, closedAt: 1, createdWeek: 1, closedWeek: 1 };
  let ops: mongo.AnyBulkWriteOperation[] = [];
  let updated = 0;
  const flush = async () => {
    if (ops.length === 0) return;
    updated += (await col.bulkWrite(ops, { ordered: false })).modifiedCount;
    ops = [];
  };
  for await (const r of col.find({}, { projection, batchSize: 5000 })) {
    if (r.createdAt instanceof Date) {
      const want = weekKeyOf(r.createdAt, tz);
      if (r.createdWeek !== want)
        ops.push({
          updateOne: {
            filter: { _id: r._id, createdAt: r.createdAt },
            update: { $set: { createdWeek: want } },
          },
        });
    }
    if (r.closedAt instanceof Date) {
      const want = weekKeyOf(r.closedAt, tz);
      if (r.closedWeek !== want)
        ops.push({
          updateOne: { filter: { _id: r._id, closedAt: r.closedAt }, update: { $set: { closedWeek: want } } },
        });
    } else if (r.closedWeek !== undefined)
      ops.push({
        updateOne: {
          filter: { _id: r._id, closedAt: { $exists: false } },
          update: { $unset: { closedWeek: '' } },
        },
      });
    if (ops.length >= BATCH) await flush();
  }
  await flush();
  await recordWeekKeysDone(db, tz, updated, now);
  return { ran: true, updated };
};

/** Records the backfill as done for `tz` (also for data written with its keys from the start). */
export const recordWeekKeysDone = async (
  db: mongo.Db,
  tz: string,
  updated: number,
  now: Date,
): Promise<void> => {
  await db
    .collection<MigrationRow>('migrations')
    .updateOne({ _id: WEEK_KEYS_MIGRATION }, { $set: { tz, updated, doneAt: now } }, { upsert: true });
};
