import type { DialogState } from '../../src/conversation/dialog-store.js';
import { type FilingIntent, FORMS } from '../../src/conversation/forms.js';
import { APPROVAL_LABELS } from '../../src/domain/approval/approval.rules.js';
import { COMPLAINT_KIND_LABELS } from '../../src/domain/complaint/complaint.rules.js';
import type { PersonView } from '../../src/persistence/repositories/people.repository.js';
import type { HandlerContext } from '../context.js';

const SAFETY_ADVICE = '请立即远离危险区域，注意人身安全；如有人员受伤请拨打120，起火请拨打119。';

/**
 * Files what the dialog collected (idempotent: the source key is the dialog id) and tells the
 * person the ticket number. Returns the number.
 */
export const fileDialog = async (ctx: HandlerContext, actor: PersonView, d: DialogState): Promise<string> => {
  const intent = d.intent as FilingIntent;
  const channel = {
    platform: ctx.event.platform,
    userId: ctx.event.userId,
    conversationId: ctx.event.conversation.id,
  };
  const own = actor.kind === 'tenant' ? (actor.shopCodes[0] ?? '') : '';
  const sourceKey = `dialog:${d.id}`;
  if (intent === 'complaint' || intent === 'repair') {
    const input = {
      reporter: actor,
      channel,
      text: d.originalText,
      shopCode: own,
      unit: d.fields.where_unit ?? '',
      place: d.fields.where_place ?? '',
      urgency: d.urgency,
      sourceKey,
    };
    if (intent === 'complaint') {
      const r = await ctx.deps.services.tickets.fileComplaint(input, ctx.batch);
      ctx.replyText(
        `已为您登记${COMPLAINT_KIND_LABELS[r.kind]}，单号 ${r.number}。我们会在 ${ctx.deps.time.human(r.nextReplyAt)} 前给您回复处理结果。`,
      );
      return r.number;
    }
    const r = await ctx.deps.services.tickets.fileRepair(input, ctx.batch);
    ctx.replyText(
      d.urgency === 'emergency'
        ? `已紧急通知值班工程、主管和保安，单号 ${r.number}，人员正在赶来。${SAFETY_ADVICE}`
        : `已为您报修（${r.category}），工单号 ${r.number}，工程部会尽快联系您。`,
    );
    return r.number;
  }
  const details = FORMS[intent]
    .filter((f) => d.fields[f.key] && f.key !== 'unit')
    .map((f) => ({ key: f.key, label: f.label, value: d.fields[f.key] ?? '' }));
  const copy = d.fields.copy ?? '';
  const dueAt =
    intent === 'key_loan' || intent === 'archive_access'
      ? ctx.deps.time.now().endOf('day').toDate()
      : undefined;
  const a = await ctx.deps.services.approvals.submit(
    {
      type: intent,
      requester: actor,
      channel,
      shopCode: d.fields.unit ?? own,
      text: d.originalText,
      details,
      sourceKey,
      ...(dueAt ? { dueAt } : {}),
      chain: { copying: copy.includes('重要') ? 'important' : copy.startsWith('需要') ? 'copy' : 'none' },
    },
    ctx.batch,
  );
  ctx.replyText(
    `已提交${APPROVAL_LABELS[intent]}申请，单号 ${a.number}，审批结果会通知您。${intent === 'key_loan' ? '钥匙请当天归还。' : ''}`,
  );
  return a.number;
};
