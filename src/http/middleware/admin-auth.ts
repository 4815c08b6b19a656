import { timingSafeEqual } from 'node:crypto';
import type { Middleware } from 'koa';
import { AppError, AppErrorCode } from '../../lib/errors.js';
import type { AppState } from '../app-state.js';

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Bearer-token guard for /api/*. With no ADMIN_TOKEN configured, the admin API is closed. */
export const adminAuth =
  (adminToken: string | undefined): Middleware<AppState> =>
  async (ctx, next) => {
    const header = ctx.get('authorization');
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!adminToken || !given || !sameSecret(given, adminToken)) {
      throw new AppError(AppErrorCode.AUTHENTICATION_FAILED, 'a valid admin bearer token is required', {
        reason: adminToken ? 'bad_admin_token' : 'admin_api_disabled',
      });
    }
    await next();
  };
