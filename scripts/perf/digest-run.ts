import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { startLocalServices } from '../../src/local/local-services.js';
import { storeBackendFromEnv } from '../../src/local/mongo-local.js';
import { measureDigest } from './digest.js';
import { round } from './stats.js';

/**
 * The digest measure alone, for one size: `npx tsx scripts/perf/digest-run.ts 1000000` (under the
 * shared lock). Prints one JSON line; MALLBOT_STORE and BENCH_ROUNDS as for `npm run bench`.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
const n = Number(process.argv[2] ?? 100_000);
const rounds = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 3));
const run = `d${randomBytes(3).toString('hex')}`;
const t0 = Date.now();
const log = (m: string) => process.stderr.write(`[digest ${((Date.now() - t0) / 1000).toFixed(0)}s] ${m}\n`);
const services = await startLocalServices({
  projectRoot: ROOT,
  dataDir: resolve(ROOT, '.data', 'bench', run),
  mongodbUri: undefined,
  redisUrl: process.env.REDIS_URL,
  storeBackend: storeBackendFromEnv(process.env.MALLBOT_STORE),
});
try {
  const m = await measureDigest(`${services.mongoBaseUri}/${run}_digest`, n, rounds, log);
  process.stdout.write(
    `${JSON.stringify({
      store: services.mongoBackend,
      complaints: n,
      ratio: round(m.ratio),
      project_ms: m.projectMs.map((x) => round(x, 0)),
      bare_ms: m.bareMs.map((x) => round(x, 0)),
      week_created: m.created,
      seed_s: round(m.seedS, 1),
      duration_s: round((Date.now() - t0) / 1000, 0),
    })}\n`,
  );
} finally {
  await services.stop();
}
