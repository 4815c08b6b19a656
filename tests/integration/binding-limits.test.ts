import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  BIND_COOLDOWN_S,
  MAX_GLOBAL_BIND_FAILURES,
  MAX_SHOP_BIND_FAILURES,
} from '../../src/conversation/binding.service.js';
import { addTenant } from '../helpers/fixtures.js';
import { deleteKeys, startTestBot, type TestBot } from '../helpers/test-bot.js';

describe('binding code limits', () => {
  let bot: TestBot;
  let redis: Redis;
  beforeAll(async () => {
    bot = await startTestBot();
    redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
    for (const shopCode of ['B1-23', 'A1023']) {
      await addTenant(bot.running.deps, { name: `${shopCode}商户`, shopCode, accounts: [] });
    }
  });
  afterAll(async () => {
    redis?.disconnect();
    await bot?.close();
  });
  const binding = () => bot.running.deps.services.binding;
  const resetCounters = () => deleteKeys(inject('redisUrl'), `${bot.prefix}:bindfail`);

  it('a new code for a shop revokes its older codes', async () => {
    const first = await binding().issue('B1-23', 'test');
    const second = await binding().issue('B1-23', 'test');
    expect(await binding().attempt('wecom', 'bl-a', 'B1-23', first.code)).toMatchObject({ kind: 'wrong' });
    expect(await binding().attempt('wecom', 'bl-a', 'B1-23', second.code)).toMatchObject({ kind: 'bound' });
    await resetCounters();
  });

  it('locks a shop after its limit of wrong codes from many accounts, even for the right code', async () => {
    const { code } = await binding().issue('A1023', 'test');
    for (let i = 0; i < MAX_SHOP_BIND_FAILURES; i++) {
      const r = await binding().attempt('wecom', `bl-guesser-${i}`, 'A1023', '000000');
      expect(r.kind).not.toBe('bound');
    }
    expect(await binding().attempt('wecom', 'bl-fresh', 'A1023', code)).toMatchObject({ kind: 'locked' });
    // Another shop is not affected by this one's lock.
    const other = await binding().issue('B1-23', 'test');
    expect(await binding().attempt('wecom', 'bl-other', 'B1-23', other.code)).toMatchObject({
      kind: 'bound',
    });
    await resetCounters();
  });

  it('locks all binding after the global limit of wrong codes across shops and accounts', async () => {
    for (let i = 0; i < MAX_GLOBAL_BIND_FAILURES; i++) {
      await binding().attempt('dingtalk', `bl-g-${i}`, `NOSHOP-${i}`, '123456');
    }
    const { code } = await binding().issue('A1023', 'test');
    expect(await binding().attempt('dingtalk', 'bl-late', 'A1023', code)).toMatchObject({ kind: 'locked' });
    await resetCounters();
  }, 60_000);

  it('gives every counter an expiry: one left without (a crash) is repaired, never locked for ever', async () => {
    const key = `${bot.prefix}:bindfail:wecom:bl-stuck`;
    await redis.set(key, '5'); // as if the process died between INCR and EXPIRE
    expect(await redis.ttl(key)).toBe(-1);
    const r = await binding().attempt('wecom', 'bl-stuck', 'B1-23', '999999');
    expect(r.kind).toBe('locked');
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(BIND_COOLDOWN_S);
    await binding().attempt('wecom', 'bl-new', 'B1-23', '999999');
    expect(await redis.ttl(`${bot.prefix}:bindfail:wecom:bl-new`)).toBeGreaterThan(0);
    expect(await redis.ttl(`${bot.prefix}:bindfail:global`)).toBeGreaterThan(0);
    await resetCounters();
  });
});
