import { DEDUCTION_STANDARD, deductionItem } from '../../src/domain/cleaning/cleaning.standard.js';
import type { PersonView } from '../../src/domain/people/people.types.js';
import type { InspectionDesk } from '../../src/inspections/inspection-desk.js';
import type { HandlerContext } from '../context.js';
import { mayPatrol } from './patrol-chat.js';

/** "扣分标准": the deduction standard, item by item. */
export const replyStandard = (ctx: HandlerContext): void => {
  ctx.replyText(
    [
      '清洁管理扣分标准：',
      ...DEDUCTION_STANDARD.map((d) => `${d.code} ${d.area}·${d.item} 扣${d.points}分：${d.description}`),
      '记录扣分请发“清洁扣分 C02 位置和情况”；轻微问题现场整改的发“清洁轻微 情况”。',
    ].join('\n'),
  );
};

/**
 * A cleaning inspection finding from an assistant: a deduction against an item of the standard
 * (sent to the cleaning company's supervisor to confirm), or a minor problem only logged.
 */
export const recordCleaning = async (
  d: { readonly inspections: InspectionDesk },
  ctx: HandlerContext,
  actor: PersonView,
  r: { code?: string; text: string },
): Promise<void> => {
  if (!mayPatrol(actor)) {
    ctx.replyText('清洁检查由物业助理和高级物业助理记录。');
    return;
  }
  const item = r.code !== undefined ? deductionItem(r.code) : undefined;
  if (r.code !== undefined && !item) {
    ctx.replyText(`没有扣分项 ${r.code}。发送“扣分标准”查看各项。`);
    return;
  }
  if (!r.text.trim()) {
    ctx.replyText('请写明位置和情况，例如“清洁扣分 C02 2楼女洗手间有异味”。');
    return;
  }
  const { record, sentTo } = await d.inspections.recordCleaning(
    actor,
    {
      channel: {
        platform: ctx.event.platform,
        userId: ctx.event.userId,
        conversationId: ctx.event.conversation.id,
      },
      item,
      text: r.text.trim(),
      sourceKey: `in-${ctx.inboundId}`,
    },
    ctx.batch,
  );
  ctx.replyText(
    item
      ? `已记录清洁扣分 ${record.number}：${item.code} ${item.item} 扣 ${item.points} 分。${sentTo > 0 ? '已发清洁公司主管确认。' : '没有找到在岗的清洁公司主管，请现场请其确认。'}`
      : `已记录轻微问题 ${record.number}（现场整改，不扣分），将写入今日清洁工作交班簿。`,
  );
};
