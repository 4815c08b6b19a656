import type { Models } from '../db.js';

/** Human ticket numbers: `<prefix><YYYYMMDD>-<seq>`, the sequence restarting each business day. */
export class CounterRepository {
  constructor(private readonly models: Models) {}

  async next(prefix: string, dayKey: string): Promise<string> {
    const id = `${prefix}${dayKey.replace(/-/g, '')}`;
    const row = await this.models.Counter.findOneAndUpdate(
      { _id: id },
      { $inc: { seq: 1 } },
      { upsert: true, new: true },
    ).lean();
    return `${id}-${String(row?.seq ?? 1).padStart(3, '0')}`;
  }
}
