import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WeComEmulator } from '../emulators/wecom/wecom-emulator.js';
import { ManualClock } from '../src/lib/clock.js';
import { silentLogger } from '../src/lib/logger.js';
import { storeBackendFromEnv } from '../src/local/mongo-local.js';
import { freePort } from '../src/local/net.js';
import { Db } from '../src/persistence/db.js';
import { PeopleRepository } from '../src/persistence/repositories/people.repository.js';
import { type CardClickResult, cardClickFaults, seedCardPeople } from './faults/card-clicks.js';
import { Cluster, httpReady, logReady, type ProcSpec } from './faults/cluster.js';
import { redisSpec, startInfra, storeSpec } from './faults/store.js';
import { sleep, Traffic } from './faults/traffic.js';
import { seedRushPeople } from './perf/rush.js';

/**
 * `npm run faults` (FAULTS_MODE=short for CI): two web, two worker and one scheduler process
 * against one store and one Redis of the suite's own, under steady chat traffic, while faults are
 * injected one after another. The last line of standard output is one JSON object; the exit code
 * is non-zero when a target does not hold. Loopback only, bounded in time, every process stopped
 * by its own pid.
 */
const ROOT = resolve(import.meta.dirname, '..');
const SHORT = process.env.FAULTS_MODE === 'short';
const RESTARTS = SHORT ? 5 : 20;
const PEOPLE = 10;
// A person sends a message every 4 s or so (15 a minute): the bot honours WeCom's 30 messages per
// member per minute by waiting, so a faster sender would build a backlog no fault caused.
const PAUSE_MS = 4000;
const run = `f${randomBytes(3).toString('hex')}`;
const dir = resolve(ROOT, '.data', 'faults', run);
const t0 = performance.now();
const log = (m: string) =>
  process.stderr.write(`[faults ${((performance.now() - t0) / 1000).toFixed(0)}s] ${m}\n`);

/**
 * The bound each fault must recover within, from the moment the service is back: the relay runs
 * every 15 s and wakes work older than its 10 s grace; BullMQ runs a dead worker's job again once
 * its 10 s lock has lapsed and the 5 s stalled-job check saw it (src/queue/worker-runner.ts).
 * recovery_ratio is the worst recovery time over its bound.
 */
const RELAY_BOUND_MS = 15_000 + 10_000;
const STALL_BOUND_MS = 10_000 + 5_000 + RELAY_BOUND_MS;

const cluster = new Cluster(resolve(dir, 'logs'), ROOT);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => process.exit(130));
const storePort = await freePort();
const redisPort = await freePort();
const store = await storeSpec(ROOT, dir, storePort, storeBackendFromEnv(process.env.MALLBOT_STORE));
const redis = redisSpec(dir, redisPort);
const emu = await new WeComEmulator({ memberLimitPerMinute: 100_000 }).start();
// Callbacks are signed here and posted by Traffic to the web processes in turn.
emu.callbackUrl = 'http://127.0.0.1/balanced';
const webPorts = [await freePort(), await freePort()];
const mongoUri = `mongodb://127.0.0.1:${storePort}/faults`;
const botEnv = (role: string, port = 0): Record<string, string> => ({
  NODE_ENV: 'production',
  ROLE: role,
  PORT: String(port),
  HOST: '127.0.0.1',
  MONGODB_URI: mongoUri,
  REDIS_URL: `redis://127.0.0.1:${redisPort}`,
  REDIS_KEY_PREFIX: run,
  LOG_LEVEL: 'info',
  SHUTDOWN_TIMEOUT_MS: '10000',
  ...emu.botEnv(),
});
const bot = (name: string, role: string, port = 0): ProcSpec => ({
  name,
  cmd: process.execPath,
  args: ['--import', 'tsx', 'src/main.ts'],
  env: botEnv(role, port),
  ready: port ? httpReady(port) : logReady('mallbot started'),
});
const roles = [
  bot('web1', 'web', webPorts[0]),
  bot('web2', 'web', webPorts[1]),
  bot('worker1', 'worker'),
  bot('worker2', 'worker'),
  bot('scheduler', 'scheduler'),
];

const recovery: Record<string, { ms: number | null; bound_ms: number }> = {};
let exitCode = 0;
try {
  await startInfra(cluster, store.spec, redis);
  await Promise.all(roles.map((r) => cluster.start(r, 90_000)));
  log(`up: store ${store.backend} :${storePort}, redis :${redisPort}, web :${webPorts.join(',')}`);
  const db = Db.open(mongoUri, silentLogger());
  await db.ready();
  // PEOPLE send steadily; two more are used only by the duplicate and clock phases and PEOPLE more
  // only for the burst, so that every person sends one message after another (the order check
  // relies on it).
  const people = new PeopleRepository(db.models, new ManualClock(Date.now()));
  const users = await seedRushPeople(people, emu, 2 * PEOPLE + 2);
  await seedCardPeople(db, emu);
  const [dupUser, skewUser] = [users[PEOPLE] ?? '', users[PEOPLE + 1] ?? ''];
  const traffic = new Traffic(emu, webPorts);
  traffic.start(users.slice(0, PEOPLE), PAUSE_MS);

  /** Runs a fault; recovery is measured from `restoredAt` (returned by `inject`). */
  const phase = async (name: string, bound: number, inject: () => Promise<number>) => {
    log(`fault: ${name}`);
    const restoredAt = await inject();
    const done = await traffic.answeredUpTo(users, restoredAt + 500, bound * 2);
    recovery[name] = { ms: done === undefined ? null : Math.max(0, done - restoredAt), bound_ms: bound };
    log(`  recovered in ${recovery[name]?.ms ?? 'never'} ms (bound ${bound})`);
  };

  await sleep(4000);
  await phase('worker killed mid-job', STALL_BOUND_MS, async () => {
    await cluster.stop('worker1', 'SIGKILL');
    await sleep(1000);
    await cluster.restart('worker1');
    return Date.now();
  });
  for (const secs of SHORT ? [3] : [3, 10]) {
    await phase(`redis stopped ${secs} s`, RELAY_BOUND_MS, async () => {
      await cluster.stop('redis');
      await sleep(secs * 1000);
      await cluster.restart('redis');
      return Date.now();
    });
  }
  await phase('store stopped during a burst', RELAY_BOUND_MS, async () => {
    const burst = Promise.all(users.slice(PEOPLE + 2).map((u) => traffic.send(u)));
    await sleep(200);
    await cluster.stop('store');
    await sleep(4000);
    await cluster.restart('store');
    const at = Date.now();
    await burst;
    return at;
  });
  await phase('duplicates in parallel and spaced like retries', RELAY_BOUND_MS, async () => {
    const u = dupUser;
    const sent: { tag: string; k: number; cb: Parameters<Traffic['post']>[0] }[] = [];
    for (let i = 0; i < 5; i++) {
      const m = traffic.next(u);
      // Three copies at once, to both web processes.
      const statuses = await Promise.all([traffic.post(m.cb), traffic.post(m.cb), traffic.post(m.cb)]);
      if (statuses.includes(200)) traffic.acked.set(m.tag, { user: u, k: m.k, at: Date.now() });
      else traffic.unacked.add(m.tag);
      sent.push(m);
      await sleep(300);
    }
    // The same deliveries again, spaced as WeCom retries a request it got no answer to in time.
    for (const wait of [2000, 5000]) {
      await sleep(wait);
      for (const m of sent) await traffic.post(m.cb);
    }
    return Date.now();
  });
  // Card clicks need the store to read back what the clicks did; the phase's recovery is that of
  // the steady traffic around it.
  let cardClicks: CardClickResult | undefined;
  await phase('card clicks doubled, after close and reversed', RELAY_BOUND_MS, async () => {
    cardClicks = await cardClickFaults({ emu, post: (cb) => traffic.post(cb), db }, SHORT ? 2 : 5);
    return Date.now();
  });
  await db.close();
  await phase('skewed clocks and replays', RELAY_BOUND_MS, async () => {
    const u = skewUser;
    const now = Math.floor(Date.now() / 1000);
    await traffic.send(u, { timestamp: now + 200 });
    await traffic.send(u, { timestamp: now - 200 });
    // Outside the replay window: refused (401) on every attempt, never stored.
    const skewed = traffic.next(u, { timestamp: now + 400 });
    for (let i = 0; i < 4; i++) await traffic.post(skewed.cb);
    // Replays of an acknowledged delivery: the same callback again, and an old copy.
    const replay = await traffic.send(u);
    await traffic.post(replay.cb);
    const old = emu.textCallback(u, `发绑定码 Qreplay`, { timestamp: now - 600, msgId: '1' });
    await traffic.post(old);
    return Date.now();
  });
  await phase('SIGTERM under load', RELAY_BOUND_MS, async () => {
    await Promise.all([cluster.stop('web1', 'SIGTERM'), cluster.stop('worker2', 'SIGTERM')]);
    await Promise.all([cluster.restart('web1'), cluster.restart('worker2')]);
    return Date.now();
  });
  await phase(`service restarted ${RESTARTS} times`, RELAY_BOUND_MS, async () => {
    const order = ['web1', 'worker1', 'web2', 'worker2', 'scheduler'];
    for (let i = 0; i < RESTARTS; i++) {
      const name = order[i % order.length] ?? 'web1';
      await cluster.stop(name, 'SIGTERM');
      await cluster.restart(name);
    }
    return Date.now();
  });

  await traffic.stop();
  const end = Date.now();
  const finished = await traffic.answeredUpTo(users, end, 60_000);
  if (finished === undefined) log('some acknowledged messages were never answered');

  // Verdict.
  const replies = traffic.replies(users);
  let effects = 0;
  for (const tag of traffic.acked.keys()) effects += replies.get(tag) ?? 0;
  const db2 = Db.open(mongoUri, silentLogger());
  await db2.ready();
  const storedTexts = new Set<string>();
  for (const coll of ['inbound_events', 'inbound_archive']) {
    for await (const row of db2.conn.collection(coll).find({}, { projection: { 'event.message.text': 1 } })) {
      const text = (row.event as { message?: { text?: string } } | undefined)?.message?.text ?? '';
      const tag = /Q([0-9a-z]+)/.exec(text)?.[1];
      if (tag) storedTexts.add(tag);
    }
  }
  await db2.close();
  const ackedNotStored = [...traffic.acked.keys()].filter((t) => !storedTexts.has(t)).length;
  const worst = Math.max(
    ...Object.values(recovery).map((r) => (r.ms === null ? Number.POSITIVE_INFINITY : r.ms / r.bound_ms)),
  );
  const unique = traffic.acked.size;
  const result = {
    mode: SHORT ? 'short' : 'full',
    store: store.backend,
    deliveries: traffic.deliveries,
    unique_deliveries: unique,
    effects_per_unique_delivery: Number((effects / Math.max(1, unique)).toFixed(3)),
    acked_not_stored: ackedNotStored,
    order_violations: traffic.orderViolations(users),
    recovery_ratio: Number.isFinite(worst) ? Number(worst.toFixed(2)) : null,
    recovery,
    refused_401: traffic.refused,
    not_acknowledged: traffic.unacked.size,
    // Replies to messages that were refused (skewed, replayed) or never sent: must be none.
    stray_replies: [...replies.keys()].filter((t) => !traffic.acked.has(t) && !traffic.unacked.has(t)).length,
    card_clicks: cardClicks ?? null,
    processes: { web: 2, worker: 2, scheduler: 1 },
    duration_s: Math.round((performance.now() - t0) / 1000),
  };
  const ok =
    unique >= (SHORT ? 60 : 200) &&
    result.effects_per_unique_delivery === 1 &&
    result.acked_not_stored === 0 &&
    result.order_violations === 0 &&
    result.stray_replies === 0 &&
    cardClicks !== undefined &&
    cardClicks.extra_effects === 0 &&
    result.recovery_ratio !== null &&
    result.recovery_ratio <= 1.5;
  exitCode = ok ? 0 : 1;
  process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (e) {
  log(`suite error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  exitCode = 1;
  process.stdout.write(`${JSON.stringify({ error: String(e) })}\n`);
} finally {
  await cluster.stopAll();
  await emu.stop();
  store.pg?.drop();
  if (exitCode === 0) rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);
