import { approvalActionHandler } from './approval-action.handler.js';
import type { Handler } from './context.js';
import { fallbackHandler } from './fallback.handler.js';
import { textHandler } from './help.handler.js';

/** Ordered: the first handler whose `match` accepts the event handles it. */
export const HANDLERS: readonly Handler[] = [approvalActionHandler, textHandler, fallbackHandler];
