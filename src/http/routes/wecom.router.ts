import Router from '@koa/router';
import type { Intake } from '../../inbound/intake.js';
import type { WeComReceiver } from '../../platforms/wecom/wecom.receiver.js';
import type { AppState } from '../app-state.js';
import { readRawBody } from '../middleware/read-body.js';

/**
 * A real callback envelope is small: the largest text a member can send, encrypted and Base64'd,
 * stays well under this.
 */
export const WECOM_BODY_LIMIT = 32 * 1024;

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
