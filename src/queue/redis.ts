import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../lib/logger.js';

/**
 * Redis connections. Producers (the web role, caches) fail fast so a webhook can answer and the
 * outbox relay catches up later; workers wait out blips (`maxRetriesPerRequest: null`, which BullMQ
 * requires for blocking connections).
 */
export type RedisKind = 'producer' | 'worker';

export const createRedis = (url: string, kind: RedisKind, logger: Logger, name: string): Redis => {
  const opts: RedisOptions =
    kind === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : {
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          connectTimeout: 2000,
          commandTimeout: 2000,
        };
  const redis = new Redis(url, {
    ...opts,
    connectionName: name,
    lazyConnect: false,
    retryStrategy: (times) => Math.min(times * 200, 3000),
  });
  let lastLogged = 0;
  redis.on('error', (err: Error) => {
    // ioredis emits an error per reconnect attempt; keep the log readable.
    if (Date.now() - lastLogged > 5000) {
      lastLogged = Date.now();
      logger.warn({ connection: name, err: err.message }, 'redis error');
    }
  });
  return redis;
};

/** PING with a deadline; false when Redis does not answer in time. */
export const pingRedis = async (redis: Redis, timeoutMs = 1000): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      redis.ping().then((r) => r === 'PONG'),
      new Promise<boolean>((r) => {
        timer = setTimeout(() => r(false), timeoutMs);
      }),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
};
