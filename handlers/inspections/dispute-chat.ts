import type { PersonView } from '../../src/domain/people/people.types.js';
import type { InspectionDesk } from '../../src/inspections/inspection-desk.js';
import { extractUnit } from '../../src/nlu/slots/unit.js';
import type { HandlerContext } from '../context.js';
import { mayPatrol } from './patrol-chat.js';

interface Deps {
  readonly inspections: InspectionDesk;
  readonly units: { codes(): Promise<ReadonlySet<string>> };
}

const channelOf = (ctx: HandlerContext) => ({
  platform: ctx.event.platform,
  userId: ctx.event.userId,
  conversationId: ctx.event.conversation.id,
});

/** Who records disputes and damage on the floor: assistants, senior assistants, security (9.3.3.1). */
const mayRecord = (p: PersonView) => mayPatrol(p) || p.roles.includes('security');

/** "纠纷 …": a dispute recorded, and the mediator's card to settle or refer it. */
export const recordDispute = async (d: Deps, ctx: HandlerContext, actor: PersonView, text: string) => {
  if (!mayRecord(actor)) {
    ctx.replyText('买卖纠纷由物业助理记录和调解。');
    return;
  }
  const unit = extractUnit(text, await d.units.codes());
  const dispute = await d.inspections.recordDispute(
    actor,
    {
      channel: channelOf(ctx),
      shopCode: unit?.verified ? unit.code : '',
      text,
      sourceKey: `in-${ctx.inboundId}`,
    },
    ctx.batch,
  );
  ctx.replyText(
    `已记录买卖纠纷 ${dispute.number}。调解结束后请在卡片上记录结果；商户拒不接受调解请点“报市场监管”，有威胁或打架请点“报警”。`,
  );
};

/** "损坏 …": damage by someone becomes a work order with the deposit path (9.3.3). */
export const reportDamage = async (d: Deps, ctx: HandlerContext, actor: PersonView, text: string) => {
  if (!mayRecord(actor)) {
    ctx.replyText('人为损坏由物业助理或保安员报告。');
    return;
  }
  const unit = extractUnit(text, await d.units.codes());
  const repair = await d.inspections.reportDamage(
    actor,
    {
      channel: channelOf(ctx),
      unit: unit?.verified ? unit.code : '',
      text,
      sourceKey: `in-${ctx.inboundId}`,
    },
    ctx.batch,
  );
  ctx.replyText(
    `已报告人为损坏，生成工程单 ${repair.number}，已通知工程部核实和当值高级物业助理。请保护好现场。`,
  );
};
