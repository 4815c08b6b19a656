import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import { Db } from '../../src/persistence/db.js';
import { HOT_QUERIES } from '../../src/persistence/hot-queries.js';
import { InboundRepository } from '../../src/persistence/repositories/inbound.repository.js';
import { OutboxRepository } from '../../src/persistence/repositories/outbox.repository.js';
import type { InboundEvent } from '../../src/platforms/inbound-event.js';
import { testNames } from '../helpers/test-bot.js';

type Explain = {
  filterPushdown?: boolean;
  queryPlanner?: { winningPlan?: unknown };
};

/** Every stage name in a MongoDB plan tree. */
const stages = (plan: unknown): string[] => {
  if (typeof plan !== 'object' || plan === null) return [];
  const p = plan as { stage?: string; inputStage?: unknown; inputStages?: unknown[] };
  return [
    ...(p.stage ? [p.stage] : []),
    ...stages(p.inputStage),
    ...(p.inputStages ?? []).flatMap((s) => stages(s)),
  ];
};

const event = (key: string, userId: string): InboundEvent => ({
  platform: 'wecom',
  dedupeKey: key,
  kind: 'message',
  userId,
  at: new Date().toISOString(),
  conversation: { type: 'direct', id: userId },
  message: { type: 'text', text: '你好' },
});

describe('hot-path and sweep queries, as the store answers them', () => {
  let db: Db;
  const backend = inject('storeBackend');
  beforeAll(async () => {
    db = Db.open(`${inject('mongoBaseUri')}/${testNames().dbName}`, silentLogger());
    await db.ready();
    await db.ensureIndexes();
  });
  afterAll(async () => {
    await db.conn.dropDatabase().catch(() => {});
    await db.close();
  });

  it('answers each from an index or by pushdown (explain), as far as the store can', async () => {
    const report: string[] = [];
    for (const q of HOT_QUERIES) {
      const filter = Object.fromEntries(
        Object.entries(q.filter).map(([k, v]) => [k, k === '_id' ? new Types.ObjectId(String(v)) : v]),
      );
      const ex = (await db.conn.db?.command({
        explain: { find: q.collection, filter },
        verbosity: 'queryPlanner',
      })) as Explain;
      const isId = Object.keys(q.filter).join() === '_id';
      if (backend === 'postgresql') {
        // FerretDB on PostgreSQL pushes every top-level equality down to SQL.
        expect(ex.filterPushdown, q.name).toBe(true);
      } else if (backend === 'sqlite') {
        // FerretDB on SQLite pushes down `_id` equality only; the rest scan collections that the
        // archive sweep keeps small (next test).
        expect(ex.filterPushdown, q.name).toBe(isId);
      } else {
        const s = stages(ex.queryPlanner?.winningPlan);
        expect(
          s.some((x) => /IXSCAN|IDHACK|EXPRESS/.test(x)),
          `${q.name}: ${s.join('>')}`,
        ).toBe(true);
        expect(s, q.name).not.toContain('COLLSCAN');
      }
      report.push(`${q.name}: pushdown=${String(ex.filterPushdown)}`);
    }
    expect(report).toHaveLength(HOT_QUERIES.length);
  });

  it('keeps the hot collections small: handled rows leave the lanes at once and the collection after the horizon', async () => {
    const clock = new ManualClock(Date.now());
    const inbound = new InboundRepository(db.models, clock, 600_000);
    const outbox = new OutboxRepository(db.models, clock);
    const a = await inbound.record(event('k1', 'hq'));
    const b = await inbound.record(event('k2', 'hq'));
    expect((await inbound.openInLane(a.lane)).map((r) => r.id)).toEqual([a.id, b.id]);
    await inbound.markDone(a.id);
    expect((await inbound.openInLane(a.lane)).map((r) => r.id)).toEqual([b.id]);
    const [sent] = await outbox.addMany([
      { key: 'hq:0', to: { platform: 'wecom', userId: 'hq' }, message: { type: 'text', text: '好' } },
    ]);
    await outbox.markSent(sent ?? '', { msgid: 'm' });
    expect(await outbox.pendingInLane('wecom:u:hq')).toEqual([]);

    // Within the horizon a duplicate is still recognised; after it the rows move to the archive.
    expect((await inbound.record(event('k1', 'hq'))).duplicate).toBe(true);
    expect(await inbound.archiveFinished()).toBe(0);
    clock.advance(601_000);
    expect(await inbound.archiveFinished()).toBe(1);
    expect(await outbox.archiveSent()).toBe(1);
    expect(await db.models.InboundEvent.countDocuments({})).toBe(1);
    expect(await db.models.InboundArchive.countDocuments({})).toBe(1);
    expect(await db.models.Outbox.countDocuments({})).toBe(0);
    expect(await db.models.OutboxArchive.countDocuments({})).toBe(1);
    // Moving again is harmless (a crash between the archive insert and the delete).
    await db.models.InboundArchive.collection.insertOne({
      _id: new Types.ObjectId(b.id),
      expiresAt: new Date(),
    });
    await inbound.markDone(b.id);
    clock.advance(601_000);
    expect(await inbound.archiveFinished()).toBe(1);
    expect(await db.models.InboundEvent.countDocuments({})).toBe(0);
  });
});
