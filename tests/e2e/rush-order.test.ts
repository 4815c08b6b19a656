import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WeComEmulator } from '../../emulators/wecom/wecom-emulator.js';
import { runRush, seedRushPeople } from '../../scripts/perf/rush.js';
import { QueueName } from '../../src/queue/job-names.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

describe('a rush: many people, several messages each, at the same moment', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ wecom: { memberLimitPerMinute: 1000 } });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('answers every message once, each person in order, with one drain at a time and no polling', async () => {
    const emu = bot.wecom as WeComEmulator;
    const deps = bot.running.deps;
    const users = await seedRushPeople(deps.repos.people, emu, 8);
    // Store round trips on the hot path (issue 13): counted per collection and call.
    const ops = new Map<string, number>();
    mongoose.set('debug', (coll: string, method: string) => {
      ops.set(`${coll}.${method}`, (ops.get(`${coll}.${method}`) ?? 0) + 1);
    });
    const r = await runRush(emu, users, 4, 'o', 45_000).finally(() => mongoose.set('debug', false));
    expect(r.timedOut).toBe(0);
    expect(r.latencies).toHaveLength(32);
    expect(r.orderViolations).toBe(0);
    // Exactly one reply per message, nothing doubled.
    for (const u of users) expect(emu.inbox(u)).toHaveLength(4);
    // No event waited by being re-queued with a delay (the old ordering polled every 250 ms),
    // and far fewer drain jobs ran than messages arrived when people type in quick succession.
    const inbound = deps.queues.queue(QueueName.Inbound);
    const counts = await inbound.getJobCounts('completed', 'failed', 'delayed', 'waiting', 'active');
    expect(counts.delayed).toBe(0);
    expect(counts.failed).toBe(0);
    expect(counts.completed).toBeGreaterThan(0);
    expect(counts.completed).toBeLessThanOrEqual(32);
    // Every event is done and has left its lane.
    expect(await deps.repos.inbound.count({ status: 'done' })).toBe(32);
    expect(await deps.db.models.InboundEvent.countDocuments({ lane: { $exists: true } })).toBe(0);
    expect(await deps.repos.outbox.count({ status: 'sent' })).toBe(32);
    // At most 8 store round trips per message (event stored, lane read, identity, person, reply
    // stored, event done, outbox lane read, reply sent); front-desk staff cannot be on a patrol,
    // so no patrol lookup (it was a ninth for every staff message).
    const perMessage = [...ops.values()].reduce((a, b) => a + b, 0) / 32;
    expect([...ops.keys()].filter((k) => k.startsWith('patrols.'))).toEqual([]);
    expect(perMessage).toBeLessThanOrEqual(8.25);
  });
});
