import Router from '@koa/router';
import type { Context } from 'koa';
import { recordEventPush } from '../../inbound/event-push.js';
import type { Intake } from '../../inbound/intake.js';
import type { UnhandledEventRepository } from '../../persistence/repositories/unhandled-event.repository.js';
import type { DingTalkReceiver } from '../../platforms/dingtalk/dingtalk.receiver.js';
import type { SignBindingStore } from '../../platforms/dingtalk/sign-binding.js';
import type { AppState } from '../app-state.js';
import { readRawBody } from '../middleware/read-body.js';

/** DingTalk JSON callbacks: room for a 10 000-character Chinese text and the message fields. */
export const DINGTALK_BODY_LIMIT = 48 * 1024;

export interface DingTalkRouterDeps {
  readonly receiver: DingTalkReceiver;
  readonly intake: Intake;
  readonly signBinding: SignBindingStore;
  readonly unhandled: UnhandledEventRepository;
  /** Mount the HTTP robot and card routes (off in Stream mode unless configured). */
  readonly httpCallbacks: boolean;
}

const signHeaders = (ctx: Context) => ({ timestamp: ctx.get('timestamp'), sign: ctx.get('sign') });

/**
 * DingTalk over HTTP: robot messages (`/webhooks/dingtalk`), card button presses
 * (`/webhooks/dingtalk/cards`) and the encrypted event subscription (`/webhooks/dingtalk/events`).
 * Robot and card callbacks are verified, their (timestamp, sign) pair is bound to the body, and
 * only then is the event stored; nothing waits on business logic.
 */
export const dingtalkRouter = (d: DingTalkRouterDeps): Router<AppState> => {
  const router = new Router<AppState>();

  if (d.httpCallbacks) {
    router.post('/webhooks/dingtalk', async (ctx) => {
      const body = await readRawBody(ctx, DINGTALK_BODY_LIMIT);
      const h = signHeaders(ctx);
      const event = d.receiver.openRobot(h, body);
      await d.signBinding.bind('robot', h.timestamp, h.sign, body);
      const r = await d.intake.accept(event);
      ctx.state.log.info({ inboundId: r.id, status: r.status, kind: event.kind }, 'dingtalk robot callback');
      ctx.body = {};
    });

    router.post('/webhooks/dingtalk/cards', async (ctx) => {
      const body = await readRawBody(ctx, DINGTALK_BODY_LIMIT);
      const h = signHeaders(ctx);
      const event = d.receiver.openCard(h, body);
      await d.signBinding.bind('card', h.timestamp, h.sign, body);
      const r = await d.intake.accept(event);
      ctx.state.log.info({ inboundId: r.id, status: r.status }, 'dingtalk card callback');
      ctx.body = {};
    });
  }

  if (d.receiver.eventsEnabled) {
    router.post('/webhooks/dingtalk/events', async (ctx) => {
      const body = await readRawBody(ctx, DINGTALK_BODY_LIMIT);
      const { plain, push } = d.receiver.openEvent(ctx.querystring, body);
      // Every verified push is answered "success"; only a store that is really down gives 503.
      await recordEventPush(push, plain, 'dingtalk_event_http', d.intake, d.unhandled, ctx.state.log);
      ctx.body = d.receiver.ackEvent();
    });
  }
  return router;
};
