import type { Logger } from '../src/lib/logger.js';
import type { PendingInputStore } from '../src/state/pending-input.store.js';
import { type BindingDeps, bindingHandler } from './binding.handler.js';
import { type ContactDeps, contactHandler } from './contact.handler.js';
import type { Handler } from './context.js';
import type { ConversationDeps } from './conversation/deps.js';
import { conversationHandler } from './conversation.handler.js';
import { type DashboardLoginDeps, dashboardLoginHandler } from './dashboard-login.handler.js';
import { dialogActionHandler } from './dialog-action.handler.js';
import { type EnterDeps, enterHandler } from './enter.handler.js';
import { fallbackHandler } from './fallback.handler.js';
import { type InspectionActionDeps, inspectionActionHandler } from './inspection-action.handler.js';
import { type InspectionChatDeps, inspectionChatHandler } from './inspection-chat.handler.js';
import { type MediaDeps, mediaHandler } from './media.handler.js';
import { pendingInputHandler } from './pending-input.handler.js';
import { type TicketActionDeps, ticketActionHandler } from './ticket-action.handler.js';

/** Every service some handler uses; each handler factory takes only the part it needs. */
export interface HandlerServices
  extends Omit<ConversationDeps, 'binding'>,
    TicketActionDeps,
    Omit<BindingDeps, 'binding'>,
    Omit<MediaDeps, 'desk' | 'queries'>,
    EnterDeps,
    ContactDeps,
    DashboardLoginDeps,
    Omit<InspectionActionDeps & InspectionChatDeps, 'people' | 'cards' | 'media' | 'inbox' | 'units'> {
  readonly binding: ConversationDeps['binding'] & BindingDeps['binding'];
  readonly logger: Logger;
  readonly pending: PendingInputStore;
  readonly looksLikeRequest: (text: string) => boolean;
}

/** Ordered: the first handler whose `match` accepts the event handles it. */
export const createHandlers = (s: HandlerServices): readonly Handler[] => [
  ticketActionHandler(s),
  inspectionActionHandler(s),
  dialogActionHandler(s),
  bindingHandler(s),
  dashboardLoginHandler(s),
  pendingInputHandler(s),
  inspectionChatHandler(s),
  mediaHandler(s),
  conversationHandler(s),
  enterHandler(s),
  contactHandler(s),
  fallbackHandler(s),
];
