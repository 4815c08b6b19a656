import type { Redis } from 'ioredis';
import type { Middleware } from 'koa';
import ratelimit from 'koa-ratelimit';
import { AppError, AppErrorCode } from '../../lib/errors.js';
import type { AppState } from '../app-state.js';

export interface AdminRateLimitOptions {
  readonly redis: Redis;
  /** Redis key prefix of this deployment. */
  readonly prefix: string;
  readonly perMinute: number;
}

/**
 * Limits /api/* per client address before authentication, so the bearer token cannot be guessed
 * at line speed and a flood cannot reach the handlers. It is koa-ratelimit's sliding window in
 * Redis (one Lua script per request), shared by every web process. It is mounted on the admin
 * routes only: the platforms' signed callbacks are never throttled (a refused callback is a lost
 * message), and their own signature checks are cheap. Over the limit: 429 with Retry-After; Redis
 * away: 503, so the admin API fails closed.
 */
export const adminRateLimit = (o: AdminRateLimitOptions): Middleware<AppState> => {
  const limiter = ratelimit({
    driver: 'redis',
    db: o.redis,
    duration: 60_000,
    max: o.perMinute,
    namespace: `${o.prefix}:ratelimit:admin`,
    id: (ctx) => ctx.ip || 'unknown',
  });
  return async (ctx, next) => {
    let passed = false;
    try {
      await limiter(ctx, async () => {
        passed = true;
        await next();
      });
    } catch (e) {
      if (passed) throw e; // the route's own error
      throw new AppError(AppErrorCode.UNAVAILABLE, 'rate limiter unavailable; retry later', {
        reason: 'rate_limiter_unavailable',
        cause: e,
      });
    }
    if (!passed) {
      throw new AppError(AppErrorCode.RATE_LIMITED, 'too many requests; retry later', {
        reason: 'admin_rate_limited',
      });
    }
  };
};
