import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script sent once and then called by its SHA-1 (EVALSHA), as Redis recommends for scripts
 * run often: the hot path sends a 40-byte digest instead of the script's text.
 */
export class RedisScript {
  private readonly sha: string;

  constructor(private readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  /** Runs by SHA-1, loading the text on a NOSCRIPT answer (a restarted or flushed Redis). */
  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (e) {
      if (!(e instanceof Error && e.message.startsWith('NOSCRIPT'))) throw e;
      return redis.eval(this.lua, keys.length, ...keys, ...args);
    }
  }
}
