import type { Logger } from '../lib/logger.js';

/** What every request carries in `ctx.state`. */
export interface AppState {
  requestId: string;
  log: Logger;
}
