import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { silentLogger } from '../../src/lib/logger.js';
import { JobName, QueueName } from '../../src/queue/job-names.js';
import { LaneQueue } from '../../src/queue/lane-queue.js';
import { Lanes } from '../../src/queue/lanes.js';
import { Queues } from '../../src/queue/queues.js';
import { deleteKeys, testNames } from '../helpers/test-bot.js';

describe('lanes: one drain per key, no lost wake-up, on real Redis', () => {
  let redis: Redis;
  let lanes: Lanes;
  let queues: Queues;
  const { prefix } = testNames();
  beforeAll(() => {
    redis = new Redis(inject('redisUrl'));
    lanes = new Lanes(redis, prefix, 'inbound', { leaseMs: 5000 });
    queues = new Queues(redis, `${prefix}:bull`, silentLogger());
  });
  afterAll(async () => {
    await queues.close();
    await deleteKeys(inject('redisUrl'), prefix);
    redis.disconnect();
  });

  it('queues one drain job for a burst of wake-ups while none has started', async () => {
    const wakes = new LaneQueue(lanes, queues, JobName.ProcessInbound);
    await Promise.all(Array.from({ length: 10 }, () => wakes.wake('wecom:a')));
    const waiting = await queues.queue(QueueName.Inbound).getWaiting();
    expect(waiting.filter((j) => j.data.lane === 'wecom:a')).toHaveLength(1);
    // Once the drain takes the lane and drops its waiting mark, new work queues a new job.
    const first = waiting[0];
    expect(await lanes.start('wecom:a', first?.id ?? '')).toBe(true);
    await first?.removeDeduplicationKey();
    await wakes.wake('wecom:a');
    expect(
      (await queues.queue(QueueName.Inbound).getWaiting()).filter((j) => j.data.lane === 'wecom:a'),
    ).toHaveLength(2);
  });

  it('lets one drain own a lane; a second one makes the owner look again (no lost wake-up)', async () => {
    expect(await lanes.start('wecom:b', 'owner')).toBe(true);
    // A job woken by work stored during the owner's pass finds the lane owned and ends…
    expect(await lanes.start('wecom:b', 'second')).toBe(false);
    // …and the owner drains again before letting go; then the lane is idle.
    expect(await lanes.finish('wecom:b', 'owner')).toBe('again');
    expect(await lanes.finish('wecom:b', 'owner')).toBe('done');
    expect(await redis.exists(`${prefix}:lane:inbound:wecom:b`)).toBe(0);
    // The same job id (BullMQ re-running a stalled job) takes its lane back.
    expect(await lanes.start('wecom:b', 'third')).toBe(true);
    expect(await lanes.start('wecom:b', 'third')).toBe(true);
    await lanes.release('wecom:b', 'third');
    expect(await lanes.start('wecom:b', 'fourth')).toBe(true);
  });

  it('frees a lane whose owner stopped renewing its lease', async () => {
    const short = new Lanes(redis, prefix, 'outbound', { leaseMs: 200 });
    expect(await short.start('wecom:u:d', 'owner')).toBe(true);
    expect(await short.start('wecom:u:d', 'next')).toBe(false);
    expect(await short.renew('wecom:u:d', 'owner')).toBe(true);
    await new Promise((r) => setTimeout(r, 350));
    expect(await short.start('wecom:u:d', 'next')).toBe(true);
    expect(await short.finish('wecom:u:d', 'owner')).toBe('lost');
  });
});
