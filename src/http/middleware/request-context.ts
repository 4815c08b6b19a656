import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from '../../lib/logger.js';
import type { AppState } from '../app-state.js';

const REQUEST_ID_RE = /^[A-Za-z0-9._-]{1,64}$/;

/** Gives every request an id (kept from `x-request-id` when sane) and a child logger carrying it. */
export const requestContext =
  (logger: Logger): Middleware<AppState> =>
  async (ctx, next) => {
    const given = ctx.get('x-request-id');
    const requestId = REQUEST_ID_RE.test(given) ? given : randomUUID();
    ctx.state.requestId = requestId;
    ctx.state.log = logger.child({ reqId: requestId });
    ctx.set('x-request-id', requestId);
    const started = performance.now();
    try {
      await next();
    } finally {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      // 503 is "not ready / store away": an availability signal, not a fault of this code.
      const level = ctx.status >= 500 && ctx.status !== 503 ? 'error' : ctx.status >= 400 ? 'warn' : 'info';
      // The path only: webhook query strings carry signatures and nonces.
      ctx.state.log[level]({ method: ctx.method, path: ctx.path, status: ctx.status, ms }, 'request');
    }
  };
