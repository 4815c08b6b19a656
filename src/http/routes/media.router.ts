import Router from '@koa/router';
import type { Clock } from '../../lib/clock.js';
import { verifyMediaLink } from '../../media/media-url.js';
import type { AttachmentRepository } from '../../persistence/repositories/attachment.repository.js';
import type { AppState } from '../app-state.js';

/**
 * `GET /media/<id>?e=<expiry>&s=<signature>`: one stored photo or file, for a signed link that has
 * not expired (DingTalk image messages, and later the dashboard). Anything else is a 404, so a
 * guessed id reveals nothing.
 */
export const mediaRouter = (d: {
  readonly attachments: Pick<AttachmentRepository, 'bytes'>;
  readonly secret: string;
  readonly clock: Clock;
}): Router<AppState> => {
  const router = new Router<AppState>();
  router.get('/media/:id', async (ctx) => {
    const id = ctx.params.id ?? '';
    const e = typeof ctx.query.e === 'string' ? ctx.query.e : '';
    const s = typeof ctx.query.s === 'string' ? ctx.query.s : '';
    if (!/^[0-9a-f]{24}$/.test(id) || !verifyMediaLink(d.secret, id, e, s, d.clock.now())) {
      ctx.status = 404;
      ctx.body = { code: 'NOT_FOUND', message: 'not found' };
      return;
    }
    const file = await d.attachments.bytes(id);
    if (!file) {
      ctx.status = 404;
      ctx.body = { code: 'NOT_FOUND', message: 'not found' };
      return;
    }
    ctx.set('content-type', file.meta.mime);
    ctx.set('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.meta.filename)}`);
    ctx.set('cache-control', 'private, max-age=3600');
    ctx.set('x-content-type-options', 'nosniff');
    ctx.body = file.bytes;
  });
  return router;
};
