import { parseDialogActionKey } from '../cards/confirm.card.js';
import type { Handler } from './context.js';
import type { ConversationDeps } from './conversation/deps.js';
import { cancel, confirm } from './conversation/engine.js';

/** "确认提交" / "取消" on a confirmation card. Card clicks never go through text understanding. */
export const dialogActionHandler = (deps: ConversationDeps): Handler => ({
  name: 'dialog-action',
  match: (ctx) => ctx.event.kind === 'action' && ctx.event.action?.key.startsWith('dialog:') === true,
  async handle(ctx) {
    const action = ctx.event.action;
    const parsed = action ? parseDialogActionKey(action.key) : undefined;
    if (!action || !parsed || !ctx.actor) return;
    const clicked = {
      cardId: action.cardId,
      ...(action.responseCode ? { responseCode: action.responseCode } : {}),
    };
    const d = await deps.dialogs.get(ctx.event.platform, ctx.event.userId);
    if (!d || d.id !== parsed.dialogId || d.awaiting !== 'confirm') {
      ctx.reply({
        type: 'card_update',
        cardId: action.cardId,
        replaceName: '已失效',
        ...(action.responseCode ? { responseCode: action.responseCode } : {}),
        fallbackText: '该确认已失效。',
      });
      ctx.replyText('这张确认卡片已失效（已提交、已取消或已超时）。如需办理请重新描述。');
      return;
    }
    if (parsed.verb === 'confirm') await confirm(deps, ctx, ctx.actor, d, clicked);
    else cancel(deps, ctx, d, clicked);
  },
});
