import type { Redis } from 'ioredis';
import { RedisScript } from '../queue/redis-script.js';

const RESERVE = new RedisScript(`
local key = KEYS[1]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local n = redis.call('ZCARD', key)
if n < limit then
  redis.call('ZADD', key, now, ARGV[4])
  redis.call('PEXPIRE', key, window)
  return 0
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`);

/**
 * A sliding-window limiter per recipient, shared by all workers through Redis. Platforms drop
 * messages over their limits without an error (WeCom 30/min/member, PROTOCOLS.md pitfall 14), so
 * the sender waits instead: `reserve` returns 0 (go) or how many ms to wait.
 */
export class RecipientRateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  async reserve(recipient: string, ticket: string, nowMs: number = Date.now()): Promise<number> {
    const waitMs = await RESERVE.run(
      this.redis,
      [`${this.keyPrefix}:${recipient}`],
      [nowMs, this.windowMs, this.limit, `${ticket}:${nowMs}`],
    );
    return Number(waitMs);
  }
}
