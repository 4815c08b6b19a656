import type { PendingInputStore } from '../src/state/pending-input.store.js';
import { type ActFlowDeps, runAction } from './actions/act-flow.js';
import { readAnswer } from './actions/read-answer.js';
import type { Handler, HandlerContext } from './context.js';
import { CANCEL } from './conversation/text-rules.js';

const MAX_RETRIES = 3;

const textOf = (ctx: HandlerContext): string | undefined => {
  const m = ctx.event.message;
  return m && (m.type === 'text' || m.type === 'voice' || m.type === 'rich') ? (m.text ?? '') : undefined;
};

/**
 * The words a button asked for (a reply to the tenant, a reason, a price, a promised time): one
 * question at a time, each answer checked, then the action is applied with all of them.
 */
export const pendingInputHandler = (
  d: ActFlowDeps & {
    readonly pending: PendingInputStore;
    /** Whether a message reads as a new request; an optional question then gives way to it. */
    readonly looksLikeRequest: (text: string) => boolean;
  },
): Handler => {
  const loaded = new WeakMap<HandlerContext, Awaited<ReturnType<PendingInputStore['get']>>>();
  return {
    name: 'pending-input',
    async match(ctx) {
      if (ctx.event.kind !== 'message' || !ctx.actor || textOf(ctx) === undefined) return false;
      const p = await d.pending.get(ctx.event.platform, ctx.event.userId);
      if (!p) return false;
      const asking = d.desk.spec(p.kind, p.action)?.inputs.find((i) => i.key === p.asking[0]);
      if (asking?.optional && d.looksLikeRequest(textOf(ctx) ?? '')) {
        await d.pending.clear(ctx.event.platform, ctx.event.userId);
        return false;
      }
      loaded.set(ctx, p);
      return true;
    },
    async handle(ctx) {
      const p = loaded.get(ctx);
      const text = textOf(ctx) ?? '';
      if (!p || p.lastInboundId === ctx.inboundId) return;
      const clear = () => ctx.onFlushed(() => d.pending.clear(ctx.event.platform, ctx.event.userId));
      if (CANCEL.test(text.trim())) {
        clear();
        ctx.replyText('已取消该操作，未作任何更改。');
        return;
      }
      const spec = d.desk.spec(p.kind, p.action);
      const asking = spec?.inputs.find((i) => i.key === p.asking[0]);
      if (!spec || !asking) {
        clear();
        return;
      }
      const answer = readAnswer(asking, text, {
        now: ctx.time.now(),
        human: (x) => ctx.time.human(x),
        staff: asking.kind === 'staff' && asking.role ? await d.people.staffWithRole(asking.role) : [],
      });
      if (!answer.ok) {
        if (p.retries + 1 >= MAX_RETRIES) {
          clear();
          ctx.replyText(`${answer.message}\n多次未能识别，本次操作已取消，请重新点击卡片按钮。`);
          return;
        }
        const again = { ...p, retries: p.retries + 1, lastInboundId: ctx.inboundId };
        ctx.onFlushed(() => d.pending.save(ctx.event.platform, ctx.event.userId, again));
        ctx.replyText(`${answer.message}\n${asking.question}`);
        return;
      }
      const answers = { ...p.answers, [asking.key]: answer.value };
      const rest = p.asking.slice(1);
      if (rest.length > 0) {
        const next = spec.inputs.find((i) => i.key === rest[0]);
        const saved = { ...p, asking: rest, answers, retries: 0, lastInboundId: ctx.inboundId };
        ctx.onFlushed(() => d.pending.save(ctx.event.platform, ctx.event.userId, saved));
        ctx.replyText(next?.question ?? '');
        return;
      }
      clear();
      await runAction(d, ctx, { kind: p.kind, id: p.id, action: p.action, stage: p.stage, input: answers });
    },
  };
};
