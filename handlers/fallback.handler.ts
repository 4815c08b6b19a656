import type { Logger } from '../src/lib/logger.js';
import type { Handler } from './context.js';

/**
 * Events with nothing to say back (unsubscribe, location reports, contact changes...) are logged
 * and ignored; every message was handled earlier (binding or conversation).
 */
export const fallbackHandler = (d: { readonly logger: Logger }): Handler => ({
  name: 'fallback',
  match: () => true,
  async handle(ctx) {
    d.logger.info({ kind: ctx.event.kind, eventName: ctx.event.eventName }, 'event ignored');
  },
});
