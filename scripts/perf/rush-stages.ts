import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type Profiler, Session } from 'node:inspector/promises';
import { resolve } from 'node:path';
import { type Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { WeComEmulator } from '../../emulators/wecom/wecom-emulator.js';
import { runApp } from '../../src/app/run.js';
import { loadConfig } from '../../src/config/env.js';
import { systemClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import { startLocalMongo } from '../../src/local/mongo-local.js';
import { Db } from '../../src/persistence/db.js';
import { PeopleRepository } from '../../src/persistence/repositories/people.repository.js';
import { QueueName } from '../../src/queue/job-names.js';
import { freePort } from '../../tests/helpers/free-port.js';
import { selfCpuMs, treeCpuMs } from './cpu.js';
import { runRush, seedRushPeople } from './rush.js';
import { percentile, round } from './stats.js';

/**
 * Where one rush's reply time goes: `npx tsx scripts/perf/rush-stages.ts [people] [perPerson]`
 * (default 50 x 1, the bench's and issue 13's rush; RUSH_STORE=postgresql|sqlite, default
 * postgresql). Runs the whole bot in this process, then splits every message's reply time into
 * stages from what the run left behind: the inbound row (stored), the drain jobs' BullMQ times
 * (queued, started), the outbox row (reply stored, sent) and the emulator's inbox (received).
 * Also counts store round trips and the time spent in them (command monitoring), per collection
 * and command. Add `node --cpu-prof` for a CPU profile. Prints one JSON line.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const people = Number(process.argv[2] ?? 50);
const perPerson = Number(process.argv[3] ?? 1);
const run = randomBytes(3).toString('hex');
const mongo = await startLocalMongo(
  ROOT,
  resolve(ROOT, '.data', 'rush', run),
  (process.env.RUSH_STORE ?? 'postgresql') as 'sqlite' | 'postgresql',
);
const prefix = `stages${run}`;
const emu = await new WeComEmulator({ memberLimitPerMinute: 1000 }).start();
const botEnv = {
  NODE_ENV: 'test',
  MONGODB_URI: `${mongo.baseUri}/${prefix}?monitorCommands=true`,
  REDIS_URL,
  REDIS_KEY_PREFIX: prefix,
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
  ...emu.botEnv(),
};
/**
 * RUSH_PROCESSES: `one` (default; the bot in this process with the emulator and the load, as
 * `npm run bench` and `npm run rush` run it), `bot` (the whole bot in a process of its own), or
 * `split` (a web process and a worker+scheduler process, the two cores each busy).
 */
const MODE = process.env.RUSH_PROCESSES ?? 'one';
const app =
  MODE === 'one'
    ? await runApp(loadConfig({ ...botEnv, PORT: '0' }), { logger: silentLogger(), exit: () => {} })
    : undefined;
const children: ChildProcess[] = [];
let url = app?.url ?? '';
if (!app) {
  const port = await freePort();
  for (const role of MODE === 'split' ? ['web', 'worker,scheduler'] : ['web,worker,scheduler']) {
    children.push(
      spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'src', 'main.ts')], {
        cwd: ROOT,
        env: { ...process.env, ...botEnv, ROLE: role, PORT: role.startsWith('web') ? String(port) : '0' },
        stdio: 'ignore',
      }),
    );
  }
  url = `http://127.0.0.1:${port}`;
}
const db = app?.deps.db ?? Db.open(botEnv.MONGODB_URI, silentLogger());
await db.ready();
const queueRedis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const queueOf = (q: QueueName): Queue =>
  app?.deps.queues.queue(q) ?? new Queue(q, { connection: queueRedis, prefix: `${prefix}:bull` });
for (let i = 0; ; i++) {
  const up = await fetch(`${url}/healthz`).then(
    (r) => r.ok,
    () => false,
  );
  const workers = (await queueOf(QueueName.Outbound).getWorkers()).length;
  if (up && workers > 0) break;
  if (i > 300) throw new Error('bot did not start');
  await new Promise((r) => setTimeout(r, 100));
}
emu.callbackUrl = `${url}/webhooks/wecom`;
const users = await seedRushPeople(
  app?.deps.repos.people ?? new PeopleRepository(db.models, systemClock),
  emu,
  people,
);

// Store round trips during the rush: count and time per collection.command.
const ops = new Map<string, { n: number; ms: number }>();
let inFlight = 0;
let maxInFlight = 0;
const client = db.conn.getClient();
client.on('commandStarted', () => {
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
});
const count = (e: { commandName: string; duration: number; reply?: unknown }, coll: string) => {
  inFlight--;
  const k = `${coll}.${e.commandName}`;
  const o = ops.get(k) ?? { n: 0, ms: 0 };
  o.n++;
  o.ms += e.duration;
  ops.set(k, o);
};
const collOf = new Map<number, string>();
client.on('commandStarted', (e) => {
  const c = (e.command as Record<string, unknown>)[e.commandName];
  collOf.set(e.requestId, typeof c === 'string' ? c : '-');
});
client.on('commandSucceeded', (e) => count(e, collOf.get(e.requestId) ?? '-'));
client.on('commandFailed', (e) => count(e, collOf.get(e.requestId) ?? '-'));
const mongooseOps = new Map<string, number>();
mongoose.set('debug', (coll: string, method: string) => {
  mongooseOps.set(`${coll}.${method}`, (mongooseOps.get(`${coll}.${method}`) ?? 0) + 1);
});

// RUSH_WARMUP=1: one rush first, unmeasured (a fresh process compiles and optimises as it goes).
if (process.env.RUSH_WARMUP === '1') {
  await runRush(emu, users, perPerson, 'w', 90_000);
  await new Promise((r) => setTimeout(r, 1000));
  ops.clear();
  mongooseOps.clear();
  maxInFlight = 0;
}
// RUSH_CPU_PROF=1: a CPU profile of this process over the rush alone, summed by where the time went.
const profiler = process.env.RUSH_CPU_PROF ? new Session() : undefined;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
const redis0 = await redisCalls(queueRedis);
const store0 = treeCpuMs(mongo.pid);
const pg0 = postgresCpuMs();
const node0 = selfCpuMs();
const bot0 = children.reduce((a, c) => a + treeCpuMs(c.pid), 0);
const wall0 = Date.now();
const r = await runRush(emu, users, perPerson, 'a', 90_000);
const storeCpuMs = treeCpuMs(mongo.pid) - store0;
const redis1 = await redisCalls(queueRedis);
const redisCallsDuring = redis1.total - redis0.total - 1;
const redisByCommand = Object.fromEntries(
  [...redis1.by.entries()]
    .map(([k, v]) => [k, v - (redis0.by.get(k) ?? 0)] as const)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12),
);
const pgCpuMs = postgresCpuMs() - pg0;
const nodeCpuMs = selfCpuMs() - node0;
const botCpuMs = children.reduce((a, c) => a + treeCpuMs(c.pid), 0) - bot0;
const rawProfile = profiler ? (await profiler.post('Profiler.stop')).profile : undefined;
const cpuProfile = rawProfile ? summarise(rawProfile) : undefined;
if (rawProfile && process.env.RUSH_CPU_PROF?.endsWith('.cpuprofile'))
  writeFileSync(process.env.RUSH_CPU_PROF, JSON.stringify(rawProfile));
mongoose.set('debug', false);

// A reply is in the inbox before its row is marked sent: wait (bounded) for the marks.
for (let i = 0; i < 50 && (await db.conn.collection('outbox').countDocuments({ status: 'pending' })) > 0; i++)
  await new Promise((r) => setTimeout(r, 100));
// Per message, from what the run left behind (perPerson 1: one event, one reply per person).
const inbound = await db.conn
  .collection('inbound_events')
  .find(
    { receivedAt: { $gte: new Date(wall0) } },
    { projection: { 'event.userId': 1, receivedAt: 1, processedAt: 1 } },
  )
  .toArray();
const outbox = await db.conn
  .collection('outbox')
  .find({ createdAt: { $gte: new Date(wall0) } }, { projection: { toUserId: 1, createdAt: 1, sentAt: 1 } })
  .toArray();
const jobs = async (q: QueueName): Promise<Job[]> =>
  ((await queueOf(q).getJobs(['completed'], 0, 5000)).filter(Boolean) as Job[]).filter(
    (j) => j.timestamp >= wall0,
  );
const laneJob = (js: Job[], user: string) =>
  js.find(
    (j) => String((j.data as { lane?: string }).lane ?? '').endsWith(user) && j.returnvalue !== 'skipped',
  );
const retried = async (q: QueueName) => {
  const done = await jobs(q);
  const failed = (await queueOf(q).getJobs(['failed', 'delayed'], 0, 1000)).filter(Boolean) as Job[];
  return {
    retried: done.filter((j) => j.attemptsMade > 1 || (j.attemptsStarted ?? 0) > 1 || Boolean(j.failedReason))
      .length,
    failed_or_delayed: failed.length,
    reasons: [...new Set([...done, ...failed].map((j) => j.failedReason).filter(Boolean))].slice(0, 3),
  };
};
const jobRetries = { inbound: await retried(QueueName.Inbound), outbound: await retried(QueueName.Outbound) };
const inJobs = await jobs(QueueName.Inbound);
const outJobs = await jobs(QueueName.Outbound);
const sentAt = new Map<string, number>();
for (const u of users) sentAt.set(u, wall0);
const stages: Record<string, number[]> = {
  webhook_to_stored: [],
  inbound_queue_wait: [],
  handling_to_reply_stored: [],
  outbound_queue_wait: [],
  send_to_marked_sent: [],
  total: [],
};
const push = (k: string, v: number | undefined) => {
  if (v !== undefined && Number.isFinite(v)) stages[k]?.push(v);
};
for (const u of users) {
  const ev = inbound.find((x) => (x.event as { userId?: string } | undefined)?.userId === u);
  const ob = outbox.find((x) => x.toUserId === u);
  const ij = laneJob(inJobs, u);
  const oj = laneJob(outJobs, u);
  const got = emu.inbox(u).at(-1)?.at;
  const t0 = sentAt.get(u) ?? wall0;
  const rec = (ev?.receivedAt as Date | undefined)?.getTime();
  push('webhook_to_stored', rec !== undefined ? rec - t0 : undefined);
  push('inbound_queue_wait', ij?.processedOn !== undefined ? ij.processedOn - ij.timestamp : undefined);
  push(
    'handling_to_reply_stored',
    ij?.processedOn !== undefined && ob ? (ob.createdAt as Date).getTime() - ij.processedOn : undefined,
  );
  push('outbound_queue_wait', oj?.processedOn !== undefined ? oj.processedOn - oj.timestamp : undefined);
  push(
    'send_to_marked_sent',
    oj?.processedOn !== undefined && ob?.sentAt instanceof Date
      ? ob.sentAt.getTime() - oj.processedOn
      : undefined,
  );
  push('total', got !== undefined ? got - t0 : undefined);
}
const summary = Object.fromEntries(
  Object.entries(stages).map(([k, xs]) => [
    k,
    { n: xs.length, p50: round(percentile(xs, 50), 0), p95: round(percentile(xs, 95), 0) },
  ]),
);
const messages = people * perPerson;
const storeOps = [...ops.values()].reduce((a, b) => a + b.n, 0);
const storeMs = [...ops.values()].reduce((a, b) => a + b.ms, 0);
process.stdout.write(
  `${JSON.stringify({
    store: mongo.backend,
    rush: `${people}x${perPerson}`,
    answered: r.latencies.length,
    p50_ms: round(percentile(r.latencies, 50), 0),
    p95_ms: round(percentile(r.latencies, 95), 0),
    last_ms: r.wallMs,
    stages: summary,
    job_retries: jobRetries,
    store_round_trips_per_message: round(storeOps / messages, 2),
    store_ms_per_message: round(storeMs / messages, 1),
    store_max_in_flight: maxInFlight,
    // Every client of this Redis counts (the server is shared): read it on a quiet machine.
    // Commands run inside Lua scripts (BullMQ's, the lanes') count too.
    redis_commands_per_message: round(redisCallsDuring / messages, 1),
    redis_commands: redisByCommand,
    store_cpu_ms: Math.round(storeCpuMs),
    postgres_cpu_ms: Math.round(pgCpuMs),
    processes: MODE,
    node_cpu_ms: Math.round(nodeCpuMs),
    ...(children.length > 0 ? { bot_processes_cpu_ms: Math.round(botCpuMs) } : {}),
    store_ops: Object.fromEntries(
      [...ops.entries()]
        .sort((a, b) => b[1].ms - a[1].ms)
        .map(([k, v]) => [k, { n: v.n, ms: Math.round(v.ms) }]),
    ),
    mongoose_calls: Object.fromEntries(mongooseOps),
    ...(cpuProfile ? { node_cpu_profile: cpuProfile } : {}),
  })}\n`,
);
await db.conn.dropDatabase().catch(() => {});
if (app) await app.close();
for (const c of children) {
  c.kill('SIGTERM');
  await new Promise((r) => c.once('exit', r));
}
if (!app) await db.close();
queueRedis.disconnect();
await emu.stop();
const redis = new Redis(REDIS_URL);
const keys = await redis.keys(`${prefix}:*`);
if (keys.length > 0) await redis.del(...keys);
redis.disconnect();
await mongo.stop();
process.exit(0);

/** CPU ms of every process named `postgres` (the server FerretDB's PostgreSQL backend uses). */
function postgresCpuMs(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += ((Number(f[11]) + Number(f[12])) * 1000) / 100;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** Self time of a CPU profile by area (the package or project folder of each frame), in ms. */
function summarise(p: Profiler.Profile): Record<string, number> {
  const dt = new Map<number, number>();
  const samples = p.samples ?? [];
  const deltas = p.timeDeltas ?? [];
  samples.forEach((id, i) => {
    dt.set(id, (dt.get(id) ?? 0) + (deltas[i] ?? 0));
  });
  const areas = new Map<string, number>();
  for (const n of p.nodes) {
    const us = dt.get(n.id) ?? 0;
    if (us === 0) continue;
    const url = n.callFrame.url;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
    const own = /\/wt-[^/]+\/([^/]+(?:\/[^/]+)?)/.exec(url)?.[1];
    const area = pkg
      ? `pkg:${pkg}`
      : own
        ? `src:${own}`
        : url.startsWith('node:')
          ? `node:${url.slice(5).split('/')[0]}`
          : `(${n.callFrame.functionName || 'native'})`;
    areas.set(area, (areas.get(area) ?? 0) + us / 1000);
  }
  return Object.fromEntries(
    [...areas.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([k, v]) => [k, Math.round(v)]),
  );
}

/** Commands the Redis server has run so far by name (INFO commandstats, every client). */
async function redisCalls(r: Redis): Promise<{ total: number; by: Map<string, number> }> {
  const info = await r.info('commandstats');
  const by = new Map<string, number>();
  for (const m of info.matchAll(/cmdstat_([a-z|_-]+):calls=(\d+)/g)) by.set(m[1] ?? '', Number(m[2]));
  return { total: [...by.values()].reduce((a, b) => a + b, 0), by };
}
