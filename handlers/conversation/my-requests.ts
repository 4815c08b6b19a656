import { APPROVAL_LABELS, APPROVAL_STATUS_LABELS } from '../../src/domain/approval/approval.rules.js';
import type { ApprovalView } from '../../src/domain/approval/approval.types.js';
import { progressLine } from '../../src/domain/approval/follow-up.rules.js';
import { type PersonView, ROLE_LABELS } from '../../src/domain/people/people.types.js';
import { runAction } from '../actions/act-flow.js';
import type { HandlerContext } from '../context.js';
import type { ConversationDeps } from './deps.js';

/** "撤回", "撤回申请", "撤回 SP20261129-001". */
export const WITHDRAW = /^撤回(?:我的)?(?:申请)?\s*[:：]?\s*(SP\d{8}-\d{3})?[。!！]*$/i;
/** "我的申请", "我的审批申请", "查看我的申请". */
export const MY_REQUESTS = /^(?:查看|查询)?我的(?:审批)?申请(?:列表)?[?？。]*$/;

/** Staff: "查看证件 SP20261129-001" (an outside key borrower's full ID number, audited). */
export const REVEAL_ID = /^查看(?:借用人)?(?:证件|身份证)(?:号码?)?\s*[:：]?\s*(SP\d{8}-\d{3})[。!！]*$/i;

const LIST_MAX = 8;

/**
 * A senior assistant (or above) asks for a key borrower's full ID number: refused for anyone else
 * (audited either way); sent privately as a sealed message the platform sender opens, so the
 * number is written to no store, queue or log on the way.
 */
const revealId = async (
  deps: ConversationDeps,
  ctx: HandlerContext,
  actor: PersonView,
  number: string,
): Promise<void> => {
  const item = await deps.queries.byNumberFor(number, actor);
  if (item?.kind !== 'approval') {
    ctx.replyText(`没有找到申请 ${number}。`);
    return;
  }
  const r = await deps.approvals.revealBorrowerId(item.view.id, { person: actor, account: ctx.sender });
  switch (r.kind) {
    case 'refused':
      ctx.replyText('证件号仅限高级物业助理及以上查看。本次操作已记录。');
      return;
    case 'not_found':
    case 'none':
      ctx.replyText(`${number} 没有登记证件号。`);
      return;
    case 'sealed':
      ctx.reply({
        type: 'sealed_text',
        text: `${r.number} 借用人身份证号：{ID}\n（${r.masked}；本次查看已记录，请勿转发。）`,
        sealed: r.sealed,
      });
  }
};

/** Where a request stands: "待高级物业助理审批（第1/2步，当值：陈主管、林主管）" or its outcome. */
const standing = async (deps: ConversationDeps, a: ApprovalView): Promise<string> => {
  const step = a.steps[a.currentStep];
  // An approved request with tasks under way shows how far they are ("已通过，办理中：✓费用结清 ○钥匙交回 …").
  if (a.status === 'approved' && a.tasks.length > 0) return `已通过，办理中：${progressLine(a)}`;
  if (a.status !== 'pending' || !step) return APPROVAL_STATUS_LABELS[a.status];
  if (step.personIds?.length) return `待登记签字人确认（第${a.currentStep + 1}/${a.steps.length}步）`;
  const onDuty = deps.duty ? (await deps.duty.resolve(step.role)).people.map((p) => p.name) : [];
  const holders = onDuty.length > 0 ? `，当值：${onDuty.join('、')}` : '';
  return `待${ROLE_LABELS[step.role]}审批（第${a.currentStep + 1}/${a.steps.length}步${holders}）`;
};

/**
 * A requester's words about their own requests: "我的申请" lists them with the step each is at and
 * who holds it now; "撤回 [单号]" withdraws one still pending (the newest when no number is given).
 * Returns true when the text was one of these.
 */
export const myRequests = async (
  deps: ConversationDeps,
  ctx: HandlerContext,
  actor: PersonView,
  text: string,
): Promise<boolean> => {
  const reveal = REVEAL_ID.exec(text);
  if (reveal?.[1]) {
    await revealId(deps, ctx, actor, reveal[1].toUpperCase());
    return true;
  }
  const withdraw = WITHDRAW.exec(text);
  if (!withdraw && !MY_REQUESTS.test(text)) return false;
  const mine = await deps.queries.requestsOf(actor, 20);
  if (withdraw) {
    const number = withdraw[1]?.toUpperCase();
    const target = number ? mine.find((a) => a.number === number) : mine.find((a) => a.status === 'pending');
    if (!target) {
      ctx.replyText(number ? `没有找到您提交的申请 ${number}。` : '您没有审批中的申请可以撤回。');
      return true;
    }
    await runAction(deps.flow, ctx, { kind: 'approval', id: target.id, action: 'cancel', input: {} });
    return true;
  }
  if (mine.length === 0) {
    ctx.replyText('您还没有提交过申请。');
    return true;
  }
  const lines: string[] = [];
  for (const a of mine.slice(0, LIST_MAX)) {
    lines.push(
      `· ${a.number} ${APPROVAL_LABELS[a.type]}：${await standing(deps, a)}（${ctx.time.human(a.createdAt)}）`,
    );
  }
  ctx.replyText(
    `您的申请${mine.length > LIST_MAX ? `（最近 ${LIST_MAX} 条）` : ''}：\n${lines.join('\n')}\n审批中的申请可回复“撤回 单号”撤回。`,
  );
  return true;
};
