import type { Middleware } from 'koa';
import { AppErrorCode, asAppError } from '../../lib/errors.js';
import type { AppState } from '../app-state.js';

/**
 * First middleware after the request context: the one place that turns errors into responses.
 * Known errors keep their status and (when exposed) message; unknown ones become a bare 500.
 */
export const errorHandler = (): Middleware<AppState> => async (ctx, next) => {
  try {
    await next();
  } catch (thrown) {
    const err = asAppError(thrown);
    ctx.status = err.status;
    ctx.body = { code: err.code, message: err.expose ? err.message : 'internal error' };
    const fields = { code: err.code, reason: err.reason ?? err.code.toLowerCase() };
    if (err.code === AppErrorCode.UNKNOWN || err.status >= 500) {
      ctx.state.log.error({ ...fields, err: thrown }, err.message);
    } else {
      ctx.state.log.warn(fields, err.message);
    }
  }
};
