import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { startLocalServices } from '../../src/local/local-services.js';
import { storeBackendFromEnv } from '../../src/local/mongo-local.js';
import { measureHeap } from './heap.js';
import { round } from './stats.js';

/**
 * The heap measure alone (`heap_per_ticket_ratio`): `npx tsx scripts/perf/heap-run.ts 10000`
 * (under the shared lock). Prints one JSON line; MALLBOT_STORE and BENCH_ROUNDS as for
 * `npm run bench`. The heap figures do not depend on the machine's load, only on the code.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
const n = Number(process.argv[2] ?? 10_000);
const rounds = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 3));
const run = `h${randomBytes(3).toString('hex')}`;
const t0 = Date.now();
const services = await startLocalServices({
  projectRoot: ROOT,
  dataDir: resolve(ROOT, '.data', 'bench', run),
  mongodbUri: undefined,
  redisUrl: process.env.REDIS_URL,
  storeBackend: storeBackendFromEnv(process.env.MALLBOT_STORE),
});
try {
  const m = await measureHeap(ROOT, `${services.mongoBaseUri}/${run}_heap`, n, rounds);
  process.stdout.write(
    `${JSON.stringify({
      store: services.mongoBackend,
      tickets: n,
      heap_per_ticket_ratio: round(m.ratio),
      project_bytes: round(m.projectBytes, 0),
      plain_bytes: round(m.plainBytes, 0),
      plain_dates_bytes: round(m.plainDatesBytes, 0),
      duration_s: round((Date.now() - t0) / 1000, 0),
    })}\n`,
  );
} finally {
  await services.stop();
}
