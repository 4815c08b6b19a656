import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { Types } from 'mongoose';
import type { Running } from '../../src/app/run.js';
import { JobName, QueueName } from '../../src/queue/job-names.js';
import { deleteKeys } from './bench-env.js';

/** Bytes Redis holds under a key prefix: `MEMORY USAGE … SAMPLES 0` (every element counted) of each key. */
export const redisBytes = async (redis: Redis, prefix: string): Promise<{ bytes: number; keys: number }> => {
  let cursor = '0';
  let bytes = 0;
  let keys = 0;
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (batch.length === 0) continue;
    const p = redis.pipeline();
    for (const k of batch) p.call('MEMORY', 'USAGE', k, 'SAMPLES', '0');
    for (const [err, v] of (await p.exec()) ?? []) if (!err) bytes += Number(v ?? 0);
    keys += batch.length;
  } while (cursor !== '0');
  return { bytes, keys };
};

/**
 * Pending approval reminders as the project keeps them: the next rung's due time in the approval's
 * indexed `remindAt` field (MongoDB), found by the one recurring sweep. `n` of them, due in the
 * next days, written through the driver.
 */
export const seedReminders = async (bot: Running, n: number, tag: string): Promise<void> => {
  const col = bot.deps.db.conn.collection('approvals');
  const now = Date.now();
  for (let s = 0; s < n; s += 2000) {
    await col.insertMany(
      Array.from({ length: Math.min(2000, n - s) }, (_, j) => {
        const i = s + j;
        return {
          _id: new Types.ObjectId(),
          number: `SP${tag}${String(i).padStart(7, '0')}`,
          sourceKey: `bench-rem-${tag}-${i}`,
          type: 'goods_release',
          status: 'pending',
          requesterId: new Types.ObjectId(),
          channel: { platform: 'wecom', userId: `tenant-${i}`, conversationId: '' },
          steps: [{ role: 'assistant', status: 'pending' }],
          currentStep: 0,
          remindAt: new Date(now + 3600_000 + (i % 1000) * 60_000),
          escalationLevel: 0,
          version: 0,
          createdAt: new Date(now),
          updatedAt: new Date(now),
        };
      }),
      { ordered: false },
    );
  }
};

/** Runs the project's deadline sweep once (as the scheduler's timer would) and waits for it. */
const sweepOnce = async (bot: Running, id: string): Promise<void> => {
  await bot.deps.queues.add(JobName.SweepDeadlines, {}, { jobId: id, attempts: 1 });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const job = await bot.deps.queues.queue(QueueName.Timers).getJob(id);
    if (!job || (await job.isCompleted()) || (await job.isFailed())) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the deadline sweep did not run within 60 s');
};

/**
 * `redis_bytes_per_reminder_ratio`, one round: Redis bytes per pending reminder in the project
 * (everything under the bot's key prefix, with `n` reminders pending in MongoDB and the sweep
 * having run) against one bare BullMQ delayed job per reminder (everything under a prefix of its
 * own: the jobs, the delayed set, the queue's meta and event stream).
 */
export const measureReminderBytes = async (opts: {
  readonly redis: Redis;
  readonly bot: Running;
  readonly botPrefix: string;
  readonly barePrefix: string;
  readonly n: number;
  readonly round: number;
}): Promise<{ project: number; bare: number; projectKeys: number; bareKeys: number }> => {
  await sweepOnce(opts.bot, `bench-sweep-${opts.round}`);
  const project = await redisBytes(opts.redis, opts.botPrefix);
  const queue = new Queue('reminders', { connection: opts.redis, prefix: opts.barePrefix });
  const now = Date.now();
  for (let s = 0; s < opts.n; s += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, opts.n - s) }, (_, j) => {
        const i = s + j;
        return {
          name: 'approval-step',
          data: { approvalId: new Types.ObjectId().toString(), stepIndex: 0, level: 0 },
          opts: { delay: 3600_000 + (i % 1000) * 60_000 - (Date.now() - now) },
        };
      }),
    );
  }
  const bare = await redisBytes(opts.redis, opts.barePrefix);
  await queue.obliterate({ force: true }).catch(() => {});
  await queue.close();
  await deleteKeys(opts.redis, opts.barePrefix);
  return {
    project: project.bytes / opts.n,
    bare: bare.bytes / opts.n,
    projectKeys: project.keys,
    bareKeys: bare.keys,
  };
};
