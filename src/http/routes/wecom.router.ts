import Router from '@koa/router';
import type { Intake } from '../../inbound/intake.js';
import type { WeComReceiver } from '../../platforms/wecom/wecom.receiver.js';
import type { AppState } from '../app-state.js';
import { readRawBody } from '../middleware/read-body.js';

/**
 * What a real callback needs: a 10 000-character Chinese text (30 KB of UTF-8, which the bot
 * answers with "太长") is 40 KB once encrypted and Base64'd in its envelope. The envelope is read
 * with a linear scan before the signature check, so this bounds memory, not parser work.
 */
export const WECOM_BODY_LIMIT = 48 * 1024;

/**
 * `GET /webhooks/wecom` answers the URL verification with the bare plaintext; `POST` stores the
 * event and answers 200 with an empty body (WeCom then neither retries nor expects a reply). The
 * answer never waits on business logic: that runs in the inbound worker.
 */
export const wecomRouter = (receiver: WeComReceiver, intake: Intake): Router<AppState> => {
  const router = new Router<AppState>();
  router.get('/webhooks/wecom', (ctx) => {
    const plain = receiver.verifyUrl(ctx.querystring);
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = plain;
  });
  router.post('/webhooks/wecom', async (ctx) => {
    // The query first: no credentials, no body read.
    const query = receiver.checkQuery(ctx.querystring);
    const body = await readRawBody(ctx, WECOM_BODY_LIMIT);
    const event = receiver.open(query, body);
    const result = await intake.accept(event);
    ctx.state.log.info({ inboundId: result.id, status: result.status, kind: event.kind }, 'wecom callback');
    ctx.status = 200;
    ctx.body = '';
  });
  return router;
};
