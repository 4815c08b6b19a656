import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WeComEmulator } from '../../emulators/wecom/wecom-emulator.js';
import { PROBE_REPLY, probeText, seedRushPeople } from '../../scripts/perf/rush.js';
import { recipientLane } from '../../src/persistence/repositories/outbox.repository.js';
import { QueueName } from '../../src/queue/job-names.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { eventually, sleep } from '../helpers/wait.js';

/** Deliver-outbox jobs in any state (a direct answer makes none). */
const outboundJobs = async (bot: TestBot): Promise<number> => {
  const counts = await bot.running.deps.queues
    .queue(QueueName.Outbound)
    .getJobCounts('completed', 'failed', 'delayed', 'waiting', 'active', 'prioritized');
  return Object.values(counts).reduce((a, b) => a + b, 0);
};

const answers = (emu: WeComEmulator, user: string, after: number): string[] =>
  emu
    .inbox(user)
    .filter((m) => m.seq > after)
    .map((m) => PROBE_REPLY.exec(m.text ?? '')?.[1]?.toLowerCase() ?? '?');

describe('the answer to a message goes out from the drain that handled it (one queue hop less)', () => {
  let bot: TestBot;
  let emu: WeComEmulator;
  let users: string[];
  beforeAll(async () => {
    // One quick retry inside the client, so a failing send surfaces to the delivery.
    bot = await startTestBot({
      wecom: { memberLimitPerMinute: 1000 },
      overrides: { wecomRetryDelaysMs: [50] },
    });
    emu = bot.wecom as WeComEmulator;
    users = await seedRushPeople(bot.running.deps.repos.people, emu, 3);
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('sends the answer without a deliver-outbox job when the sender’s lane is idle', async () => {
    const [u] = users as [string];
    const after = emu.lastSeq(u);
    await emu.deliver(emu.textCallback(u, probeText('d1')));
    await emu.waitForMessage(u, (m) => PROBE_REPLY.test(m.text ?? ''), 15_000, after);
    expect(answers(emu, u, after)).toEqual(['d1']);
    expect(await outboundJobs(bot)).toBe(0);
    await eventually(
      async () => (await bot.running.deps.repos.outbox.count({ status: 'sent' })) === 1,
      5000,
      'marked sent',
    );
    // The lane is left idle for the next drain.
    expect(
      await bot.running.deps.lanes.outbound.lanes.start(
        recipientLane({ platform: 'wecom', userId: u }),
        'probe',
      ),
    ).toBe(true);
    await bot.running.deps.lanes.outbound.lanes.release(
      recipientLane({ platform: 'wecom', userId: u }),
      'probe',
    );
  });

  it('leaves the answer to the lane’s owner when another drain is sending to that person, in order', async () => {
    const [, u] = users as [string, string];
    const deps = bot.running.deps;
    const lane = recipientLane({ platform: 'wecom', userId: u });
    const after = emu.lastSeq(u);
    // Another drain (a job in another process, say) owns the person's lane.
    expect(await deps.lanes.outbound.lanes.start(lane, 'other-drain')).toBe(true);
    await emu.deliver(emu.textCallback(u, probeText('b1')));
    await emu.deliver(emu.textCallback(u, probeText('b2')));
    await sleep(1500);
    expect(answers(emu, u, after)).toEqual([]);
    // The owner was told to look again: finishing its pass says so, and it hands the lane on.
    expect(await deps.lanes.outbound.lanes.finish(lane, 'other-drain')).toBe('again');
    await deps.lanes.outbound.handOff(lane, 'other-drain');
    await emu.waitFor(() => (answers(emu, u, after).length >= 2 ? true : undefined), 15_000, 'answers');
    expect(answers(emu, u, after)).toEqual(['b1', 'b2']);
  });

  it('hands a failed direct send to a job that retries it, and the answer arrives once', async () => {
    const [, , u] = users as [string, string, string];
    const after = emu.lastSeq(u);
    const jobsBefore = await outboundJobs(bot);
    emu.state.failNext('/message/send', -1, 2);
    await emu.deliver(emu.textCallback(u, probeText('f1')));
    await emu.waitForMessage(u, (m) => PROBE_REPLY.test(m.text ?? ''), 20_000, after);
    await sleep(500);
    expect(answers(emu, u, after)).toEqual(['f1']);
    expect(await outboundJobs(bot)).toBeGreaterThan(jobsBefore);
    const row = await bot.running.deps.db.models.Outbox.findOne({ toUserId: u }).lean();
    expect(row?.status).toBe('sent');
    expect(row?.attempts).toBeGreaterThanOrEqual(1);
  });
});

describe('a direct answer over the per-member limit waits in a delayed job instead of being dropped', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({
      wecom: { memberLimitPerMinute: 1, memberWindowMs: 1500 },
      overrides: { wecomMemberLimit: { limit: 1, windowMs: 1600 } },
    });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('sends the first answer directly and the second after the window, both in order', async () => {
    const emu = bot.wecom as WeComEmulator;
    const [u] = (await seedRushPeople(bot.running.deps.repos.people, emu, 1)) as [string];
    const after = emu.lastSeq(u);
    const t0 = Date.now();
    await emu.deliver(emu.textCallback(u, probeText('r1')));
    await emu.deliver(emu.textCallback(u, probeText('r2')));
    await emu.waitFor(() => (answers(emu, u, after).length >= 2 ? true : undefined), 20_000, 'answers');
    expect(answers(emu, u, after)).toEqual(['r1', 'r2']);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1400);
    expect(emu.state.dropped.filter((d) => d.user === u)).toHaveLength(0);
    // The wait was a job's (moved to delayed), not a drain sleeping in the inbound worker.
    expect(await outboundJobs(bot)).toBeGreaterThan(0);
  });
});
