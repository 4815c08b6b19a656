import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ManualClock, systemClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import { Db } from '../../src/persistence/db.js';
import { ClaimRepository } from '../../src/persistence/repositories/claim.repository.js';
import { RepairRepository } from '../../src/persistence/repositories/repair.repository.js';
import { testNames } from '../helpers/test-bot.js';

/**
 * FerretDB 1.x applies a "conditional" update by reading, applying the operators and writing the
 * document back without re-checking the filter, so two presses of one button could both win.
 * Claims (a unique `_id` insert) are the arbiter on every server; these tests race them for real.
 */
describe('claims arbitrate concurrent changes on the real server', () => {
  let db: Db;
  beforeAll(async () => {
    db = Db.open(`${inject('mongoBaseUri')}/${testNames().dbName}`, silentLogger());
    await db.ready();
    await db.ensureIndexes();
  });
  afterAll(async () => {
    await db.conn.dropDatabase();
    await db.close();
  });

  it('gives a key to exactly one of many simultaneous claimants, and again after release', async () => {
    const claims = new ClaimRepository(db.models, systemClock);
    for (let round = 0; round < 10; round++) {
      const key = `test:${round}`;
      const won = await Promise.all(Array.from({ length: 6 }, () => claims.claim(key)));
      expect(won.filter(Boolean)).toHaveLength(1);
      await claims.release(key);
      expect(await claims.claim(key)).toBe(true);
    }
  });

  it('lets a claim whose holder died be taken over once it is past its time', async () => {
    const clock = new ManualClock(new Date('2026-11-30T02:00:00Z'));
    const claims = new ClaimRepository(db.models, clock);
    expect(await claims.claim('test:dead', 1_000)).toBe(true);
    expect(await claims.claim('test:dead', 1_000)).toBe(false);
    clock.advance(1_001);
    const won = await Promise.all(Array.from({ length: 4 }, () => claims.claim('test:dead', 1_000)));
    expect(won.filter(Boolean)).toHaveLength(1);
  });

  it('applies exactly one of many simultaneous version-conditioned updates to a work order', async () => {
    const repairs = new RepairRepository(db.models);
    for (let round = 0; round < 8; round++) {
      const { repair } = await repairs.create(`WX20261130-${String(round).padStart(3, '0')}`, {
        sourceKey: `claims-test-${round}`,
        category: 'leak',
        urgency: 'normal',
        billing: 'to_assess',
        text: '洗手池下水道堵了',
        shopCode: 'B1-23',
        unit: 'B1-23',
        place: '',
        floor: 'B1',
        reporterId: '000000000000000000000001',
        channel: { platform: 'wecom', userId: 'tenant-wang', conversationId: '' },
        attachmentIds: [],
        at: new Date(),
      });
      const results = await Promise.all(
        ['000000000000000000000008', '000000000000000000000009', '00000000000000000000000a'].map((who) =>
          repairs.update(
            repair,
            { status: 'accepted', assigneeId: who },
            { at: new Date(), actorId: who, action: 'accept', note: '' },
            { ...repair, status: 'accepted', assigneeId: who },
          ),
        ),
      );
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      const stored = await repairs.get(repair.id);
      expect(stored?.history.filter((h) => h.action === 'accept')).toHaveLength(1);
      expect(stored?.assigneeId).toBe(winners[0]?.assigneeId);
      expect(stored?.version).toBe(repair.version + 1);
    }
  });

  it('keeps both a photo and a transition that land at the same moment', async () => {
    const repairs = new RepairRepository(db.models);
    for (let round = 0; round < 8; round++) {
      const { repair } = await repairs.create(`WX20261201-${String(round).padStart(3, '0')}`, {
        sourceKey: `claims-photo-${round}`,
        category: 'leak',
        urgency: 'normal',
        billing: 'to_assess',
        text: '铺里漏水了',
        shopCode: 'B1-23',
        unit: 'B1-23',
        place: '',
        floor: 'B1',
        reporterId: '000000000000000000000001',
        channel: { platform: 'wecom', userId: 'tenant-wang', conversationId: '' },
        attachmentIds: [],
        at: new Date(),
      });
      const who = '000000000000000000000008';
      const photo = '0000000000000000000000ff';
      const accept = async () => {
        for (let before = repair; ; ) {
          const r = await repairs.update(
            before,
            { status: 'accepted', assigneeId: who },
            { at: new Date(), actorId: who, action: 'accept', note: '' },
            { ...before, status: 'accepted', assigneeId: who },
          );
          if (r) return;
          before = (await repairs.get(repair.id)) ?? before;
        }
      };
      await Promise.all([accept(), repairs.addAttachment(repair.id, photo)]);
      const stored = await repairs.get(repair.id);
      expect(stored?.status).toBe('accepted');
      expect(stored?.attachmentIds).toEqual([photo]);
      expect(stored?.version).toBe(repair.version + 2);
    }
  });
});
