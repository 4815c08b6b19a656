import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_DEFINITIONS } from '../../jobs/index.js';
import type { DeadlineKind } from '../../src/deadlines/deadline-kind.js';
import { JobName, QueueName } from '../../src/queue/job-names.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { eventually } from '../helpers/wait.js';

/**
 * A job definition's own options (JobDefinition.opts: retries, backoff) are what its jobs run
 * with, whoever adds them; the caller's options still win where given.
 */
describe('job options from the job definitions', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot?.close();
  });

  it("every add carries its definition's retries and backoff, under the caller's options", async () => {
    const deps = bot.running.deps;
    for (const d of JOB_DEFINITIONS) {
      if (!d.opts) continue;
      expect(deps.queues.optionsFor(d.name, { jobId: 'x' })).toMatchObject({ ...d.opts, jobId: 'x' });
    }
    expect(deps.queues.optionsFor(JobName.SweepExpired, { jobId: 'y', attempts: 3 }).attempts).toBe(3);
  });

  it("a failing deadline step added without options is retried with its definition's backoff, then succeeds", async () => {
    const deps = bot.running.deps;
    let calls = 0;
    const flaky: DeadlineKind<null> = {
      name: 'test-flaky',
      findDue: async () => [],
      async claim() {
        calls++;
        if (calls === 1) throw new Error('store hiccup');
        return { outcome: 'gone' };
      },
      notify: async () => {},
    };
    deps.timers.registry.register(flaky);
    await deps.queues.add(
      JobName.RunDeadline,
      { kind: 'test-flaky', itemId: 'a', dueAt: 1 },
      { jobId: 'flaky-a' },
    );
    const job = await deps.queues.queue(QueueName.Timers).getJob('flaky-a');
    expect(job?.opts.attempts).toBe(5);
    expect(job?.opts.backoff).toEqual({ type: 'exponential', delay: 2000 });
    const done = await eventually(
      async () => {
        const j = await deps.queues.queue(QueueName.Timers).getJob('flaky-a');
        return j && (await j.isCompleted()) ? j : undefined;
      },
      20_000,
      'the retried step',
    );
    expect(done.attemptsMade).toBeGreaterThanOrEqual(1);
    expect(calls).toBe(2);
  });
});
