import type { Handler } from './context.js';
import { helpText } from './conversation/help.js';

export interface EnterDeps {
  /** True the first time today this account is welcomed (a shared once-a-day flag). */
  firstWelcomeToday(platform: string, userId: string): Promise<boolean>;
}

/**
 * Opening the app (enter_agent) or a menu click. An unbound account is told how to bind, once a
 * day; a "help" menu key gets the help text.
 */
export const enterHandler = (d: EnterDeps): Handler => ({
  name: 'enter',
  match: (ctx) => ctx.event.kind === 'enter' || (ctx.event.kind === 'menu' && !ctx.event.menu?.cardId),
  async handle(ctx) {
    if (ctx.event.kind === 'menu') {
      ctx.replyText(helpText(ctx.actor));
      return;
    }
    if (ctx.actor) return;
    if (await d.firstWelcomeToday(ctx.event.platform, ctx.event.userId)) ctx.replyText(helpText(null));
  },
});
