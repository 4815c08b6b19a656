import { isTicketKey, parseActionKey } from '../cards/action-key.js';
import { type ActFlowDeps, runAction } from './actions/act-flow.js';
import type { Handler } from './context.js';

export interface TicketActionDeps extends ActFlowDeps {
  /** Keeps the response code a WeCom click brings: the next update of that card copy uses it. */
  readonly cards: { setResponseCode(cardId: string, code: string): Promise<void> };
}

/**
 * A button on a complaint, work-order or approval card. The key names the ticket, the action and
 * the stage the card showed; the desk decides, and the person hears the outcome (done, asked for
 * words, already handled by someone else, or refused and audited).
 */
export const ticketActionHandler = (d: TicketActionDeps): Handler => ({
  name: 'ticket-action',
  match: (ctx) => ctx.event.kind === 'action' && isTicketKey(ctx.event.action?.key ?? ''),
  async handle(ctx) {
    const action = ctx.event.action;
    const key = action ? parseActionKey(action.key) : undefined;
    if (!action || !key) {
      ctx.replyText('无法识别的卡片操作，请联系前台。');
      return;
    }
    if (action.responseCode) await d.cards.setResponseCode(action.cardId, action.responseCode);
    await d.pending.clear(ctx.event.platform, ctx.event.userId);
    await runAction(d, ctx, {
      kind: key.kind,
      id: key.id,
      action: key.action,
      stage: key.stage,
      input: key.arg ? { score: key.arg } : {},
    });
  },
});
