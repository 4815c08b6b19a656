import type { InspectionKind } from '../../cards/inspection-key.js';
import type { PersonView } from '../../src/domain/people/people.types.js';
import type { ActionInput } from '../../src/domain/shared/action-spec.js';
import type { InspectionDesk, InspectionRef } from '../../src/inspections/inspection-desk.js';
import type { InspectionPendingStore } from '../../src/state/inspection-pending.store.js';
import type { HandlerContext } from '../context.js';

/** What the inspection action flows need. */
export interface InspectionFlowDeps {
  readonly inspections: InspectionDesk;
  readonly inspectionPending: InspectionPendingStore;
  readonly people: { get(id: string): Promise<PersonView | null> };
}

export interface InspectionTarget {
  readonly kind: InspectionKind;
  readonly id: string;
  readonly action: string;
  readonly stage?: number | undefined;
  readonly input: ActionInput;
}

const GUARD_MESSAGES: Record<string, string> = {
  escalated: '该违章未达到约见业户的次数，或已记录过约见。',
};

const staleText = async (
  d: InspectionFlowDeps,
  ctx: HandlerContext,
  kind: InspectionKind,
  t: InspectionRef,
) => {
  const last = [...t.history].reverse().find((h) => !['start', 'opened', 'filed'].includes(h.action));
  if (!last) return `${t.number} 的这张卡片已过期，请以最新消息为准。`;
  const who = last.actorId ? ((await d.people.get(last.actorId))?.name ?? '他人') : '系统';
  const done = d.inspections.spec(kind, last.action)?.done ?? '处理';
  return `${t.number} 已由${who}于 ${ctx.time.human(last.at)} 处理（${done}），无需重复操作。`;
};

/** Runs one inspection action and answers the person who pressed or typed, whatever the outcome. */
export const runInspectionAction = async (
  d: InspectionFlowDeps,
  ctx: HandlerContext,
  t: InspectionTarget,
): Promise<void> => {
  const o = await d.inspections.act(
    t.kind,
    {
      id: t.id,
      action: t.action,
      actor: { person: ctx.actor, account: ctx.sender },
      input: t.input,
      ...(t.stage !== undefined ? { stage: t.stage } : {}),
    },
    ctx.batch,
  );
  switch (o.kind) {
    case 'done':
      break;
    case 'missing_input': {
      const first = o.missing[0];
      if (!first) return;
      const pending = {
        kind: t.kind,
        id: t.id,
        action: t.action,
        ...(t.stage !== undefined ? { stage: t.stage } : {}),
        key: first.key,
        lastInboundId: ctx.inboundId,
      };
      ctx.onFlushed(() => d.inspectionPending.save(ctx.event.platform, ctx.event.userId, pending));
      ctx.replyText(`${first.question}\n（回复“取消”放弃）`);
      break;
    }
    case 'stale':
      ctx.replyText(await staleText(d, ctx, t.kind, o.current));
      break;
    case 'refused':
      ctx.replyText(
        o.why === 'guard'
          ? (GUARD_MESSAGES[o.guard ?? ''] ?? '暂时不能进行此操作。')
          : ctx.actor
            ? '您无权进行此操作。本次操作已记录。'
            : '您的账号尚未绑定，无法操作。本次操作已记录。',
      );
      break;
    case 'not_found':
      ctx.replyText('该记录不存在。');
      break;
  }
};
