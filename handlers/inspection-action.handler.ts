import { isInspectionKey, parseInspectionKey } from '../cards/inspection-key.js';
import type { Handler } from './context.js';
import { type InspectionFlowDeps, runInspectionAction } from './inspections/inspection-flow.js';

export interface InspectionActionDeps extends InspectionFlowDeps {
  readonly cards: { setResponseCode(cardId: string, code: string): Promise<void> };
}

/**
 * A button on a patrol record, violation or cleaning card (`pt:` / `vl:` / `cl:` keys): the desk
 * decides; a stale or refused press is answered like a ticket button.
 */
export const inspectionActionHandler = (d: InspectionActionDeps): Handler => ({
  name: 'inspection-action',
  match: (ctx) => ctx.event.kind === 'action' && isInspectionKey(ctx.event.action?.key ?? ''),
  async handle(ctx) {
    const action = ctx.event.action;
    const key = action ? parseInspectionKey(action.key) : undefined;
    if (!action || !key) {
      ctx.replyText('无法识别的卡片操作，请联系前台。');
      return;
    }
    if (action.responseCode) await d.cards.setResponseCode(action.cardId, action.responseCode);
    await d.inspectionPending.clear(ctx.event.platform, ctx.event.userId);
    await runInspectionAction(d, ctx, {
      kind: key.kind,
      id: key.id,
      action: key.action,
      stage: key.stage,
      input: {},
    });
  },
});
