import type Router from '@koa/router';
import Koa from 'koa';
import { AppError, AppErrorCode } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { AppState } from './app-state.js';
import { errorHandler } from './middleware/error-handler.js';
import { requestContext } from './middleware/request-context.js';

export interface CreateAppOptions {
  readonly logger: Logger;
  readonly routers: readonly Router<AppState>[];
  /** Trust X-Forwarded-* (only behind a proxy you run). */
  readonly proxy?: boolean;
}

/**
 * Builds the Koa app in a fixed middleware order (request context, error handler, routes). It
 * never listens: the web role calls `listen`, tests drive `app.callback()` or a loopback port.
 */
export const createApp = (opts: CreateAppOptions): Koa<AppState> => {
  const app = new Koa<AppState>({ proxy: opts.proxy ?? false });
  app.silent = true; // errors are logged once, by the error handler
  app.use(requestContext(opts.logger));
  app.use(errorHandler());
  for (const router of opts.routers) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  app.use((ctx) => {
    if (ctx.status === 404 && ctx.body === undefined) {
      throw new AppError(AppErrorCode.NOT_FOUND, `no route for ${ctx.method} ${ctx.path}`, {
        reason: 'no_route',
      });
    }
  });
  return app;
};
