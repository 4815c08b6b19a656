import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WeComEmulator } from '../../emulators/wecom/wecom-emulator.js';
import { relayOutboxJob } from '../../jobs/relay-outbox.job.js';
import { Intake } from '../../src/inbound/intake.js';
import { silentLogger } from '../../src/lib/logger.js';
import { freePort } from '../../src/local/net.js';
import { recipientLane } from '../../src/persistence/repositories/outbox.repository.js';
import type { InboundEvent } from '../../src/platforms/inbound-event.js';
import { JobName } from '../../src/queue/job-names.js';
import { LaneQueue } from '../../src/queue/lane-queue.js';
import { Lanes } from '../../src/queue/lanes.js';
import { Queues } from '../../src/queue/queues.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { eventually } from '../helpers/wait.js';

const textEvent = (dedupeKey: string, userId: string, text: string): InboundEvent => ({
  platform: 'wecom',
  dedupeKey,
  kind: 'message',
  userId,
  at: new Date().toISOString(),
  conversation: { type: 'direct', id: userId },
  message: { type: 'text', text },
});

describe('BullMQ on real Redis', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ wecom: { users: ['q1', 'q2'] } });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('enqueues a job and a worker processes it', async () => {
    const deps = bot.running.deps;
    const r = await deps.intake.accept(textEvent('msg:q-1', 'q1', '你好'));
    expect(r.status).toBe('stored');
    await eventually(
      async () => (await deps.db.models.InboundEvent.findById(r.id).lean())?.status === 'done',
      15_000,
      'processed',
    );
    const emu = bot.wecom as WeComEmulator;
    await emu.waitForMessage('q1', () => true);
  });

  it('loses nothing when Redis is away at intake: the event is stored and the relay enqueues it later', async () => {
    const deps = bot.running.deps;
    const deadPort = await freePort();
    const dead = new Redis(`redis://127.0.0.1:${deadPort}`, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      lazyConnect: true,
    });
    dead.on('error', () => {});
    const offlineQueues = new Queues(dead, deps.queues.prefix, silentLogger());
    const offlineLanes = new LaneQueue(
      new Lanes(dead, bot.prefix, 'inbound'),
      offlineQueues,
      JobName.ProcessInbound,
    );
    const intake = new Intake(deps.repos.inbound, offlineLanes, silentLogger());
    const r = await intake.accept(textEvent('msg:q-2', 'q2', '停电了'));
    expect(r.status).toBe('stored');
    const row = await deps.db.models.InboundEvent.findById(r.id).lean();
    expect(row?.status).toBe('received');
    await offlineQueues.close();
    dead.disconnect();

    // Redis is back: the relay (normally every 15 s on the scheduler) finds the row.
    await deps.db.models.InboundEvent.updateOne(
      { _id: r.id },
      { $set: { receivedAt: new Date(Date.now() - 60_000) } },
    );
    await relayOutboxJob.handle({}, { deps, job: {} as never, token: undefined, logger: silentLogger() });
    await eventually(
      async () => (await deps.db.models.InboundEvent.findById(r.id).lean())?.status === 'done',
      15_000,
      'processed after relay',
    );
    await (bot.wecom as WeComEmulator).waitForMessage('q2', () => true);
  });

  it('answers 503 (and stores nothing) when Mongo is away, so the platform retries', async () => {
    const emu = bot.wecom as WeComEmulator;
    const deps = bot.running.deps;
    await deps.db.conn.close();
    try {
      const res = await emu.deliver(emu.textCallback('q1', '商场漏水'), { retries: 0 });
      expect(res.status).toBe(503);
    } finally {
      await deps.db.ready();
    }
  });
});

describe('the relay and exhausted sends', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ wecom: { users: ['r1'] } });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('wakes a recipient again after their drain exhausted its attempts, so the message still goes out', async () => {
    const deps = bot.running.deps;
    const emu = bot.wecom as WeComEmulator;
    const [id] = await deps.repos.outbox.addMany([
      {
        key: 'relay-1',
        to: { platform: 'wecom', userId: 'r1' },
        message: { type: 'text', text: '终会送达' },
      },
    ]);
    // A drain that has used up its attempts while WeCom was failing (one attempt here, for speed).
    emu.state.failNext('/message/send', -1, 3);
    const lane = recipientLane({ platform: 'wecom', userId: 'r1' });
    const jobId = deps.lanes.outbound.lanes.newJobId(lane);
    await deps.queues.add(JobName.DeliverOutbox, { lane }, { jobId, attempts: 1 });
    await eventually(
      async () => (await deps.queues.queue('outbound').getJob(jobId))?.isFailed(),
      15_000,
      'job failed',
    );
    expect(await deps.repos.outbox.count({ status: 'pending', toUserId: 'r1' })).toBe(1);
    // WeCom is back; the relay finds the pending row and wakes the recipient's lane (released by
    // the failed drain, so a new drain starts at once).
    await deps.db.models.Outbox.updateOne(
      { _id: id },
      { $set: { createdAt: new Date(Date.now() - 60_000) } },
    );
    await relayOutboxJob.handle({}, { deps, job: {} as never, token: undefined, logger: silentLogger() });
    await emu.waitForMessage('r1', (m) => m.text === '终会送达');
    await eventually(
      async () => (await deps.repos.outbox.count({ status: 'sent', toUserId: 'r1' })) === 1,
      5000,
      'row marked sent',
    );
  });
});
