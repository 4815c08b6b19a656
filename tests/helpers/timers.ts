import type { mongo } from 'mongoose';
import type { ClaimResult, DeadlineKind, DueRef } from '../../src/deadlines/deadline-kind.js';
import type { MessageBatch } from '../../src/outbound/message-batch.js';
import { QueueName } from '../../src/queue/job-names.js';
import { TEST_ADMIN_TOKEN, type TestBot } from './test-bot.js';
import { sleep } from './wait.js';

/** Moves the bot's dev clock through the real HTTP route; returns the new time. */
export const moveClock = async (
  bot: TestBot,
  body: { advanceMinutes: number } | { to: string },
): Promise<Date> => {
  const res = await fetch(`${bot.url}/api/dev/clock`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`dev clock answered ${res.status}: ${await res.text()}`);
  const { now } = (await res.json()) as { now: string };
  return new Date(now);
};

/**
 * Waits until the timer and outbound queues are idle and no outbox row is pending, twice in a
 * row (a sweep queues item jobs, which queue sends). The scheduler's own next run is ignored.
 */
export const settle = async (bot: TestBot, timeoutMs = 20_000): Promise<void> => {
  const deps = bot.running.deps;
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  let last = '';
  while (Date.now() < deadline) {
    const t = await deps.queues.queue(QueueName.Timers).getJobCounts('waiting', 'active', 'prioritized');
    const o = await deps.queues
      .queue(QueueName.Outbound)
      .getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    const pending = await deps.repos.outbox.count({ status: 'pending' });
    const busy =
      Object.values(t).reduce((a, b) => a + b, 0) + Object.values(o).reduce((a, b) => a + b, 0) + pending;
    quiet = busy === 0 ? quiet + 1 : 0;
    last = JSON.stringify({ timers: t, outbound: o, pending });
    if (pending > 0) {
      const rows = await deps.db.models.Outbox.find(
        { status: 'pending' },
        { key: 1, toUserId: 1, attempts: 1, lastError: 1 },
      ).lean();
      last += JSON.stringify(rows.map((r) => [r.key, r.toUserId, r.attempts, r.lastError]));
    }
    if (quiet >= 3) return;
    await sleep(150);
  }
  throw new Error(`timers did not settle: ${last}`);
};

/** A row of the test-only deadline collection. */
export interface TestItem {
  _id: string;
  /** The next step's due time (the indexed deadline field). */
  dueAt?: Date;
  /** Steps after the first, in minutes after the previous one. */
  nextSteps: number[];
  /** Due times of the steps claimed so far (ms), which makes a rerun recognise its own claim. */
  claimed: number[];
  userId: string;
}

/**
 * A deadline kind used only by tests, over a real collection (`test_deadlines`): each step sends
 * one text to `userId`. `beforeNotify` lets a test stop a worker between the claim and the
 * messages (the window where a death must not lose or double the message).
 */
export class TestDeadlineKind implements DeadlineKind<{ item: TestItem; dueAt: number }> {
  readonly name = 'test-steps';
  beforeNotify: (() => Promise<void>) | undefined;
  notified = 0;

  constructor(public items: mongo.Collection<TestItem>) {}

  async findDue(now: Date, limit: number): Promise<DueRef[]> {
    const rows = await this.items
      .find({ dueAt: { $lte: now } })
      .sort({ dueAt: 1 })
      .limit(limit)
      .toArray();
    return rows.flatMap((r) => (r.dueAt ? [{ id: r._id, dueAt: r.dueAt }] : []));
  }

  async claim(ref: DueRef, _now: Date): Promise<ClaimResult<{ item: TestItem; dueAt: number }>> {
    const due = ref.dueAt.getTime();
    const row = await this.items.findOne({ _id: ref.id });
    if (!row) return { outcome: 'gone' };
    if (row.claimed.includes(due)) return { outcome: 'reclaimed', step: { item: row, dueAt: due } };
    const nextIn = row.nextSteps[0];
    const r = await this.items.updateOne(
      { _id: ref.id, dueAt: ref.dueAt },
      {
        ...(nextIn !== undefined
          ? { $set: { dueAt: new Date(due + nextIn * 60_000), nextSteps: row.nextSteps.slice(1) } }
          : { $unset: { dueAt: 1 } }),
        $push: { claimed: due },
      },
    );
    return r.modifiedCount === 1
      ? { outcome: 'claimed', step: { item: row, dueAt: due } }
      : { outcome: 'gone' };
  }

  async notify(s: { item: TestItem; dueAt: number }, batch: MessageBatch): Promise<void> {
    const hook = this.beforeNotify;
    if (hook) await hook();
    this.notified++;
    batch.to(
      { platform: 'wecom', userId: s.item.userId },
      {
        type: 'text',
        text: `提醒 ${s.item._id} 第${s.item.claimed.length + 1}步 @${new Date(s.dueAt).toISOString()}`,
      },
    );
  }
}
