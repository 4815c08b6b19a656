import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_DEFINITIONS } from '../../jobs/index.js';
import { runApp } from '../../src/app/run.js';
import { silentLogger } from '../../src/lib/logger.js';
import { JobName, QueueName } from '../../src/queue/job-names.js';
import { startTestBot, TEST_ADMIN_TOKEN, type TestBot } from '../helpers/test-bot.js';
import { eventually } from '../helpers/wait.js';

const recurring = JOB_DEFINITIONS.filter((d) => d.repeat)
  .map((d) => d.name)
  .sort();

describe('recurring jobs', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({});
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('restarting the service 20 times leaves exactly one scheduler per recurring job', async () => {
    expect(recurring).toContain(JobName.SweepDeadlines);
    for (let i = 0; i < 20; i++) await bot.restart();
    const q = bot.running.deps.queues.queue(QueueName.Timers);
    const schedulers = await q.getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual(recurring);
    // …and one pending run each, not one per restart.
    const delayed = await q.getJobs(['delayed', 'waiting', 'prioritized']);
    for (const name of recurring) {
      expect(delayed.filter((j) => j.name === name && j.repeatJobKey).length).toBeLessThanOrEqual(1);
    }
    const sweep = schedulers.find((s) => s.key === JobName.SweepDeadlines);
    expect(sweep).toMatchObject({ pattern: '* * * * *', tz: 'Asia/Shanghai' });
  }, 180_000);

  it('removes the scheduler of a job that no longer recurs', async () => {
    const q = bot.running.deps.queues.queue(QueueName.Timers);
    await q.upsertJobScheduler('renamed-old-job', { every: 60_000 }, { name: 'renamed-old-job' });
    await bot.restart();
    const after = bot.running.deps.queues.queue(QueueName.Timers);
    expect((await after.getJobSchedulers()).map((s) => s.key)).not.toContain('renamed-old-job');
  });
});

describe('the dev clock', () => {
  const post = (url: string, body: unknown, token = TEST_ADMIN_TOKEN) =>
    fetch(`${url}/api/dev/clock`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('does not exist without DEV_CLOCK', async () => {
    const bot = await startTestBot({});
    try {
      expect((await post(bot.url, { advanceMinutes: 5 })).status).toBe(404);
    } finally {
      await bot.close();
    }
  });

  it('moves by minutes or to a time, needs the admin token, and is shared by every process', async () => {
    const bot = await startTestBot({ env: { DEV_CLOCK: '1' } });
    const other = await runApp(
      { ...bot.config, roles: ['worker'] },
      { logger: silentLogger(), exit: () => {} },
    );
    try {
      expect((await post(bot.url, { advanceMinutes: 5 }, 'wrong-token-wrong-token')).status).toBe(401);
      expect((await post(bot.url, { advanceMinutes: 'soon' })).status).toBe(400);
      expect((await post(bot.url, { to: 'next monday' })).status).toBe(400);
      const before = Date.now();
      const r = await post(bot.url, { advanceMinutes: 180 });
      expect(r.status).toBe(200);
      const { now } = (await r.json()) as { now: string };
      const moved = new Date(now).getTime() - before;
      expect(moved).toBeGreaterThanOrEqual(180 * 60_000);
      expect(moved).toBeLessThan(181 * 60_000);
      const to = '2026-12-07T09:00:00+08:00';
      expect(await (await post(bot.url, { to })).json()).toEqual({
        now: expect.stringMatching(/^2026-12-07T01:00:0/),
      });
      // The worker process reads the offset from Redis: it sees the same time within a poll.
      await eventually(
        async () => Math.abs(other.deps.clock.now().getTime() - new Date(to).getTime()) < 5000,
        5000,
        'the other process to follow the clock',
      );
      expect(Math.abs(bot.running.deps.clock.now().getTime() - new Date(to).getTime())).toBeLessThan(5000);
      // Platform-facing code keeps real time (signed callbacks carry real timestamps).
      const get = await fetch(`${bot.url}/api/dev/clock`, {
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      });
      expect(((await get.json()) as { now: string }).now).toMatch(/^2026-12-07T01:00/);
    } finally {
      await other.close();
      await bot.close();
    }
  });

  it('is refused in production', async () => {
    const { loadConfig } = await import('../../src/config/env.js');
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        DEV_CLOCK: '1',
        MONGODB_URI: 'mongodb://x/y',
        REDIS_URL: 'redis://x',
      }),
    ).toThrow(/DEV_CLOCK cannot be set in production/);
  });
});
