import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Lanes } from '../../src/queue/lanes.js';
import { deleteKeys, testNames } from '../helpers/test-bot.js';

describe('lanes: one drain per key, no lost wake-up, on real Redis', () => {
  let redis: Redis;
  let lanes: Lanes;
  const { prefix } = testNames();
  beforeAll(() => {
    redis = new Redis(inject('redisUrl'));
    lanes = new Lanes(redis, prefix, 'inbound', { leaseMs: 5000, scheduledTtlMs: 5000 });
  });
  afterAll(async () => {
    await deleteKeys(inject('redisUrl'), prefix);
    redis.disconnect();
  });

  it('schedules one drain for many signals, and only that job may take the lane', async () => {
    const now = Date.now();
    const ids = await Promise.all(Array.from({ length: 10 }, () => lanes.signal('wecom:a', now)));
    const scheduled = ids.filter((x) => x !== undefined);
    expect(scheduled).toHaveLength(1);
    const owner = scheduled[0] ?? '';
    expect(await lanes.start('wecom:a', owner)).toBe(true);
    // A second job for the same lane (a relay re-issue) finds it running and ends.
    expect(await lanes.start('wecom:a', 'intruder')).toBe(false);
    // The intruder's visit counts as work: the owner looks again before letting go.
    expect(await lanes.finish('wecom:a', owner)).toBe('again');
    expect(await lanes.finish('wecom:a', owner)).toBe('done');
    expect(await redis.exists(`${prefix}:lane:inbound:wecom:a`)).toBe(0);
  });

  it('makes the owner drain again when work arrives during a pass (no lost wake-up)', async () => {
    const owner = (await lanes.signal('wecom:b', Date.now())) ?? '';
    expect(await lanes.start('wecom:b', owner)).toBe(true);
    // Work stored while the owner is between reading and finishing: the signal schedules nothing…
    expect(await lanes.signal('wecom:b', Date.now())).toBeUndefined();
    // …but the owner is told to look again, and after a clean pass the lane is idle…
    expect(await lanes.finish('wecom:b', owner)).toBe('again');
    expect(await lanes.finish('wecom:b', owner)).toBe('done');
    // …so the next signal schedules a new drain.
    expect(await lanes.signal('wecom:b', Date.now())).toBeDefined();
  });

  it('lets the relay re-issue a drain for a lane stuck as scheduled, and frees a released lane', async () => {
    const t0 = Date.now();
    const first = await lanes.signal('wecom:c', t0);
    expect(first).toBeDefined();
    // Within the grace period the relay only marks it dirty; after it, a new job id is issued.
    expect(await lanes.signal('wecom:c', t0 + 1000, 10_000)).toBeUndefined();
    const reissued = await lanes.signal('wecom:c', t0 + 11_000, 10_000);
    expect(reissued).toBeDefined();
    expect(reissued).not.toBe(first);
    expect(await lanes.start('wecom:c', reissued ?? '')).toBe(true);
    await lanes.release('wecom:c', reissued ?? '');
    expect(await lanes.signal('wecom:c', Date.now())).toBeDefined();
  });

  it('frees a lane whose owner stopped renewing its lease', async () => {
    const short = new Lanes(redis, prefix, 'outbound', { leaseMs: 200 });
    const owner = (await short.signal('wecom:u:d', Date.now())) ?? '';
    expect(await short.start('wecom:u:d', owner)).toBe(true);
    expect(await short.start('wecom:u:d', 'next')).toBe(false);
    await new Promise((r) => setTimeout(r, 350));
    expect(await short.start('wecom:u:d', 'next')).toBe(true);
    expect(await short.finish('wecom:u:d', owner)).toBe('lost');
  });
});
