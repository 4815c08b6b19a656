import type { DeskOutcome, TicketDesk, TicketRef } from '../../src/desk/ticket-desk.js';
import { approverConflict } from '../../src/domain/approval/approval.machine.js';
import type { ApprovalView } from '../../src/domain/approval/approval.types.js';
import type { ComplaintView } from '../../src/domain/complaint/complaint.types.js';
import type { PersonView, StaffRole } from '../../src/domain/people/people.types.js';
import type { ActionInput } from '../../src/domain/shared/action-spec.js';
import type { TicketKind } from '../../src/domain/shared/ticket.types.js';
import type { PendingInputStore } from '../../src/state/pending-input.store.js';
import type { HandlerContext } from '../context.js';

/** What the action flows need: the desk, the words-after-a-button store, and people for names. */
export interface ActFlowDeps {
  readonly desk: TicketDesk;
  readonly pending: PendingInputStore;
  readonly people: {
    get(id: string): Promise<PersonView | null>;
    staffWithRole(role: StaffRole): Promise<PersonView[]>;
  };
}

export interface ActTarget {
  readonly kind: TicketKind;
  readonly id: string;
  readonly action: string;
  readonly stage?: number | undefined;
  readonly input: ActionInput;
}

/** Why a condition blocks an action, in words for the person who pressed. */
const GUARD_MESSAGES: Record<string, string> = {
  ready_to_close: '办结前需先回复商户并记录处理结果。',
  has_rung_above: '已是最高层级，无法再上报。',
  can_rate: '您已评价过，感谢！',
  can_comment: '意见已收到，感谢！',
  billing_undecided: '收费方式已确定。',
  quote_possible: '该工单已确定免费维修或报价已被接受。',
  billing_settled: '开始维修前需先确定免费维修，或商户已接受报价。',
  no_damage: '已登记过人为损坏。',
  deposit_held: '没有待退还的押金。',
  linkable: '该工单无需关联。',
  can_pass_up: '已是最高层级，无法再上报。',
  can_mark: '该申请已标记为重要文件，或不涉及复印，无需标记。',
  can_ask_extension: '本次借阅已申请过次日归还。',
  extension_pending: '该次日归还申请已处理。',
};

/** Follow-up tasks (`<task>_ready`, `<task>_last`) wait for the tasks before them. */
const guardMessage = (guard: string | undefined): string =>
  /_(ready|last)$/.test(guard ?? '') ? '前面的手续尚未办完，暂时不能办理此项。' : '暂时不能进行此操作。';

/** "已由 马工 于 11月29日 14:05 处理（已接单）". */
export const staleText = async (
  d: ActFlowDeps,
  ctx: HandlerContext,
  kind: TicketKind,
  t: TicketRef,
): Promise<string> => {
  const last = [...t.history].reverse().find((h) => h.action !== 'filed' && h.action !== 'submitted');
  if (!last) return `${t.number} 的这张卡片已过期，请以最新消息为准。`;
  const who = last.actorId ? ((await d.people.get(last.actorId))?.name ?? '他人') : '系统';
  const done = d.desk.spec(kind, last.action)?.done ?? '处理';
  return `${t.number} 已由${who}于 ${ctx.time.human(last.at)} 处理（${done}），无需重复操作。`;
};

/** "TS… 已由刘助理于 12月7日 10:05 回访：商户表示满意" (a second press of 已回访). */
const callbackDoneText = async (d: ActFlowDeps, ctx: HandlerContext, t: TicketRef): Promise<string> => {
  const c = t as Partial<ComplaintView> & TicketRef;
  const who = c.callbackById ? ((await d.people.get(c.callbackById))?.name ?? '他人') : '他人';
  const when = c.callbackDoneAt ? ctx.time.human(c.callbackDoneAt) : '';
  return `${t.number} 已由${who}于 ${when} 回访${c.callbackNote ? `：${c.callbackNote}` : ''}，无需重复操作。`;
};

const refusedText = (kind: TicketKind, current: TicketRef, actor: PersonView | null): string => {
  if (!actor) return '您的账号尚未绑定，无法操作。本次操作已记录。';
  if (kind === 'approval') {
    const conflict = approverConflict(current as ApprovalView, actor);
    if (conflict === 'own_request') return '不能审批自己提交的申请（职责分离）。本次操作已记录。';
    if (conflict === 'decided_earlier_step')
      return '同一申请的不同审批步骤须由不同人员审批，您已审批过前一步。本次操作已记录。';
  }
  return '您无权进行此操作。本次操作已记录。';
};

/** Asks the first of the questions an action still needs, remembering the answers so far. */
export const askFor = async (
  d: ActFlowDeps,
  ctx: HandlerContext,
  target: ActTarget,
  missing: readonly string[],
): Promise<void> => {
  const spec = d.desk.spec(target.kind, target.action);
  const first = spec?.inputs.find((i) => i.key === missing[0]);
  if (!spec || !first) return;
  const pending = {
    kind: target.kind,
    id: target.id,
    action: target.action,
    ...(target.stage !== undefined ? { stage: target.stage } : {}),
    asking: [...missing],
    answers: { ...target.input },
    retries: 0,
    lastInboundId: ctx.inboundId,
  };
  ctx.onFlushed(() => d.pending.save(ctx.event.platform, ctx.event.userId, pending));
  ctx.replyText(`${first.question}\n（回复“取消”放弃）`);
};

/** Runs one action through the desk and answers the person who asked, whatever the outcome. */
export const runAction = async (
  d: ActFlowDeps,
  ctx: HandlerContext,
  target: ActTarget,
): Promise<DeskOutcome> => {
  const o = await d.desk.act(
    target.kind,
    {
      id: target.id,
      action: target.action,
      actor: { person: ctx.actor, account: ctx.sender },
      input: target.input,
      ...(target.stage !== undefined ? { stage: target.stage } : {}),
    },
    ctx.batch,
  );
  switch (o.kind) {
    case 'done': {
      const done = d.desk.spec(target.kind, target.action)?.done ?? '已处理';
      if (target.kind === 'complaint' && target.action === 'rate') {
        ctx.replyText('感谢您的评价！');
        await askFor(d, ctx, { ...target, action: 'comment', stage: undefined, input: {} }, ['text']);
      } else if (target.kind === 'complaint' && target.action === 'comment') {
        ctx.replyText('您的意见已记录，感谢！');
      } else if (o.after.stage === o.before.stage) {
        // The card stays as it was, so say it was recorded; a stage change updates the card itself.
        ctx.replyText(`${done}：${o.after.number}`);
      }
      break;
    }
    case 'missing_input':
      await askFor(
        d,
        ctx,
        target,
        o.missing.map((m) => m.key),
      );
      break;
    case 'stale':
      ctx.replyText(await staleText(d, ctx, target.kind, o.current));
      break;
    case 'refused':
      if (o.why === 'guard' && o.guard === 'needs_callback') {
        ctx.replyText(await callbackDoneText(d, ctx, o.current));
        break;
      }
      ctx.replyText(
        o.why === 'guard'
          ? (o.note ?? GUARD_MESSAGES[o.guard ?? ''] ?? guardMessage(o.guard))
          : refusedText(target.kind, o.current, ctx.actor),
      );
      break;
    case 'not_found':
      ctx.replyText('该单不存在或已撤销。');
      break;
  }
  return o;
};
