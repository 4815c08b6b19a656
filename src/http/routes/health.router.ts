import Router from '@koa/router';
import type { AppState } from '../app-state.js';

export interface HealthProbes {
  /** Each probe answers within its own deadline (about 1 s). */
  readonly mongo: () => Promise<boolean>;
  readonly redis: () => Promise<boolean>;
}

/** `/healthz`: the process is up. `/readyz`: Mongo and Redis answer (503 when either does not). */
export const healthRouter = (probes: HealthProbes): Router<AppState> => {
  const router = new Router<AppState>();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const [mongo, redis] = await Promise.all([probes.mongo(), probes.redis()]);
    ctx.status = mongo && redis ? 200 : 503;
    ctx.body = {
      status: mongo && redis ? 'ready' : 'unavailable',
      mongo: mongo ? 'up' : 'down',
      redis: redis ? 'up' : 'down',
    };
  });
  return router;
};
