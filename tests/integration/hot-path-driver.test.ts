import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import { Db } from '../../src/persistence/db.js';
import { InboundRepository } from '../../src/persistence/repositories/inbound.repository.js';
import { OutboxRepository } from '../../src/persistence/repositories/outbox.repository.js';
import { PeopleRepository } from '../../src/persistence/repositories/people.repository.js';
import type { InboundEvent } from '../../src/platforms/inbound-event.js';
import { testNames } from '../helpers/test-bot.js';

const event = (key: string, userId: string): InboundEvent => ({
  platform: 'wecom',
  dedupeKey: key,
  kind: 'message',
  userId,
  at: new Date('2026-11-30T01:02:03.000Z').toISOString(),
  conversation: { type: 'direct', id: userId },
  message: { type: 'text', text: '你好' },
});

/** A stored row without what differs between two rows by construction (ids, keys). */
const shape = (row: Record<string, unknown> | null, ...drop: string[]): Record<string, unknown> => {
  const { _id, ...rest } = row ?? {};
  for (const k of drop) delete rest[k];
  return rest;
};

/**
 * The per-message reads and writes go through the driver, not mongoose queries (CPU). Each is
 * compared here with the mongoose call it replaced, run on a twin row: the stored document, and
 * what the repository returns, must be the same.
 */
describe('hot path through the driver, as mongoose stored and read it', () => {
  let db: Db;
  const clock = new ManualClock(Date.parse('2026-11-30T02:00:00.000Z'));
  beforeAll(async () => {
    db = Db.open(`${inject('mongoBaseUri')}/${testNames().dbName}`, silentLogger());
    await db.ready();
    await db.ensureIndexes();
  });
  afterAll(async () => {
    await db.conn.dropDatabase().catch(() => {});
    await db.close();
  });

  it('marks an inbound event done as the mongoose update did (status, processedAt, lane and lastError gone)', async () => {
    const inbound = new InboundRepository(db.models, clock);
    const a = await inbound.record(event('done-a', 'd1'));
    const b = await inbound.record(event('done-b', 'd2'));
    await inbound.markFailed(a.id, 'boom');
    await inbound.markFailed(b.id, 'boom');
    clock.advance(1000);
    await inbound.markDone(a.id);
    await db.models.InboundEvent.updateOne(
      { _id: b.id },
      { $set: { status: 'done', processedAt: clock.now() }, $unset: { lane: 1, lastError: 1 } },
    );
    const raw = db.models.InboundEvent.collection;
    const [ra, rb] = await Promise.all([
      raw.findOne({ _id: new Types.ObjectId(a.id) }),
      raw.findOne({ _id: new Types.ObjectId(b.id) }),
    ]);
    expect(ra?.status).toBe('done');
    expect(ra?.processedAt).toEqual(clock.now());
    expect(ra).not.toHaveProperty('lane');
    expect(ra).not.toHaveProperty('lastError');
    expect(shape(ra, 'dedupeKey', 'userId', 'event')).toEqual(shape(rb, 'dedupeKey', 'userId', 'event'));
  });

  it('reads a lane as the mongoose lean query did (same events, order, attempts)', async () => {
    const inbound = new InboundRepository(db.models, clock);
    const first = await inbound.record(event('lane-1', 'l1'));
    clock.advance(5);
    const second = await inbound.record(event('lane-2', 'l1'));
    await inbound.markFailed(second.id, 'again');
    const viaRepo = await inbound.openInLane(first.lane);
    const viaMongoose = await db.models.InboundEvent.find(
      { lane: first.lane },
      { event: 1, attempts: 1, receivedAt: 1 },
    ).lean();
    expect(viaRepo.map((r) => [r.id, r.attempts])).toEqual([
      [first.id, 0],
      [second.id, 1],
    ]);
    expect(viaRepo.map((r) => r.event)).toEqual(viaMongoose.map((r) => r.event));
    expect(viaRepo[0]?.event).toEqual(event('lane-1', 'l1'));
  });

  it('marks an outbox row sent as the mongoose update did, result included, and only once', async () => {
    const outbox = new OutboxRepository(db.models, clock);
    const [a = '', b = ''] = await outbox.addMany([
      { key: 'sent-a:0', to: { platform: 'wecom', userId: 's1' }, message: { type: 'text', text: '好' } },
      { key: 'sent-b:0', to: { platform: 'wecom', userId: 's1' }, message: { type: 'text', text: '好' } },
    ]);
    const result = {
      msgid: 'm-1',
      errcode: 0,
      nested: { list: [1, 'two'], at: new Date('2026-11-30T03:00:00.000Z'), none: null },
    };
    expect(await outbox.markSent(a, result)).toBe(true);
    expect(await outbox.markSent(a, result)).toBe(false);
    await db.models.Outbox.updateOne(
      { _id: b, status: 'pending' },
      { $set: { status: 'sent', sentAt: clock.now(), result }, $unset: { lane: 1 }, $inc: { attempts: 1 } },
    );
    const raw = db.models.Outbox.collection;
    const [ra, rb] = await Promise.all([
      raw.findOne({ _id: new Types.ObjectId(a) }),
      raw.findOne({ _id: new Types.ObjectId(b) }),
    ]);
    expect(ra).toMatchObject({ status: 'sent', attempts: 1, result });
    expect(ra).not.toHaveProperty('lane');
    expect(shape(ra, 'key')).toEqual(shape(rb, 'key'));

    // A sender's result with an undefined field is stored alike too.
    const [c = '', d = ''] = await outbox.addMany([
      { key: 'sent-c:0', to: { platform: 'wecom', userId: 's2' }, message: { type: 'text', text: '好' } },
      { key: 'sent-d:0', to: { platform: 'wecom', userId: 's2' }, message: { type: 'text', text: '好' } },
    ]);
    const sparse = { msgid: 'm-2', invalid: undefined };
    await outbox.markSent(c, sparse);
    await db.models.Outbox.updateOne(
      { _id: d, status: 'pending' },
      {
        $set: { status: 'sent', sentAt: clock.now(), result: sparse },
        $unset: { lane: 1 },
        $inc: { attempts: 1 },
      },
    );
    const [rc, rd] = await Promise.all([
      raw.findOne({ _id: new Types.ObjectId(c) }),
      raw.findOne({ _id: new Types.ObjectId(d) }),
    ]);
    expect(shape(rc, 'key')).toEqual(shape(rd, 'key'));
  });

  it('reads a recipient lane as the mongoose lean query did', async () => {
    const outbox = new OutboxRepository(db.models, clock);
    const to = {
      platform: 'dingtalk' as const,
      userId: 'p1',
      session: { webhook: 'https://example.invalid/s', expiresAt: '2026-11-30T04:00:00.000Z' },
    };
    const ids = await outbox.addMany([
      { key: 'lane-a:0', to, message: { type: 'text', text: '一' } },
      { key: 'lane-a:1', to, message: { type: 'markdown', title: 't', text: '二' } },
    ]);
    const viaRepo = await outbox.pendingInLane('dingtalk:u:p1');
    const viaMongoose = await db.models.Outbox.find({ lane: 'dingtalk:u:p1' }).lean();
    expect(viaRepo.map((r) => r.id)).toEqual(ids);
    expect(viaRepo[0]?.recipient).toEqual(to);
    expect(viaRepo.map((r) => r.message)).toEqual(viaMongoose.map((r) => r.message));
    expect(viaRepo.map((r) => r.status)).toEqual(['pending', 'pending']);
  });

  it('finds the person bound to an account as the mongoose reads did, and nobody for an unbound one', async () => {
    const people = new PeopleRepository(db.models, clock);
    const p = await people.create({
      name: '张三',
      kind: 'staff',
      roles: ['assistant'],
      employeeNo: 'E1',
      duty: [{ weekday: 1, shift: 'early' }],
    });
    expect(await people.bindIdentity('wecom', 'zs', p.id, 'roster')).toBe(true);
    const viaRepo = await people.byIdentity('wecom', 'zs');
    const viaMongoose = await people.get(p.id);
    expect(viaRepo).toEqual(viaMongoose);
    expect(viaRepo).toMatchObject({ id: p.id, name: '张三', roles: ['assistant'], active: true });
    expect(await people.byIdentity('wecom', 'nobody')).toBeNull();
    expect(await people.byIdentity('dingtalk', 'zs')).toBeNull();
  });
});
