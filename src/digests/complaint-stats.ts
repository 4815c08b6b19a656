import type { Connection, mongo } from 'mongoose';
import { ensureWeekKeys } from '../persistence/complaint-week-backfill.js';
import { weekOfRange, weekRangeMatch } from '../persistence/complaint-weeks.js';
import { type DurationSpec, type DurationStats, durationStats } from './durations.js';
import { type ServerCaps, serverCaps } from './server-caps.js';

/** The weekly complaint summary (rulebook 11: all complaints summarised weekly for leadership). */
export interface WeeklyComplaintStats {
  readonly from: Date;
  readonly to: Date;
  /** Complaints filed in the week. */
  readonly created: number;
  readonly byKind: Record<string, number>;
  readonly byCategory: Record<string, number>;
  /** By floor; '' for complaints whose floor is unknown. */
  readonly byFloor: Record<string, number>;
  readonly byStatus: Record<string, number>;
  /** Kind × category (the chart). */
  readonly byKindCategory: Record<string, Record<string, number>>;
  /** Not closed and past the promised reply time, at the end of the week. */
  readonly overdue: number;
  /** Filed in the week and replied to: time to first reply. */
  readonly firstReply: Omit<DurationStats, 'minusSumMs'>;
  /** Closed in the week: working time to close (waiting excluded), and the waiting time apart. */
  readonly close: Omit<DurationStats, 'minusSumMs'> & { readonly waitingMs: number };
  /** Shops with two or more complaints filed in the week, most first (at most 10). */
  readonly repeatShops: readonly { readonly shopCode: string; readonly count: number }[];
  readonly repeatShopCount: number;
  /** Ratings of complaints closed in the week. */
  readonly satisfaction: {
    readonly rated: number;
    readonly average: number | null;
    readonly byRating: Record<string, number>;
  };
  /** Closed in the week, and of those already visited (回访). */
  readonly callbacks: { readonly closed: number; readonly done: number };
}

/**
 * Fields the aggregations' leading `$match` stages select by with equality; all are indexed (see
 * complaint.model.ts): the week keys, and the status for the overdue count.
 */
export const WEEKLY_MATCH_FIELDS = ['createdWeek', 'closedWeek', 'status'] as const;

/** The statuses whose complaints count as overdue once past the promised reply time. */
const OVERDUE_STATUSES = ['open', 'handling'] as const;

type Row = Record<string, unknown>;

const countBy = (rows: Row[], key: string, into: Record<string, number> = {}): Record<string, number> => {
  for (const r of rows) {
    const id = (r._id ?? {}) as Row;
    const k = String(id[key] ?? '');
    into[k] = (into[k] ?? 0) + Number(r.n ?? 0);
  }
  return into;
};

const crossTab = (rows: Row[], a: string, b: string): Record<string, Record<string, number>> => {
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) {
    const id = (r._id ?? {}) as Row;
    const x = String(id[a] ?? '');
    const y = String(id[b] ?? '');
    const row = out[x] ?? {};
    row[y] = (row[y] ?? 0) + Number(r.n ?? 0);
    out[x] = row;
  }
  return out;
};

/**
 * Complaint statistics computed by aggregation in the database. Every pipeline starts with a
 * `$match` led by equality on an indexed field: the week key (`createdWeek` / `closedWeek`, with
 * the date range as a second condition, so the result is exactly the range's) or, for the
 * overdue count, one status at a time. FerretDB 1.24 pushes equality down to its backend and no
 * range, so each query reads the week's complaints, not all of them. The stages are ones both
 * MongoDB 7 and FerretDB 1.24 run ($match, $group, $sort, $count), and complaints are never
 * loaded into memory. Each `$group` has exactly one accumulator: FerretDB 1.24 computes only the
 * first of several correctly (the others come back 0).
 */
export class ComplaintStats {
  constructor(
    private readonly conn: Connection,
    /** The business zone, whose Mondays the week keys are. */
    private readonly tz: string,
  ) {}

  private get col(): mongo.Collection {
    return this.conn.collection('complaints');
  }

  caps(): Promise<ServerCaps> {
    return serverCaps(this.conn);
  }

  /** Complaints filed in [from, to), and closed in it. */
  private matches(from: Date, to: Date): { created: Row; closed: Row } {
    return {
      created: weekRangeMatch('createdAt', from, to, this.tz),
      closed: weekRangeMatch('closedAt', from, to, this.tz),
    };
  }

  /** The pipelines of the week, by name (also used to explain them). */
  pipelines(from: Date, to: Date, now: Date): Record<string, Row[]> {
    const { created, closed } = this.matches(from, to);
    const overdue = Object.fromEntries(
      OVERDUE_STATUSES.map((status) => [
        `overdue_${status}`,
        [{ $match: { status, replyDueAt: { $lt: now } } }, { $count: 'n' }],
      ]),
    );
    return {
      breakdown: [
        { $match: created },
        {
          $group: {
            _id: { kind: '$kind', category: '$category', floor: '$floor', status: '$status' },
            n: { $sum: 1 },
          },
        },
      ],
      ...overdue,
      repeatShops: [
        { $match: { ...created, shopCode: { $nin: ['', null] } } },
        { $group: { _id: '$shopCode', n: { $sum: 1 } } },
        { $match: { n: { $gte: 2 } } },
        { $sort: { n: -1, _id: 1 } },
      ],
      ratings: [
        { $match: { ...closed, rating: { $gte: 1 } } },
        { $group: { _id: { rating: '$rating' }, n: { $sum: 1 } } },
      ],
      closedCount: [{ $match: closed }, { $count: 'n' }],
      callbacksDone: [{ $match: { ...closed, callbackDoneAt: { $exists: true } } }, { $count: 'n' }],
    };
  }

  /** The two durations of the week: filed → first reply, and filed → closed less the waiting. */
  durationSpecs(from: Date, to: Date): { readonly firstReply: DurationSpec; readonly close: DurationSpec } {
    const { created, closed } = this.matches(from, to);
    return {
      firstReply: { match: created, start: 'createdAt', end: 'firstRepliedAt' },
      close: { match: closed, start: 'createdAt', end: 'closedAt', minus: 'pausedMs' },
    };
  }

  async weekly(from: Date, to: Date, now: Date): Promise<WeeklyComplaintStats> {
    const db = this.conn.db;
    if (!db) throw new Error('not connected');
    // Complaints stored before the week keys existed get them first (once per such week).
    const week = weekOfRange(from, to, this.tz);
    if (week !== undefined) await ensureWeekKeys(db, this.tz, week);
    const p = this.pipelines(from, to, now);
    const run = (name: string) => this.col.aggregate(p[name] ?? []).toArray();
    const count = async (name: string) => Number((await run(name))[0]?.n ?? 0);
    const breakdown = await run('breakdown');
    const repeat = await run('repeatShops');
    const byRating = countBy(await run('ratings'), 'rating');
    const ratings = Object.fromEntries(Object.entries(byRating).filter(([k]) => /^[1-5]$/.test(k)));
    const rated = Object.values(ratings).reduce((a, b) => a + b, 0);
    const ratingSum = Object.entries(ratings).reduce((a, [k, v]) => a + Number(k) * v, 0);
    const caps = await this.caps();
    const durations = this.durationSpecs(from, to);
    let overdue = 0;
    for (const status of OVERDUE_STATUSES) overdue += await count(`overdue_${status}`);
    return {
      from,
      to,
      created: breakdown.reduce((a, r) => a + Number(r.n ?? 0), 0),
      byKind: countBy(breakdown, 'kind'),
      byCategory: countBy(breakdown, 'category'),
      byFloor: countBy(breakdown, 'floor'),
      byStatus: countBy(breakdown, 'status'),
      byKindCategory: crossTab(breakdown, 'kind', 'category'),
      overdue,
      firstReply: await this.firstReplyStats(durations.firstReply, caps),
      close: await this.closeStats(durations.close, caps),
      repeatShops: repeat.slice(0, 10).map((r) => ({ shopCode: String(r._id), count: Number(r.n) })),
      repeatShopCount: repeat.length,
      satisfaction: { rated, average: rated > 0 ? ratingSum / rated : null, byRating: ratings },
      callbacks: { closed: await count('closedCount'), done: await count('callbacksDone') },
    };
  }

  private async firstReplyStats(
    spec: DurationSpec,
    caps: ServerCaps,
  ): Promise<WeeklyComplaintStats['firstReply']> {
    const { minusSumMs: _, ...d } = await durationStats(this.col, spec, caps);
    return d;
  }

  private async closeStats(spec: DurationSpec, caps: ServerCaps): Promise<WeeklyComplaintStats['close']> {
    const { minusSumMs, ...d } = await durationStats(this.col, spec, caps);
    return { ...d, waitingMs: minusSumMs };
  }

  /** The server's plan for one pipeline (`explain`, queryPlanner verbosity). */
  async explain(pipeline: Row[]): Promise<Row> {
    const db = this.conn.db;
    if (!db) throw new Error('not connected');
    return db.command({
      explain: { aggregate: 'complaints', pipeline, cursor: {} },
      verbosity: 'queryPlanner',
    });
  }
}
