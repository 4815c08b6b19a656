import { normalizeText } from '../src/nlu/normalize.js';
import { extractUnit } from '../src/nlu/slots/unit.js';
import type { Handler, HandlerContext } from './context.js';
import { converse } from './conversation/engine.js';
import { BIND, ISSUE_CODE } from './conversation/text-rules.js';

const FRONT_DESK_ROLES = ['cs_clerk', 'senior_assistant', 'deputy_manager', 'manager'] as const;

/** "发绑定码 B1-23" from the front desk: a one-time code for that shop's tenant. */
const issueCode = async (ctx: HandlerContext, unitText: string): Promise<void> => {
  const actor = ctx.actor;
  if (
    actor?.kind !== 'staff' ||
    !actor.roles.some((r) => (FRONT_DESK_ROLES as readonly string[]).includes(r))
  ) {
    await ctx.deps.repos.audit.append({
      action: 'bind.issue',
      outcome: 'refused',
      actorPersonId: actor?.id,
      actorPlatform: ctx.event.platform,
      actorPlatformUserId: ctx.event.userId,
      reason: 'not front desk',
    });
    ctx.replyText('只有前台和主管可以发放绑定码。');
    return;
  }
  const unit = extractUnit(unitText, await ctx.deps.units.codes());
  if (!unit?.verified) {
    ctx.replyText(`没有找到铺位“${unitText}”。`);
    return;
  }
  const { code, expiresAt } = await ctx.deps.services.binding.issue(unit.code, actor.name);
  ctx.replyText(
    `${unit.code} 的绑定码：${code}（${ctx.deps.time.human(expiresAt)} 前有效，只能使用一次）。请商户发送“绑定 ${unit.code} ${code}”完成绑定。`,
  );
};

/** Text from a bound person: understood, slot-filled, confirmed, filed. */
export const conversationHandler: Handler = {
  name: 'conversation',
  match: (ctx) => ctx.actor !== null && ctx.event.kind === 'message',
  async handle(ctx) {
    const actor = ctx.actor;
    if (!actor) return;
    const msg = ctx.event.message;
    const text =
      msg?.type === 'text' || msg?.type === 'voice' || msg?.type === 'rich' ? (msg.text ?? '') : undefined;
    if (text === undefined) {
      ctx.replyText('暂时只能处理文字消息。请用文字描述您的问题，例如“3楼东侧洗手间好臭”。');
      return;
    }
    const code = ISSUE_CODE.exec(normalizeText(text));
    if (code?.[1]) {
      await issueCode(ctx, code[1]);
      return;
    }
    if (BIND.test(normalizeText(text))) {
      ctx.replyText(
        `您的账号已绑定（${actor.name}${actor.shopCodes.length > 0 ? `，${actor.shopCodes.join('、')}` : ''}），无需重复绑定。`,
      );
      return;
    }
    await converse(ctx, actor, text);
  },
};
