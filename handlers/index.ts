import { approvalActionHandler } from './approval-action.handler.js';
import { bindingHandler } from './binding.handler.js';
import { contactHandler } from './contact.handler.js';
import type { Handler } from './context.js';
import { conversationHandler } from './conversation.handler.js';
import { dialogActionHandler } from './dialog-action.handler.js';
import { enterHandler } from './enter.handler.js';
import { fallbackHandler } from './fallback.handler.js';

/** Ordered: the first handler whose `match` accepts the event handles it. */
export const HANDLERS: readonly Handler[] = [
  approvalActionHandler,
  dialogActionHandler,
  bindingHandler,
  conversationHandler,
  enterHandler,
  contactHandler,
  fallbackHandler,
];
