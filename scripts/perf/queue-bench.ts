import { performance } from 'node:perf_hooks';
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { silentLogger } from '../../src/lib/logger.js';
import { type AnyJobDefinition, JobStatus } from '../../src/queue/job-definition.js';
import { JobName, QueueName } from '../../src/queue/job-names.js';
import { Queues } from '../../src/queue/queues.js';
import { startWorkers } from '../../src/queue/worker-runner.js';

/** `n` calls of `one`, `inFlight` at a time; returns calls per second. */
const rate = async (n: number, inFlight: number, one: (i: number) => Promise<unknown>): Promise<number> => {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let i = next++; i < n; i = next++) await one(i);
    }),
  );
  return (n * 1000) / (performance.now() - t0);
};

/** Adds per second: the project's typed `Queues.add` (its defaults, a job id) against a bare add. */
export const measureAdd = async (
  producer: Redis,
  prefix: string,
  n: number,
  bareFirst: boolean,
): Promise<{ project: number; bare: number }> => {
  const queues = new Queues(producer, `${prefix}:qa`, silentLogger());
  const bare = new Queue('bare-add', { connection: producer, prefix: `${prefix}:qb` });
  const runProject = () =>
    rate(n, 20, (i) => queues.add(JobName.DeliverOutbox, { lane: `wecom:u:${i}` }, { jobId: `p-${i}` }));
  const runBare = () => rate(n, 20, (i) => bare.add('x', { lane: `wecom:u:${i}` }, { jobId: `b-${i}` }));
  const bareEarly = bareFirst ? await runBare() : 0;
  const project = await runProject();
  const bareRate = bareFirst ? bareEarly : await runBare();
  await queues.queue(QueueName.Outbound).obliterate({ force: true });
  await bare.obliterate({ force: true });
  await queues.close();
  await bare.close();
  return { project: project, bare: bareRate };
};

const noop = (name: JobName): AnyJobDefinition<unknown> => ({
  name,
  schema: z.object({}).passthrough(),
  handle: async () => JobStatus.Success,
});

/** Runs `n` queued jobs to completion; returns jobs per second. */
const drainRate = async (
  start: () => Worker[],
  count: () => number,
  n: number,
): Promise<{ rate: number; workers: Worker[] }> => {
  const t0 = performance.now();
  const workers = start();
  while (count() < n) await new Promise((r) => setTimeout(r, 5));
  return { rate: (n * 1000) / (performance.now() - t0), workers };
};

/**
 * Jobs per second through the project's worker wrapper (payload check, dispatch by name, status,
 * error mapping) against a bare no-op BullMQ worker, same concurrency, jobs queued beforehand.
 */
export const measureWorker = async (
  producer: Redis,
  workerConn: Redis,
  prefix: string,
  n: number,
): Promise<{ project: number; bare: number }> => {
  const pPrefix = `${prefix}:wp`;
  const bPrefix = `${prefix}:wb`;
  const queues = new Queues(producer, pPrefix, silentLogger());
  const timers = queues.queue(QueueName.Timers);
  await timers.addBulk(
    Array.from({ length: n }, () => ({
      name: JobName.RelayOutbox,
      data: {},
      opts: { removeOnComplete: true },
    })),
  );
  let done = 0;
  const project = await drainRate(
    () => {
      const ws = startWorkers({
        deps: {},
        definitions: Object.values(JobName).map(noop),
        connection: workerConn,
        prefix: pPrefix,
        logger: silentLogger(),
        concurrency: { inbound: 16, outbound: 16, timers: 16 },
      });
      for (const w of ws) w.on('completed', () => done++);
      return ws;
    },
    () => done,
    n,
  );
  await Promise.all(project.workers.map((w) => w.close()));
  const bareQueue = new Queue('bare-work', { connection: producer, prefix: bPrefix });
  await bareQueue.addBulk(
    Array.from({ length: n }, () => ({ name: 'x', data: {}, opts: { removeOnComplete: true } })),
  );
  let bareDone = 0;
  const bare = await drainRate(
    () => {
      const w = new Worker('bare-work', async () => 'ok', {
        connection: workerConn,
        prefix: bPrefix,
        concurrency: 16,
      });
      w.on('completed', () => bareDone++);
      return [w];
    },
    () => bareDone,
    n,
  );
  await Promise.all(bare.workers.map((w) => w.close()));
  await timers.obliterate({ force: true });
  await bareQueue.obliterate({ force: true });
  await bareQueue.close();
  await queues.close();
  return { project: project.rate, bare: bare.rate };
};
