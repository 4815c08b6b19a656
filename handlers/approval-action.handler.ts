import { parseApprovalActionKey } from '../cards/approval.card.js';
import { APPROVAL_LABELS } from '../src/domain/approval/approval.rules.js';
import { AppErrorCode, isAppError } from '../src/lib/errors.js';
import type { Handler } from './context.js';

/** "同意"/"驳回" on an approval card: decide once, update every copy, tell the requester. */
export const approvalActionHandler: Handler = {
  name: 'approval-action',
  match: (ctx) => ctx.event.kind === 'action' && ctx.event.action?.key.startsWith('approval:') === true,
  async handle(ctx) {
    const action = ctx.event.action;
    const parsed = action ? parseApprovalActionKey(action.key) : undefined;
    if (!action || !parsed) {
      ctx.replyText('无法识别的卡片操作，请联系前台。');
      return;
    }
    try {
      const outcome = await ctx.deps.services.approvals.decide(
        {
          approvalId: parsed.approvalId,
          step: parsed.step,
          verb: parsed.verb,
          actor: ctx.actor,
          actorAccount: ctx.sender,
          clicked: {
            cardId: action.cardId,
            ...(action.responseCode ? { responseCode: action.responseCode } : {}),
          },
        },
        ctx.batch,
      );
      if (outcome.kind === 'already') {
        const a = outcome.approval;
        ctx.replyText(`${APPROVAL_LABELS[a.type]}申请 ${a.number} 已由${outcome.by}处理，无需重复操作。`);
      }
    } catch (e) {
      if (isAppError(e) && e.code === AppErrorCode.FORBIDDEN) {
        ctx.replyText(`您无权处理此审批：${e.message}。本次操作已记录。`);
        return;
      }
      if (isAppError(e) && e.code === AppErrorCode.NOT_FOUND) {
        ctx.replyText('该审批单不存在或已撤销。');
        return;
      }
      throw e;
    }
  },
};
