import { type Job, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { WeComEmulator } from '../../emulators/wecom/wecom-emulator.js';
import { JOB_DEFINITIONS } from '../../jobs/index.js';
import { silentLogger } from '../../src/lib/logger.js';
import { QueueName } from '../../src/queue/job-names.js';
import { createRedis } from '../../src/queue/redis.js';
import { checkDefinitions } from '../../src/queue/worker-runner.js';
import { deleteKeys, startTestBot, type TestBot } from '../helpers/test-bot.js';
import { moveClock, settle, TestDeadlineKind, type TestItem } from '../helpers/timers.js';
import { eventually, sleep } from '../helpers/wait.js';

const USER = 'dl-user';
const texts = (emu: WeComEmulator) => emu.texts(USER).filter((t) => t.startsWith('提醒 '));

describe('deadlines in MongoDB, woken by BullMQ (a test-only kind over a real collection)', () => {
  let bot: TestBot;
  let kind: TestDeadlineKind;
  let emu: WeComEmulator;
  const start = '2026-11-30T10:00:00+08:00';

  beforeAll(async () => {
    bot = await startTestBot({ wecom: { users: [USER] }, env: { DEV_CLOCK: '1' } });
    emu = bot.wecom as WeComEmulator;
    kind = new TestDeadlineKind(bot.running.deps.db.conn.collection<TestItem>('test_deadlines'));
    attach();
    await kind.items.createIndex({ dueAt: 1 });
    await moveClock(bot, { to: start });
    await settle(bot);
  });
  afterAll(async () => {
    await bot?.close();
  });

  /** Registers the kind with the running process (again after a restart). */
  const attach = () => {
    kind.items = bot.running.deps.db.conn.collection<TestItem>('test_deadlines');
    bot.running.deps.timers.registry.register(kind);
  };
  const restart = async () => {
    await bot.restart();
    attach();
  };

  const add = (id: string, dueAt: string, nextSteps: number[] = []) =>
    kind.items.insertOne({ _id: id, dueAt: new Date(dueAt), nextSteps, claimed: [], userId: USER });

  it('sends each step once, at its time, however often the sweep runs', async () => {
    await add('a', '2026-11-30T11:00:00+08:00', [60 * 24, 60 * 24 * 7]);
    await moveClock(bot, { advanceMinutes: 59 });
    await settle(bot);
    expect(texts(emu)).toEqual([]);
    await moveClock(bot, { advanceMinutes: 1 });
    await settle(bot);
    // The sweep again, twice at once, and the item job itself again: nothing new.
    const deps = bot.running.deps;
    await Promise.all([deps.timers.deadlines.sweep(), deps.timers.deadlines.sweep()]);
    await deps.timers.deadlines.run(kind.name, { id: 'a', dueAt: new Date('2026-11-30T11:00:00+08:00') });
    await settle(bot);
    expect(texts(emu)).toEqual(['提醒 a 第1步 @2026-11-30T03:00:00.000Z']);
    // A day later the second step, a week after that the third; nothing in between.
    await moveClock(bot, { advanceMinutes: 60 * 24 });
    await settle(bot);
    await moveClock(bot, { advanceMinutes: 60 * 24 * 6 });
    await settle(bot);
    expect(texts(emu)).toHaveLength(2);
    await moveClock(bot, { advanceMinutes: 60 * 24 });
    await settle(bot);
    expect(texts(emu)).toEqual([
      '提醒 a 第1步 @2026-11-30T03:00:00.000Z',
      '提醒 a 第2步 @2026-12-01T03:00:00.000Z',
      '提醒 a 第3步 @2026-12-08T03:00:00.000Z',
    ]);
    expect((await kind.items.findOne({ _id: 'a' }))?.dueAt).toBeUndefined();
  });

  it('loses nothing and doubles nothing when Redis is flushed between sweeps', async () => {
    const deps = bot.running.deps;
    const now = deps.clock.now();
    await add('b', new Date(now.getTime() + 5 * 60_000).toISOString());
    // Workers stop; the sweep queues the job; then Redis loses everything of this deployment.
    await Promise.all(bot.running.workers.map((w) => w.close()));
    await moveClock(bot, { advanceMinutes: 5 });
    await deps.timers.deadlines.sweep();
    expect(await deps.queues.queue(QueueName.Timers).getJobCounts('waiting')).toMatchObject({
      waiting: expect.any(Number),
    });
    await deleteKeys(inject('redisUrl'), bot.prefix);
    await restart(); // fresh workers; the dev clock offset was flushed too, so set it again
    await moveClock(bot, { to: new Date(now.getTime() + 5 * 60_000).toISOString() });
    await settle(bot);
    expect(texts(emu).filter((t) => t.startsWith('提醒 b '))).toHaveLength(1);
    // Flushed again after sending: the item is no longer due, so the next sweep sends nothing.
    await deleteKeys(inject('redisUrl'), bot.prefix);
    await restart();
    await moveClock(bot, { to: new Date(now.getTime() + 6 * 60_000).toISOString() });
    await settle(bot);
    expect(texts(emu).filter((t) => t.startsWith('提醒 b '))).toHaveLength(1);
  });

  it('sends exactly once when the worker dies between the claim and the messages', async () => {
    const deps = bot.running.deps;
    const now = deps.clock.now();
    // Only our two workers below take timer jobs in this test (the bot's still send messages).
    await Promise.all(bot.running.workers.filter((w) => w.name === QueueName.Timers).map((w) => w.close()));
    let entered!: () => void;
    const claimedAndDying = new Promise<void>((r) => {
      entered = r;
    });
    kind.beforeNotify = async () => {
      kind.beforeNotify = undefined; // only the first attempt dies
      entered();
      await new Promise<never>(() => {}); // a killed process never comes back
    };
    const defs = checkDefinitions(JOB_DEFINITIONS);
    const processor = async (job: Job, token?: string) => {
      const def = defs.get(job.name);
      if (!def) throw new Error(`no job ${job.name}`);
      return def.handle(def.schema.parse(job.data), { deps, job, token, logger: silentLogger() });
    };
    const conn = () => createRedis(inject('redisUrl'), 'worker', silentLogger(), 'test-worker');
    const opts = { prefix: deps.queues.prefix, concurrency: 1 };
    const dying = new Worker(QueueName.Timers, processor, {
      ...opts,
      connection: conn(),
      lockDuration: 1000,
    });
    await add('c', new Date(now.getTime() + 60_000).toISOString());
    await moveClock(bot, { advanceMinutes: 1 });
    await claimedAndDying;
    expect((await kind.items.findOne({ _id: 'c' }))?.claimed).toHaveLength(1);
    await dying.close(true); // stops renewing the job lock, like a dead process
    const survivor = new Worker(QueueName.Timers, processor, {
      ...opts,
      connection: conn(),
      lockDuration: 5000,
      stalledInterval: 300,
    });
    try {
      await eventually(
        async () => texts(emu).some((t) => t.startsWith('提醒 c ')),
        70_000,
        'the step after the death',
      );
      await sleep(500);
      expect(texts(emu).filter((t) => t.startsWith('提醒 c '))).toHaveLength(1);
      expect((await kind.items.findOne({ _id: 'c' }))?.claimed).toHaveLength(1);
    } finally {
      await survivor.close();
    }
  }, 120_000);
});
