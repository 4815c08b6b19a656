import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import { Db } from '../../src/persistence/db.js';
import { AuditRepository } from '../../src/persistence/repositories/audit.repository.js';
import { CounterRepository } from '../../src/persistence/repositories/counter.repository.js';
import { InboundRepository } from '../../src/persistence/repositories/inbound.repository.js';
import { PeopleRepository } from '../../src/persistence/repositories/people.repository.js';
import { ShopRepository } from '../../src/persistence/repositories/shop.repository.js';
import type { InboundEvent } from '../../src/platforms/inbound-event.js';
import { testNames } from '../helpers/test-bot.js';

const event = (dedupeKey: string): InboundEvent => ({
  platform: 'wecom',
  dedupeKey,
  kind: 'message',
  userId: 'u1',
  at: new Date().toISOString(),
  conversation: { type: 'direct', id: 'u1' },
  message: { type: 'text', text: '铺里漏水了' },
});

describe('persistence against the real MongoDB-compatible server', () => {
  let db: Db;
  const clock = new ManualClock(new Date('2026-11-29T02:00:00Z'));
  beforeAll(async () => {
    db = Db.open(`${inject('mongoBaseUri')}/${testNames().dbName}`, silentLogger());
    await db.ready();
    await db.ensureIndexes();
  });
  afterAll(async () => {
    await db.conn.dropDatabase();
    await db.close();
  });

  it('round-trips a shop and a person as plain objects', async () => {
    const shops = new ShopRepository(db.models);
    await shops.upsert({
      code: 'A1023',
      floor: '1F',
      zone: 'A区',
      areaM2: 80,
      occupancy: 'owner',
      shopName: '小林咖啡',
      occupantName: '林先生',
      mgmtUnitPrice: 35,
      purchasePrice: 1_200_000,
      contacts: [{ name: '林先生', phone: '13800138000', title: '店主' }],
      releaseSignatureMode: 'all_signers',
      releaseSigners: [{ name: '林先生' }],
    });
    const shop = await shops.get('A1023');
    expect(shop).toMatchObject({ code: 'A1023', areaM2: 80, contacts: [{ phone: '13800138000' }] });
    expect(Object.getPrototypeOf(shop)).toBe(Object.prototype);

    const people = new PeopleRepository(db.models, clock);
    const p = await people.create({
      name: '林先生',
      kind: 'tenant',
      roles: ['tenant'],
      shopCodes: ['A1023'],
    });
    expect(await people.bindIdentity('wecom', 'linxs', p.id, 'code')).toBe(true);
    expect(await people.bindIdentity('dingtalk', 'ding-lin', p.id, 'code')).toBe(true);
    expect((await people.byIdentity('dingtalk', 'ding-lin'))?.id).toBe(p.id);
    const other = await people.create({ name: '别人', kind: 'tenant', roles: ['tenant'] });
    expect(await people.bindIdentity('wecom', 'linxs', other.id, 'code')).toBe(false);
  });

  it('rejects a duplicate inbound event through the unique index', async () => {
    const repo = new InboundRepository(db.models, clock);
    const first = await repo.record(event('msg:1001'));
    const again = await repo.record(event('msg:1001'));
    expect(first.duplicate).toBe(false);
    expect(again).toMatchObject({ id: first.id, duplicate: true, open: true });
    await expect(
      db.models.InboundEvent.create({
        platform: 'wecom',
        dedupeKey: 'msg:1001',
        userId: 'u1',
        event: event('msg:1001'),
        status: 'received',
        receivedAt: new Date(),
        expiresAt: new Date(),
      }),
    ).rejects.toMatchObject({ code: 11000 });
  });

  it('declares TTL indexes and enforces them (natively on MongoDB, by the sweeper elsewhere)', async () => {
    const declared = db.models.InboundEvent.schema.indexes().find(([f]) => 'expiresAt' in f);
    expect(declared?.[1]).toMatchObject({ expireAfterSeconds: 0 });
    const indexes = await db.models.InboundEvent.collection.indexes();
    const ttl = indexes.find((i) => i.key.expiresAt === 1);
    expect(ttl).toBeDefined();
    const native = typeof ttl?.expireAfterSeconds === 'number';
    expect(
      native || db.ttlFallbacks.some((f) => f.collection === 'inbound_events' && f.field === 'expiresAt'),
    ).toBe(true);

    const repo = new InboundRepository(db.models, clock);
    await repo.record(event('msg:old'));
    await db.models.InboundEvent.updateOne(
      { dedupeKey: 'msg:old' },
      { $set: { expiresAt: new Date(clock.now().getTime() - 1000) } },
    );
    await db.sweepExpired(clock.now());
    if (!native) expect(await db.models.InboundEvent.countDocuments({ dedupeKey: 'msg:old' })).toBe(0);
    expect(await db.models.InboundEvent.countDocuments({ dedupeKey: 'msg:1001' })).toBe(1);
  });

  it('keeps the audit log append-only', async () => {
    const audit = new AuditRepository(db.models, clock);
    await audit.append({ action: 'test', outcome: 'info', reason: 'x' });
    await expect(db.models.Audit.updateOne({ action: 'test' }, { $set: { reason: 'y' } })).rejects.toThrow(
      'append-only',
    );
    await expect(db.models.Audit.deleteMany({})).rejects.toThrow('append-only');
    expect(await audit.find({ action: 'test' })).toHaveLength(1);
  });

  it('keeps ticket numbers unique under concurrency (the unique index decides)', async () => {
    const counters = new CounterRepository(db.models);
    const numbers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        counters.allocate('TS', '2026-11-29', async (number) => {
          await db.models.Counter.create({ _id: `ticket-${number}`, seq: i });
          return number;
        }),
      ),
    );
    expect(new Set(numbers).size).toBe(10);
    expect(numbers.every((n) => /^TS20261129-\d{3}$/.test(n))).toBe(true);
  });
});
