import { helpText } from '../src/conversation/help.js';
import type { Handler } from './context.js';

/**
 * Opening the app (enter_agent) or a menu click. An unbound account is told how to bind, once a
 * day; a "help" menu key gets the help text.
 */
export const enterHandler: Handler = {
  name: 'enter',
  match: (ctx) => ctx.event.kind === 'enter' || (ctx.event.kind === 'menu' && !ctx.event.menu?.cardId),
  async handle(ctx) {
    if (ctx.event.kind === 'menu') {
      ctx.replyText(helpText(ctx.actor));
      return;
    }
    if (ctx.actor) return;
    const key = `${ctx.deps.config.redisKeyPrefix}:welcomed:${ctx.event.platform}:${ctx.event.userId}`;
    if ((await ctx.deps.redis.set(key, '1', 'EX', 86_400, 'NX')) === 'OK') ctx.replyText(helpText(null));
  },
};
