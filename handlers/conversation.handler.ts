import type { PersonView } from '../src/domain/people/people.types.js';
import { normalizeText } from '../src/nlu/normalize.js';
import { extractUnit } from '../src/nlu/slots/unit.js';
import type { Handler, HandlerContext } from './context.js';
import { addPhoto } from './conversation/add-photo.js';
import type { ConversationDeps } from './conversation/deps.js';
import { converse, startFiling, understand } from './conversation/engine.js';
import { ADD_PHOTO, BIND, ISSUE_CODE, TODO, UNIT_ITEMS, WRITTEN } from './conversation/text-rules.js';
import { replyTodo, replyUnitItems } from './conversation/todo.js';

const FRONT_DESK_ROLES = ['cs_clerk', 'senior_assistant', 'deputy_manager', 'manager'] as const;

const isFrontDesk = (actor: PersonView): boolean =>
  actor.kind === 'staff' && actor.roles.some((r) => (FRONT_DESK_ROLES as readonly string[]).includes(r));

/** "发绑定码 B1-23" from the front desk: a one-time code for that shop's tenant (sent privately). */
const issueCode = async (
  deps: ConversationDeps,
  ctx: HandlerContext,
  actor: PersonView,
  unitText: string,
) => {
  if (!isFrontDesk(actor)) {
    await deps.audit.append({
      action: 'bind.issue',
      outcome: 'refused',
      actorPersonId: actor.id,
      actorPlatform: ctx.event.platform,
      actorPlatformUserId: ctx.event.userId,
      reason: 'not front desk',
    });
    ctx.replyText('只有前台和主管可以发放绑定码。');
    return;
  }
  const unit = extractUnit(unitText, await deps.units.codes());
  if (!unit?.verified) {
    ctx.replyText(`没有找到铺位 ${unit?.code ?? unitText}，请确认铺位号。`);
    return;
  }
  const { code, expiresAt } = await deps.binding.issue(unit.code, actor.name);
  ctx.replyText(
    `${unit.code} 的绑定码：${code}（${ctx.time.human(expiresAt)} 前有效，只能使用一次）。请商户发送“绑定 ${unit.code} ${code}”完成绑定。`,
  );
};

/** The text of a message a person typed (or the platform transcribed), if it has one. */
export const textOf = (ctx: HandlerContext): string | undefined => {
  const msg = ctx.event.message;
  if (!msg) return undefined;
  if (msg.type === 'text' || msg.type === 'rich') return msg.text ?? '';
  if (msg.type === 'voice' && msg.text) return msg.text;
  return undefined;
};

/** Text from a bound person: commands first, then understanding, slot filling, confirmation, filing. */
export const conversationHandler = (deps: ConversationDeps): Handler => ({
  name: 'conversation',
  match: (ctx) => ctx.actor !== null && ctx.event.kind === 'message' && textOf(ctx) !== undefined,
  async handle(ctx) {
    const actor = ctx.actor;
    const raw = textOf(ctx);
    if (!actor || raw === undefined) return;
    const text = normalizeText(raw);
    const code = ISSUE_CODE.exec(text);
    if (code?.[1]) return issueCode(deps, ctx, actor, code[1]);
    if (BIND.test(text)) {
      ctx.replyText(
        `您的账号已绑定（${actor.name}${actor.shopCodes.length > 0 ? `，${actor.shopCodes.join('、')}` : ''}），无需重复绑定。`,
      );
      return;
    }
    if (TODO.test(text)) return replyTodo(deps, ctx, actor);
    const photo = ADD_PHOTO.exec(text);
    if (photo) return addPhoto(deps, ctx, actor, photo[3] ?? '');
    if (WRITTEN.test(text)) {
      if (!isFrontDesk(actor)) {
        ctx.replyText('书面投诉由前台登记。如需投诉，请直接描述问题。');
        return;
      }
      return startFiling(deps, ctx, actor, await understand(deps, ctx, ''), raw, 'written_complaint');
    }
    const unitItems = actor.kind === 'staff' ? UNIT_ITEMS.exec(text) : null;
    if (unitItems?.[1]) {
      const unit = extractUnit(unitItems[1], await deps.units.codes());
      if (unit?.verified) return replyUnitItems(deps, ctx, unit.code);
      if (unit) {
        ctx.replyText(`没有找到铺位 ${unit.code}，请确认铺位号。`);
        return;
      }
    }
    await converse(deps, ctx, actor, raw);
  },
});
