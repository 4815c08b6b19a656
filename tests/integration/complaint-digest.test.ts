import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComplaintStats } from '../../src/digests/complaint-stats.js';
import { rankOf } from '../../src/digests/durations.js';
import { ReportingDb } from '../../src/digests/reporting-db.js';
import { weekKeyOf } from '../../src/lib/calendar/day-key.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

const TOTAL = 100_000;
const TZ = 'Asia/Shanghai';
/** Every tenth complaint is stored as before the week keys existed: the digest backfills them. */
const OLD_EVERY = 10;
const sh = (s: string) => new Date(`${s}+08:00`);
const FROM = sh('2026-11-23T00:00:00');
const TO = sh('2026-11-30T00:00:00');
const NOW = sh('2026-11-30T09:00:00');
const SPAN_START = sh('2026-11-02T00:00:00').getTime();
const H = 3600_000;

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be reproduced. */
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

interface Seeded {
  createdAt: Date;
  kind: string;
  category: string;
  floor: string;
  status: string;
  shopCode: string;
  replyDueAt: Date;
  firstRepliedAt?: Date;
  closedAt?: Date;
  pausedMs?: number;
  rating?: number;
  callbackDoneAt?: Date;
}

const seed = (): Seeded[] => {
  const r = rng(14);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const out: Seeded[] = [];
  for (let i = 0; i < TOTAL; i++) {
    const created = SPAN_START + Math.floor(r() * (TO.getTime() - SPAN_START));
    const kind = r() < 0.8 ? 'general' : r() < 0.75 ? 'major' : 'written';
    const status = pick(['open', 'handling', 'replied', 'closed', 'closed'] as const);
    const c: Seeded = {
      createdAt: new Date(created),
      kind,
      category: pick(['noise', 'hygiene', 'service', 'fees', 'order', 'behaviour', 'other'] as const),
      floor: pick(['B1', '1F', '2F', '3F', '4F', ''] as const),
      status,
      shopCode: r() < 0.1 ? '' : `S${String(Math.floor(r() * 3000)).padStart(4, '0')}`,
      replyDueAt: new Date(created + (kind === 'major' ? 2 : 24) * H),
    };
    if (status !== 'open' && r() < 0.9)
      c.firstRepliedAt = new Date(created + Math.floor(r() * 30 * H) + 300_000);
    if (status === 'closed') {
      const closed = created + H + Math.floor(r() * 10 * 24 * H);
      c.closedAt = new Date(closed);
      if (r() < 0.3) c.pausedMs = Math.floor(r() * ((closed - created) / 2));
      if (r() < 0.6) c.rating = 1 + Math.floor(r() * 5);
      if (r() < 0.5) c.callbackDoneAt = new Date(closed + 24 * H);
    }
    out.push(c);
  }
  return out;
};

/** The straightforward computation the aggregation must agree with. */
const expected = (all: Seeded[]) => {
  const inWeek = (d?: Date) => d !== undefined && d >= FROM && d < TO;
  const week = all.filter((c) => inWeek(c.createdAt));
  const closed = all.filter((c) => inWeek(c.closedAt));
  const tally = (xs: Seeded[], f: (c: Seeded) => string) => {
    const m: Record<string, number> = {};
    for (const c of xs) m[f(c)] = (m[f(c)] ?? 0) + 1;
    return m;
  };
  const pct = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return {
      n: s.length,
      medianMs: s[rankOf(0.5, s.length) - 1] ?? null,
      p90Ms: s[rankOf(0.9, s.length) - 1] ?? null,
    };
  };
  const shops = tally(
    week.filter((c) => c.shopCode !== ''),
    (c) => c.shopCode,
  );
  const repeat = Object.entries(shops)
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const rated = closed.filter((c) => c.rating !== undefined);
  return {
    created: week.length,
    byKind: tally(week, (c) => c.kind),
    byCategory: tally(week, (c) => c.category),
    byFloor: tally(week, (c) => c.floor),
    byStatus: tally(week, (c) => c.status),
    byKindCategory: week.reduce<Record<string, Record<string, number>>>((m, c) => {
      const row = m[c.kind] ?? {};
      row[c.category] = (row[c.category] ?? 0) + 1;
      m[c.kind] = row;
      return m;
    }, {}),
    overdue: all.filter((c) => c.replyDueAt < NOW && (c.status === 'open' || c.status === 'handling')).length,
    firstReply: pct(
      week.flatMap((c) => (c.firstRepliedAt ? [c.firstRepliedAt.getTime() - c.createdAt.getTime()] : [])),
    ),
    close: {
      ...pct(closed.map((c) => (c.closedAt?.getTime() ?? 0) - c.createdAt.getTime() - (c.pausedMs ?? 0))),
      waitingMs: closed.reduce((a, c) => a + (c.pausedMs ?? 0), 0),
    },
    repeatShops: repeat.slice(0, 10).map(([shopCode, count]) => ({ shopCode, count })),
    repeatShopCount: repeat.length,
    satisfaction: {
      rated: rated.length,
      average: rated.reduce((a, c) => a + (c.rating ?? 0), 0) / rated.length,
      byRating: tally(rated, (c) => String(c.rating)),
    },
    callbacks: { closed: closed.length, done: closed.filter((c) => c.callbackDoneAt).length },
  };
};

describe('the weekly complaint digest over 100 000 complaints', () => {
  let bot: TestBot;
  let all: Seeded[];
  let reporting: ReportingDb;
  beforeAll(async () => {
    bot = await startTestBot({});
    reporting = new ReportingDb(bot.config.mongodbUri);
    all = seed();
    const col = bot.running.deps.db.conn.collection('complaints');
    const reporterId = new Types.ObjectId();
    for (let i = 0; i < all.length; i += 5000) {
      await col.insertMany(
        all.slice(i, i + 5000).map((c, j) => ({
          ...c,
          ...((i + j) % OLD_EVERY === 0
            ? {}
            : {
                createdWeek: weekKeyOf(c.createdAt, TZ),
                ...(c.closedAt ? { closedWeek: weekKeyOf(c.closedAt, TZ) } : {}),
              }),
          number: `TS-SEED-${i + j}`,
          sourceKey: `seed:${i + j}`,
          text: '测试投诉',
          reporterId,
          channel: { platform: 'wecom', userId: 'seed', conversationId: '' },
          updatedAt: c.createdAt,
        })),
        { ordered: false },
      );
    }
  }, 600_000);
  afterAll(async () => {
    await reporting?.close();
    await bot?.close();
  });

  it('matches a straightforward computation of the same numbers', async () => {
    const stats = await new ComplaintStats(await reporting.connection(), TZ).weekly(FROM, TO, NOW);
    const want = expected(all);
    expect(want.created).toBeGreaterThan(20_000);
    expect({ ...stats, from: undefined, to: undefined, satisfaction: undefined }).toEqual({
      ...want,
      from: undefined,
      to: undefined,
      satisfaction: undefined,
    });
    expect(stats.satisfaction.rated).toBe(want.satisfaction.rated);
    expect(stats.satisfaction.byRating).toEqual(want.satisfaction.byRating);
    expect(stats.satisfaction.average).toBeCloseTo(want.satisfaction.average, 10);
  }, 300_000);
});
