import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Clock } from '../lib/clock.js';

export interface FetchedToken {
  readonly token: string;
  readonly expiresInS: number;
}

export interface SharedTokenCacheOptions {
  readonly redis: Redis;
  /** Redis key of the cached token (one per app). */
  readonly key: string;
  readonly fetch: () => Promise<FetchedToken>;
  readonly clock: Clock;
  /** Refresh this long before the platform's expiry (PROTOCOLS.md pitfall 9: ~5 min). */
  readonly earlyRefreshS?: number;
  readonly lockMs?: number;
}

const RELEASE_LOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const DELETE_IF_EQUAL = RELEASE_LOCK;

/**
 * An access token shared by every process through Redis, refreshed by exactly one caller at a
 * time (an in-process single flight plus a Redis lock across processes). Invalidation is
 * compare-and-delete, so a burst of 40014/42001 failures on the same stale token triggers one
 * refresh, not one per failing call.
 */
export class SharedTokenCache {
  private inflight: Promise<string> | undefined;
  private readonly early: number;
  private readonly lockMs: number;
  /** How many times the platform's token endpoint was called from this process. */
  fetches = 0;

  constructor(private readonly o: SharedTokenCacheOptions) {
    this.early = o.earlyRefreshS ?? 300;
    this.lockMs = o.lockMs ?? 10_000;
  }

  async get(): Promise<string> {
    const cached = await this.o.redis.get(this.o.key);
    if (cached) return cached;
    this.inflight ??= this.refresh().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Drops the cached token only if it is still `badToken` (someone may have refreshed it). */
  async invalidate(badToken: string): Promise<void> {
    await this.o.redis.eval(DELETE_IF_EQUAL, 1, this.o.key, badToken);
  }

  private async refresh(): Promise<string> {
    const lockKey = `${this.o.key}:lock`;
    const me = randomUUID();
    const deadline = Date.now() + this.lockMs * 3;
    while (Date.now() < deadline) {
      const got = await this.o.redis.set(lockKey, me, 'PX', this.lockMs, 'NX');
      if (got === 'OK') {
        try {
          const again = await this.o.redis.get(this.o.key);
          if (again) return again;
          this.fetches++;
          const fresh = await this.o.fetch();
          const ttlMs = Math.max(1000, (fresh.expiresInS - this.early) * 1000);
          await this.o.redis.set(this.o.key, fresh.token, 'PX', ttlMs);
          return fresh.token;
        } finally {
          await this.o.redis.eval(RELEASE_LOCK, 1, lockKey, me).catch(() => {});
        }
      }
      // Another process is refreshing: wait for its token to appear.
      await new Promise((r) => setTimeout(r, 50));
      const theirs = await this.o.redis.get(this.o.key);
      if (theirs) return theirs;
    }
    throw new Error(`could not obtain a token for ${this.o.key} (lock held too long)`);
  }
}
