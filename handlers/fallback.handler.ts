import type { Handler } from './context.js';

/**
 * Events with nothing to say back (unsubscribe, location reports, contact changes...) are logged
 * and ignored; every message was handled earlier (binding or conversation).
 */
export const fallbackHandler: Handler = {
  name: 'fallback',
  match: () => true,
  async handle(ctx) {
    ctx.deps.logger.info({ kind: ctx.event.kind, eventName: ctx.event.eventName }, 'event ignored');
  },
};
