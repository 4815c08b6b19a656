import Router from '@koa/router';
import type { Intake } from '../../inbound/intake.js';
import type { DingTalkReceiver } from '../../platforms/dingtalk/dingtalk.receiver.js';
import type { AppState } from '../app-state.js';
import { readRawBody } from '../middleware/read-body.js';

/**
 * DingTalk over HTTP: robot messages (`/webhooks/dingtalk`), card button presses
 * (`/webhooks/dingtalk/cards`) and the encrypted event subscription (`/webhooks/dingtalk/events`).
 * Each stores the event before answering; nothing waits on business logic.
 */
export const dingtalkRouter = (receiver: DingTalkReceiver, intake: Intake): Router<AppState> => {
  const router = new Router<AppState>();
  const headers = (ctx: { get(name: string): string }) => ({
    timestamp: ctx.get('timestamp'),
    sign: ctx.get('sign'),
  });

  router.post('/webhooks/dingtalk', async (ctx) => {
    const body = await readRawBody(ctx);
    const event = receiver.openRobot(headers(ctx), body);
    const r = await intake.accept(event);
    ctx.state.log.info({ inboundId: r.id, status: r.status, kind: event.kind }, 'dingtalk robot callback');
    ctx.body = {};
  });

  router.post('/webhooks/dingtalk/cards', async (ctx) => {
    const body = await readRawBody(ctx);
    const event = receiver.openCard(headers(ctx), body);
    const r = await intake.accept(event);
    ctx.state.log.info({ inboundId: r.id, status: r.status }, 'dingtalk card callback');
    ctx.body = {};
  });

  router.post('/webhooks/dingtalk/events', async (ctx) => {
    const body = await readRawBody(ctx);
    const { eventType, event } = receiver.openEvent(ctx.querystring, body);
    if (event) await intake.accept(event);
    ctx.state.log.info({ eventType }, 'dingtalk event');
    ctx.body = receiver.ackEvent();
  });
  return router;
};
