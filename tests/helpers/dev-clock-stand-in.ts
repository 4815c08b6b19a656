import Router from '@koa/router';
import type { AppState } from '../../src/http/app-state.js';
import { readJsonBody } from '../../src/http/middleware/read-body.js';
import type { ManualClock } from '../../src/lib/clock.js';

/**
 * `POST /api/dev/clock` as the time issue specifies it (bearer ADMIN_TOKEN; `{advanceMinutes}` or
 * `{to}`; answers `{now}`), moving the bot's own ManualClock. It stands in for that route until it
 * lands on main, so the console's side of the contract is tested through real HTTP meanwhile.
 */
export const devClockStandIn = (
  clock: ManualClock,
  adminToken: string,
): { router: Router<AppState>; requests: unknown[] } => {
  const requests: unknown[] = [];
  const router = new Router<AppState>();
  router.post('/api/dev/clock', async (ctx) => {
    if (ctx.get('authorization') !== `Bearer ${adminToken}`) {
      ctx.status = 401;
      ctx.body = { code: 'AUTHENTICATION_FAILED' };
      return;
    }
    const body = (await readJsonBody(ctx)) as { advanceMinutes?: unknown; to?: unknown };
    requests.push(body);
    if (typeof body.advanceMinutes === 'number') clock.advance(body.advanceMinutes * 60_000);
    else if (typeof body.to === 'string') clock.set(new Date(body.to));
    else {
      ctx.status = 400;
      ctx.body = { code: 'VALIDATION_FAILED' };
      return;
    }
    ctx.body = { now: clock.now().toISOString() };
  });
  return { router, requests };
};
