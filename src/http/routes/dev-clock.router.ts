import { randomUUID } from 'node:crypto';
import Router from '@koa/router';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.js';
import type { DevClock } from '../../app/dev-clock.js';
import { AppError, AppErrorCode } from '../../lib/errors.js';
import { JobName } from '../../queue/job-names.js';
import type { AppState } from '../app-state.js';
import { adminAuth } from '../middleware/admin-auth.js';
import { readJsonBody } from '../middleware/read-body.js';

/** One year either way: enough to walk a calendar, small enough to catch a typo. */
const MAX_MINUTES = 366 * 24 * 60;

const MoveSchema = z.union([
  z.object({ advanceMinutes: z.number().int().min(-MAX_MINUTES).max(MAX_MINUTES) }).strict(),
  z.object({ to: z.iso.datetime({ offset: true }) }).strict(),
]);

/**
 * `POST /api/dev/clock` (bearer ADMIN_TOKEN): moves the deployment's clock by
 * `{"advanceMinutes": N}` or to `{"to": "<ISO 8601>"}` and answers `{"now"}`; the deadline sweep
 * then runs at once, so whatever fell due is sent within seconds. `GET` answers the time. The
 * router is only mounted when DEV_CLOCK=1 (never in production).
 */
export const devClockRouter = (deps: AppDeps, devClock: DevClock): Router<AppState> => {
  const router = new Router<AppState>({ prefix: '/api/dev' });
  const auth = adminAuth(deps.config.adminToken);

  router.get('/clock', auth, async (ctx) => {
    await devClock.refresh();
    ctx.body = { now: deps.clock.now().toISOString() };
  });

  router.post('/clock', auth, async (ctx) => {
    const r = MoveSchema.safeParse(await readJsonBody(ctx));
    if (!r.success) {
      throw new AppError(
        AppErrorCode.VALIDATION_FAILED,
        'body must be {"advanceMinutes": <integer>} or {"to": "<ISO 8601 time with offset>"}',
        { reason: 'bad_clock_move' },
      );
    }
    const now =
      'to' in r.data
        ? await devClock.moveTo(new Date(r.data.to))
        : await devClock.advance(r.data.advanceMinutes);
    await deps.queues.add(JobName.SweepDeadlines, {}, { jobId: `sweep-now-${randomUUID()}`, attempts: 1 });
    deps.logger.info({ now: now.toISOString() }, 'dev clock moved');
    ctx.body = { now: now.toISOString() };
  });

  return router;
};
