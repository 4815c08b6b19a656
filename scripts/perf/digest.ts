import { performance } from 'node:perf_hooks';
import { mongo, Types } from 'mongoose';
import { ComplaintStats } from '../../src/digests/complaint-stats.js';
import type { DurationSpec } from '../../src/digests/durations.js';
import { ReportingDb } from '../../src/digests/reporting-db.js';
import { addDays, instantAt, weekKeyOf } from '../../src/lib/calendar/day-key.js';
import { recordWeekKeysSince } from '../../src/persistence/complaint-week-backfill.js';
import { median } from './stats.js';

/**
 * `digest_ratio_1e5` / `digest_ratio_1e6`: the weekly complaint digest's statistics
 * (`ComplaintStats.weekly`, on the digest's own `ReportingDb` connection, as the digest job runs
 * it) against the same queries sent through the bare driver (`mongo.MongoClient`, no mongoose, no
 * capability probe, no post-processing beyond what the numbers need), over the same seeded
 * complaints in the same database, alternating which goes first.
 */

const H = 3600_000;
const DAY = 24 * H;
const WEEKS = 12;
const TZ = 'Asia/Shanghai';

/** Deterministic pseudo-random numbers (mulberry32). */
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/**
 * The week the digest covers, as the digest job picks it: Monday 00:00 to Monday 00:00 in the
 * business zone, the last full week before `now`; the last `WEEKS` weeks of history end at `to`.
 */
export const digestWeek = (now = Date.now()) => {
  const monday = weekKeyOf(new Date(now), TZ);
  const to = instantAt(monday, 0, TZ);
  return { from: instantAt(addDays(monday, -7), 0, TZ), to, sendAt: new Date(to.getTime() + 9 * H) };
};

/**
 * Inserts `n` complaints shaped as the complaint repository stores them (channel, checkpoints,
 * history, to-do keys, week keys), spread over the last twelve weeks: most closed, some rated and
 * visited, the rest open with a promised reply time. Bare driver, batches of 2000. All are written
 * with their keys, so no week needs the keys' backfill (recorded as such).
 */
export const seedComplaints = async (
  uri: string,
  n: number,
  week: { to: Date },
  onProgress?: (done: number) => void,
): Promise<void> => {
  const client = await new mongo.MongoClient(uri).connect();
  const col = client.db().collection('complaints');
  const r = rng(13);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const spanStart = week.to.getTime() - WEEKS * 7 * DAY;
  const BATCH = 2000;
  for (let start = 0; start < n; start += BATCH) {
    const docs = Array.from({ length: Math.min(BATCH, n - start) }, (_, j) => {
      const i = start + j;
      const created = spanStart + Math.floor(r() * (week.to.getTime() - spanStart));
      const kind = r() < 0.8 ? 'general' : r() < 0.75 ? 'major' : 'written';
      const status = pick(['open', 'handling', 'replied', 'closed', 'closed', 'closed'] as const);
      const reporterId = new Types.ObjectId();
      const doc: Record<string, unknown> = {
        _id: new Types.ObjectId(),
        number: `TSB${String(i).padStart(9, '0')}`,
        sourceKey: `bench-digest-${i}`,
        kind,
        category: pick(['noise', 'hygiene', 'service', 'fees', 'order', 'behaviour', 'other'] as const),
        status,
        text: pick([
          'B1-23隔壁音乐太吵',
          '三楼东侧洗手间好臭，麻烦安排保洁',
          '保安态度不好',
          '物业费怎么又涨了',
        ]),
        shopCode: r() < 0.1 ? '' : `S${String(Math.floor(r() * 3000)).padStart(4, '0')}`,
        unit: '',
        place: '',
        floor: pick(['B1', '1F', '2F', '3F', '4F', ''] as const),
        reporterId,
        channel: { platform: 'wecom', userId: `tenant-${i % 3000}`, conversationId: '' },
        ownerRole: 'assistant',
        routedRoles: ['assistant'],
        waitRole: status === 'closed' ? '' : 'assistant',
        waitPersonId: '',
        stage: 0,
        checkpoints: { heard: new Date(created) },
        replyDueAt: new Date(created + (kind === 'major' ? 2 : 24) * H),
        escalationLevel: 0,
        lastReply: '',
        record: '',
        ratingComment: '',
        callbackNote: '',
        docNo: '',
        complainant: '',
        attachmentIds: [],
        pausedMs: 0,
        history: [{ at: new Date(created), actorId: reporterId, action: 'filed', note: '' }],
        version: 1,
        createdAt: new Date(created),
        createdWeek: weekKeyOf(new Date(created), TZ),
        updatedAt: new Date(created),
      };
      if (status !== 'open' && r() < 0.9)
        doc.firstRepliedAt = new Date(created + Math.floor(r() * 30 * H) + 300_000);
      if (status === 'closed') {
        const closed = created + H + Math.floor(r() * 10 * DAY);
        doc.closedAt = new Date(closed);
        doc.closedWeek = weekKeyOf(doc.closedAt as Date, TZ);
        doc.waitRole = '';
        if (r() < 0.3) doc.pausedMs = Math.floor(r() * ((closed - created) / 2));
        if (r() < 0.6) doc.rating = 1 + Math.floor(r() * 5);
        if (r() < 0.5) doc.callbackDoneAt = new Date(closed + DAY);
      }
      return doc;
    });
    await col.insertMany(docs, { ordered: false });
    onProgress?.(start + docs.length);
  }
  // The indexes the complaint model declares for the digest's leading `$match` stages.
  for (const f of ['createdAt', 'closedAt', 'replyDueAt', 'status', 'createdWeek', 'closedWeek'])
    await col.createIndex({ [f]: 1 });
  await recordWeekKeysSince(client.db(), TZ, new Date(0));
  await client.close();
};

type Row = Record<string, unknown>;

/** The same pipelines and duration scans, bare: what the digest needs and nothing else. */
const bareWeekly = async (
  db: mongo.Db,
  pipelines: Record<string, Row[]>,
  durations: readonly DurationSpec[],
  ferret: boolean,
): Promise<number> => {
  const col = db.collection('complaints');
  let touched = 0;
  for (const p of Object.values(pipelines)) touched += (await col.aggregate(p).toArray()).length;
  // The duration filters as durationStats completes them: the end field must exist.
  const specs = durations.map((d) => {
    const own = d.match[d.end];
    const end = own && typeof own === 'object' ? { ...own, $exists: true } : { $exists: true };
    return { ...d, match: { ...d.match, [d.end]: end } };
  });
  for (const s of specs) {
    if (ferret) {
      const projection = { _id: 0, [s.start]: 1, [s.end]: 1, ...(s.minus ? { [s.minus]: 1 } : {}) };
      const values: number[] = [];
      for (const d of await col.find(s.match, { projection, batchSize: 5000 }).toArray()) {
        const minus = s.minus ? Number(d[s.minus] ?? 0) : 0;
        values.push((d[s.end] as Date).getTime() - (d[s.start] as Date).getTime() - minus);
      }
      Float64Array.from(values).sort();
      touched += values.length;
    } else {
      const n = Number((await col.aggregate([{ $match: s.match }, { $count: 'n' }]).toArray())[0]?.n ?? 0);
      if (s.minus)
        await col
          .aggregate([{ $match: s.match }, { $group: { _id: null, s: { $sum: `$${s.minus}` } } }])
          .toArray();
      const diff = { $subtract: [`$${s.end}`, `$${s.start}`] };
      const d = s.minus ? { $subtract: [diff, { $ifNull: [`$${s.minus}`, 0] }] } : diff;
      for (const p of [0.5, 0.9])
        await col
          .aggregate([
            { $match: s.match },
            { $project: { _id: 0, d } },
            { $sort: { d: 1 } },
            { $skip: Math.max(1, Math.ceil(p * n)) - 1 },
            { $limit: 1 },
          ])
          .toArray();
      touched += n;
    }
  }
  return touched;
};

export interface DigestMeasure {
  readonly ratio: number;
  readonly projectMs: number[];
  readonly bareMs: number[];
  readonly created: number;
  readonly seedS: number;
}

/**
 * Seeds `n` complaints into `uri` (a database of its own), then times `rounds` alternating
 * baseline/project runs of the weekly statistics; returns the median times' ratio.
 */
export const measureDigest = async (
  uri: string,
  n: number,
  rounds: number,
  log: (m: string) => void,
): Promise<DigestMeasure> => {
  const week = digestWeek();
  const t0 = performance.now();
  await seedComplaints(uri, n, week, (d) => {
    if (d % 100_000 === 0) log(`digest: ${d} complaints seeded`);
  });
  const seedS = (performance.now() - t0) / 1000;
  const reporting = new ReportingDb(uri);
  const stats = new ComplaintStats(await reporting.connection(), TZ);
  const client = await new mongo.MongoClient(uri, { socketTimeoutMS: 10 * 60_000, maxPoolSize: 2 }).connect();
  const info = await client.db().command({ buildInfo: 1 });
  const ferret = typeof info.ferretdbVersion === 'string';
  const pipelines = stats.pipelines(week.from, week.to, week.sendAt);
  const { firstReply, close } = stats.durationSpecs(week.from, week.to);
  const projectMs: number[] = [];
  const bareMs: number[] = [];
  let created = 0;
  for (let r = 0; r < rounds; r++) {
    for (const who of r % 2 === 0 ? (['bare', 'project'] as const) : (['project', 'bare'] as const)) {
      const s = performance.now();
      if (who === 'bare') await bareWeekly(client.db(), pipelines, [firstReply, close], ferret);
      else created = (await stats.weekly(week.from, week.to, week.sendAt)).created;
      (who === 'bare' ? bareMs : projectMs).push(performance.now() - s);
    }
    log(
      `digest ${n}: round ${r + 1}: bare ${bareMs.at(-1)?.toFixed(0)} ms, project ${projectMs.at(-1)?.toFixed(0)} ms`,
    );
  }
  await client
    .db()
    .dropDatabase()
    .catch(() => {});
  await client.close();
  await reporting.close();
  return { ratio: median(projectMs) / median(bareMs), projectMs, bareMs, created, seedS };
};
