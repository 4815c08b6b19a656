import type { Models } from '../db.js';
import { isDuplicateKey } from './mongo-errors.js';

const MAX_ATTEMPTS = 25;

/**
 * Human ticket numbers: `<prefix><YYYYMMDD>-<seq>`, the sequence restarting each business day.
 *
 * The counter is a hint, not the arbiter: `$inc` upserts are atomic on MongoDB but not on FerretDB
 * 1.x (measured: 10 concurrent increments gave 4 distinct values). The unique index on the ticket
 * number decides; `allocate` retries with the next value when the insert collides.
 */
export class CounterRepository {
  constructor(private readonly models: Models) {}

  async next(prefix: string, dayKey: string): Promise<string> {
    const id = `${prefix}${dayKey.replace(/-/g, '')}`;
    for (let i = 0; ; i++) {
      try {
        const row = await this.models.Counter.findOneAndUpdate(
          { _id: id },
          { $inc: { seq: 1 } },
          { upsert: true, new: true },
        ).lean();
        return `${id}-${String(row?.seq ?? 1).padStart(3, '0')}`;
      } catch (e) {
        // Two first-of-the-day upserts raced to insert the counter row; the row exists now.
        if (!isDuplicateKey(e) || i >= 3) throw e;
      }
    }
  }

  /**
   * Runs `create` with fresh numbers until one is not taken. `create` must insert under a unique
   * index on the number and throw the duplicate-key error when it is taken.
   */
  async allocate<T>(prefix: string, dayKey: string, create: (number: string) => Promise<T>): Promise<T> {
    let last: unknown;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const number = await this.next(prefix, dayKey);
      try {
        return await create(number);
      } catch (e) {
        if (!isDuplicateKey(e) || !duplicateOn(e, 'number')) throw e;
        last = e;
      }
    }
    throw last ?? new Error('could not allocate a ticket number');
  }
}

/**
 * Whether a duplicate-key error came from the `field` index. MongoDB says so in `keyPattern`;
 * FerretDB 1.x does not, so there any duplicate counts (repositories resolve their other unique
 * key, the source key, themselves before an error reaches here).
 */
const duplicateOn = (e: unknown, field: string): boolean => {
  if (typeof e !== 'object' || e === null) return false;
  const pattern =
    'keyPattern' in e && typeof e.keyPattern === 'object' && e.keyPattern ? e.keyPattern : undefined;
  return pattern ? field in pattern : true;
};
