import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { WeComEmulator } from '../emulators/wecom/wecom-emulator.js';
import { runApp } from '../src/app/run.js';
import { loadConfig } from '../src/config/env.js';
import { silentLogger } from '../src/lib/logger.js';
import { startLocalMongo } from '../src/local/mongo-local.js';
import { selfCpuMs, treeCpuMs } from './perf/cpu.js';
import { mean, percentile, runRush, seedRushPeople } from './perf/rush.js';
import { seedVolume } from './perf/volume.js';

/**
 * `npm run rush`: the three rushes of issue 13 against the whole bot in this process (web,
 * workers, scheduler) on an embedded store of its own: 14 people x 5 messages, 50 x 1, and 14 x 1
 * with 20 000 inbound events and 20 000 outbox rows stored. Prints one JSON line per rush.
 */
const ROOT = resolve(import.meta.dirname, '..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const VOLUME = Number(process.env.RUSH_VOLUME ?? 20_000);
const run = randomBytes(3).toString('hex');
const mongo = await startLocalMongo(
  ROOT,
  resolve(ROOT, '.data', 'rush', run),
  (process.env.RUSH_STORE ?? 'sqlite') as 'sqlite' | 'postgresql',
);

const scenario = async (name: string, people: number, perPerson: number, volume: number) => {
  const prefix = `rush${run}${name}`;
  const emu = await new WeComEmulator({ memberLimitPerMinute: 1000 }).start();
  const config = loadConfig({
    NODE_ENV: 'test',
    MONGODB_URI: `${mongo.baseUri}/${prefix}`,
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    PORT: '0',
    HOST: '127.0.0.1',
    ...emu.botEnv(),
  });
  const app = await runApp(config, { logger: silentLogger(), exit: () => {} });
  emu.callbackUrl = `${app.url}/webhooks/wecom`;
  const users = await seedRushPeople(app.deps.repos.people, emu, people);
  if (volume > 0) await seedVolume(app.deps.db, volume);
  const ops = new Map<string, number>();
  mongoose.set('debug', (coll: string, method: string) => {
    ops.set(`${coll}.${method}`, (ops.get(`${coll}.${method}`) ?? 0) + 1);
  });
  const store0 = treeCpuMs(mongo.pid);
  const node0 = selfCpuMs();
  const r = await runRush(emu, users, perPerson, 'a', 90_000);
  const out = {
    rush: name,
    store: mongo.backend,
    people,
    perPerson,
    stored: volume,
    answered: r.latencies.length,
    timedOut: r.timedOut,
    meanMs: Math.round(mean(r.latencies)),
    p95Ms: Math.round(percentile(r.latencies, 95)),
    lastMs: r.wallMs,
    msgPerS: Number(((r.latencies.length * 1000) / r.wallMs).toFixed(1)),
    orderViolations: r.orderViolations,
    storeCpuMs: Math.round(treeCpuMs(mongo.pid) - store0),
    nodeCpuMs: Math.round(selfCpuMs() - node0),
    storeOpsPerMessage: Number(
      ([...ops.values()].reduce((a, b) => a + b, 0) / (people * perPerson)).toFixed(2),
    ),
    ops: Object.fromEntries(ops),
  };
  mongoose.set('debug', false);
  process.stdout.write(`${JSON.stringify(out)}\n`);
  await app.deps.db.conn.dropDatabase().catch(() => {});
  await app.close();
  await emu.stop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
};

const only = process.env.RUSH_ONLY;
if (!only || only === '14x5') await scenario('14x5', 14, 5, 0);
if (!only || only === '50x1') await scenario('50x1', 50, 1, 0);
if (!only || only === '14x1v') await scenario('14x1v', 14, 1, VOLUME);
await mongo.stop();
process.exit(0);
