import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** A short mutual-exclusion lock per key, shared by every worker process through Redis. */
export class KeyedLock {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs = 60_000,
  ) {}

  /** Returns a release function, or undefined when someone else holds the lock. */
  async tryAcquire(key: string): Promise<(() => Promise<void>) | undefined> {
    const token = randomUUID();
    const k = `${this.prefix}:${key}`;
    const ok = await this.redis.set(k, token, 'PX', this.ttlMs, 'NX');
    if (ok !== 'OK') return undefined;
    return async () => {
      await this.redis.eval(RELEASE, 1, k, token);
    };
  }
}
