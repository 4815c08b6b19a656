import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ComplaintStats, WEEKLY_MATCH_FIELDS } from '../../src/digests/complaint-stats.js';
import { type ComplaintPatch, patched } from '../../src/domain/complaint/complaint.transition.js';
import type { ComplaintView } from '../../src/domain/complaint/complaint.types.js';
import type { HistoryEntry } from '../../src/domain/shared/ticket.types.js';
import { silentLogger } from '../../src/lib/logger.js';
import { ensureWeekKeys, WEEK_KEYS_MIGRATION } from '../../src/persistence/complaint-week-backfill.js';
import { Db } from '../../src/persistence/db.js';
import { ComplaintRepository } from '../../src/persistence/repositories/complaint.repository.js';
import { testNames } from '../helpers/test-bot.js';

const TZ = 'Asia/Shanghai';
const sh = (s: string) => new Date(`${s}+08:00`);
const channel = { platform: 'wecom' as const, userId: 'tenant-b1-23', conversationId: '' };

describe('complaint week keys (issue 13: the weekly digest answered from indexes)', () => {
  let db: Db;
  let repo: ComplaintRepository;
  beforeAll(async () => {
    db = Db.open(`${inject('mongoBaseUri')}/${testNames().dbName}`, silentLogger());
    await db.ready();
    await db.ensureIndexes();
    repo = new ComplaintRepository(db.models, TZ);
  });
  afterAll(async () => {
    await db.conn.dropDatabase().catch(() => {});
    await db.close();
  });

  const stored = async (id: string) =>
    db.conn
      .collection('complaints')
      .findOne(
        { _id: new Types.ObjectId(id) },
        { projection: { createdWeek: 1, closedWeek: 1, closedAt: 1 } },
      );

  const change = async (c: ComplaintView, patch: ComplaintPatch, at: Date): Promise<ComplaintView> => {
    const entry: HistoryEntry = { at, action: 'close', note: '' };
    const next = await repo.update(c, patch, entry, patched(c, patch, entry));
    if (!next) throw new Error('update lost');
    return next;
  };

  it('writes createdWeek when filed and closedWeek when closed, clears it on reopening and sets it again on closing', async () => {
    // Sunday 23:59 Shanghai (15:59 UTC): still the week of Monday 11-23.
    const { complaint } = await repo.create('TSWEEK00001', {
      sourceKey: 'week-1',
      kind: 'general',
      category: 'noise',
      text: '隔壁音乐太吵',
      shopCode: 'B1-23',
      unit: 'B1-24',
      place: '',
      floor: 'B1',
      reporterId: new Types.ObjectId().toString(),
      channel,
      ownerRole: 'assistant',
      routedRoles: ['assistant'],
      replyDueAt: sh('2026-11-30T23:59:00'),
      docNo: '',
      complainant: '',
      attachmentIds: [],
      at: sh('2026-11-29T23:59:00'),
    });
    expect(await stored(complaint.id)).toMatchObject({ createdWeek: '2026-11-23' });
    expect((await stored(complaint.id))?.closedWeek).toBeUndefined();
    // Closed at Monday 00:00 Shanghai (Sunday 16:00 UTC): the next week.
    const closed = await change(
      complaint,
      { status: 'closed', closedAt: sh('2026-11-30T00:00:00') },
      sh('2026-11-30T00:00:00'),
    );
    expect(await stored(complaint.id)).toMatchObject({ createdWeek: '2026-11-23', closedWeek: '2026-11-30' });
    const reopened = await change(closed, { status: 'handling', closedAt: null }, sh('2026-12-02T10:00:00'));
    expect(reopened.closedAt).toBeUndefined();
    const row = await stored(complaint.id);
    expect(row?.closedAt).toBeUndefined();
    expect(row?.closedWeek).toBeUndefined();
    await change(
      reopened,
      { status: 'closed', closedAt: sh('2026-12-08T09:00:00') },
      sh('2026-12-08T09:00:00'),
    );
    expect(await stored(complaint.id)).toMatchObject({ createdWeek: '2026-11-23', closedWeek: '2026-12-07' });
  });

  it('backfills a week filed or closed before the keys existed, once, and counts its complaints', async () => {
    const col = db.conn.collection('complaints');
    const base = {
      kind: 'general',
      category: 'noise',
      status: 'closed',
      text: '旧投诉',
      shopCode: '',
      floor: 'B1',
      reporterId: new Types.ObjectId(),
      channel,
    };
    await col.insertMany([
      // Sunday 23:59:59.999 Shanghai: the week before.
      { ...base, number: 'OLD1', sourceKey: 'old1', createdAt: sh('2026-11-22T23:59:59.999') },
      {
        ...base,
        number: 'OLD2',
        sourceKey: 'old2',
        createdAt: sh('2026-11-23T00:00:00'),
        closedAt: sh('2026-11-29T23:59:00'),
      },
      // A wrong key (written for another zone): out of the week's range, so not counted in it.
      {
        ...base,
        number: 'OLD3',
        sourceKey: 'old3',
        createdAt: sh('2026-11-30T07:00:00'),
        createdWeek: '2026-11-23',
        closedAt: sh('2026-12-07T01:00:00'),
      },
    ]);
    const keys = async (number: string) =>
      col.findOne({ number }, { projection: { _id: 0, createdWeek: 1, closedWeek: 1 } });
    const store = db.conn.db as NonNullable<typeof db.conn.db>;
    const since = sh('2026-12-01T10:00:00');
    expect(await ensureWeekKeys(store, TZ, '2026-11-23', since)).toEqual({ ran: true, updated: 2 });
    expect(await keys('OLD1')).toEqual({});
    expect(await keys('OLD2')).toEqual({ createdWeek: '2026-11-23', closedWeek: '2026-11-23' });
    expect(await keys('OLD3')).toEqual({ createdWeek: '2026-11-23' });
    expect(await ensureWeekKeys(store, TZ, '2026-11-30', since)).toEqual({ ran: true, updated: 1 });
    expect(await keys('OLD3')).toEqual({ createdWeek: '2026-11-30' });
    // Written with keys from `since` on: a later week needs nothing.
    expect(await ensureWeekKeys(store, TZ, '2026-12-07', since)).toEqual({ ran: false, updated: 0 });
    expect(await keys('OLD3')).toEqual({ createdWeek: '2026-11-30' });
    const rows = await db.conn
      .collection('migrations')
      .find({ _id: { $regex: `^${WEEK_KEYS_MIGRATION}` } } as never)
      .toArray();
    expect(rows.map((r) => String(r._id)).sort()).toEqual([
      `${WEEK_KEYS_MIGRATION}:${TZ}`,
      `${WEEK_KEYS_MIGRATION}:${TZ}:2026-11-23`,
      `${WEEK_KEYS_MIGRATION}:${TZ}:2026-11-30`,
    ]);
    // Done once: a row still without keys in that week is no longer looked for.
    await col.insertOne({ ...base, number: 'OLD4', sourceKey: 'old4', createdAt: sh('2026-11-24T10:00:00') });
    expect(await ensureWeekKeys(store, TZ, '2026-11-23', since)).toEqual({ ran: false, updated: 0 });
    expect(await keys('OLD4')).toEqual({});
    // The week's figures: OLD2 and the complaint filed on Sunday 23:59 by the repository.
    const stats = await new ComplaintStats(db.conn, TZ).weekly(
      sh('2026-11-23T00:00:00'),
      sh('2026-11-30T00:00:00'),
      sh('2026-11-30T09:00:00'),
    );
    expect(stats.created).toBe(2);
    expect(stats.callbacks.closed).toBe(1);
  });

  it('leads every weekly query with equality on an indexed field, which the store answers from it (pushed down on FerretDB/PostgreSQL)', async () => {
    const stats = new ComplaintStats(db.conn, TZ);
    const from = sh('2026-11-23T00:00:00');
    const to = sh('2026-11-30T00:00:00');
    const indexed = new Set(
      (await db.conn.collection('complaints').indexes()).map((i) => Object.keys(i.key)[0] ?? ''),
    );
    for (const f of WEEKLY_MATCH_FIELDS) expect(indexed.has(f), f).toBe(true);
    const caps = await stats.caps();
    const specs = stats.durationSpecs(from, to);
    const pipelines = {
      ...stats.pipelines(from, to, sh('2026-11-30T09:00:00')),
      firstReply: [{ $match: specs.firstReply.match }],
      close: [{ $match: specs.close.match }],
    };
    expect(Object.keys(pipelines)).toHaveLength(9);
    for (const [name, pipeline] of Object.entries(pipelines)) {
      const first = pipeline[0] as { $match?: Record<string, unknown> };
      const [field, value] = Object.entries(first.$match ?? {})[0] ?? ['', undefined];
      expect(typeof value, `${name}: equality first`).toBe('string');
      expect(WEEKLY_MATCH_FIELDS as readonly string[], name).toContain(field);
      const plan = await stats.explain(pipeline);
      if (caps.kind === 'mongodb') expect(JSON.stringify(plan), name).toContain('IXSCAN');
      else if (inject('storeBackend') === 'sqlite')
        expect(plan.filterPushdown, name).toBe(false); // FerretDB on SQLite pushes down only _id
      else expect(plan.filterPushdown, name).toBe(true);
    }
  });

  it('keeps the range alone for a span across weeks, and the callback list selects by the week key', async () => {
    const stats = new ComplaintStats(db.conn, TZ);
    const leading = (p: Record<string, Record<string, unknown>[]>, name: string) =>
      Object.keys((p[name]?.[0]?.$match ?? {}) as object);
    const across = stats.pipelines(sh('2026-11-23T00:00:00'), sh('2026-11-30T00:00:01'), new Date());
    expect(leading(across, 'breakdown')).toEqual(['createdAt']);
    const partial = stats.pipelines(sh('2026-11-23T00:00:00'), sh('2026-11-26T15:00:00'), new Date());
    expect(leading(partial, 'closedCount')).toEqual(['closedWeek', 'closedAt']);
    // The callback list: OLD2 closed on Sunday 23:59 of the week (the reopened one closed later).
    const due = await repo.awaitingCallback(sh('2026-11-23T00:00:00'), sh('2026-11-30T00:00:00'), 10);
    expect(due.map((c) => c.number)).toEqual(['OLD2']);
  });
});
