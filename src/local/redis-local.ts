import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnOwned } from './child.js';
import { freePort, redisAnswers, waitUntil } from './net.js';
import { which } from './which.js';

export interface LocalRedis {
  readonly url: string;
  /** True when this process started the server (and will stop it). */
  readonly owned: boolean;
  stop(): Promise<void>;
}

export const REDIS_INSTALL_HINT =
  'Redis is required and none answers on 127.0.0.1:6379. Install it with ' +
  '`sudo apt-get install -y redis-server` (Debian/Ubuntu) or `brew install redis` (macOS), ' +
  'or set REDIS_URL to a running Redis.';

/**
 * Uses the Redis on 127.0.0.1:6379 when it answers; otherwise starts `redis-server` from PATH on a
 * free port with its data in `dataDir`.
 */
export const startLocalRedis = async (dataDir: string): Promise<LocalRedis> => {
  if (await redisAnswers(6379)) {
    return { url: 'redis://127.0.0.1:6379', owned: false, stop: async () => {} };
  }
  const bin = which('redis-server');
  if (!bin) throw new Error(REDIS_INSTALL_HINT);
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const proc = spawnOwned(
    bin,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', ''],
    join(dir, 'redis.log'),
  );
  await waitUntil(() => redisAnswers(port), 15_000, 'redis-server');
  return { url: `redis://127.0.0.1:${port}`, owned: true, stop: () => proc.stop() };
};
