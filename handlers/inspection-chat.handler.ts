import type { PatrolView } from '../src/domain/patrol/patrol.types.js';
import { normalizeText } from '../src/nlu/normalize.js';
import type { InspectionPending } from '../src/state/inspection-pending.store.js';
import type { Handler, HandlerContext } from './context.js';
import { CANCEL } from './conversation/text-rules.js';
import { recordCleaning, replyStandard } from './inspections/cleaning-chat.js';
import { recordDispute, reportDamage } from './inspections/dispute-chat.js';
import { type InspectionFlowDeps, runInspectionAction } from './inspections/inspection-flow.js';
import {
  CLEANING_DEDUCT,
  CLEANING_MINOR,
  CLEANING_STANDARD,
  COVERAGE,
  DAMAGE,
  DISPUTE,
  END_PATROL,
  NOT_A_FINDING,
  SHOP_VIOLATIONS,
  START_PATROL,
} from './inspections/inspection-text.js';
import {
  endPatrol,
  mayPatrol,
  type PatrolChatDeps,
  patrolPhoto,
  recordFinding,
  replyCoverage,
  replyShopViolations,
  startPatrol,
} from './inspections/patrol-chat.js';

export type InspectionChatDeps = PatrolChatDeps & InspectionFlowDeps;

type Plan =
  | { readonly kind: 'pending'; readonly p: InspectionPending; readonly text: string }
  | { readonly kind: 'start' | 'end'; readonly patrol: PatrolView | null }
  | { readonly kind: 'coverage'; readonly word: string | undefined }
  | { readonly kind: 'violations'; readonly unit: string }
  | { readonly kind: 'finding'; readonly patrol: PatrolView; readonly text: string }
  | { readonly kind: 'photo'; readonly patrol: PatrolView }
  | { readonly kind: 'standard' }
  | { readonly kind: 'dispute' | 'damage'; readonly text: string }
  | { readonly kind: 'cleaning'; readonly code?: string; readonly text: string };

const textOf = (ctx: HandlerContext): string | undefined => {
  const m = ctx.event.message;
  if (!m) return undefined;
  if (m.type === 'text' || m.type === 'rich') return m.text ?? '';
  if (m.type === 'voice' && m.text) return m.text;
  return undefined;
};

/**
 * Staff chat about patrols and violations: "开始巡场", findings (text and photos) while walking,
 * "结束巡场", "巡场情况", "B1-05 违章", and the words a violation or cleaning button asked for.
 * Everything else goes on to the conversation.
 */
export const inspectionChatHandler = (d: InspectionChatDeps): Handler => {
  const plans = new WeakMap<HandlerContext, Plan>();
  const plan = async (ctx: HandlerContext): Promise<Plan | undefined> => {
    const actor = ctx.actor;
    if (!actor || ctx.event.kind !== 'message') return undefined;
    const raw = textOf(ctx);
    if (raw !== undefined) {
      const p = await d.inspectionPending.get(ctx.event.platform, ctx.event.userId);
      if (p) return { kind: 'pending', p, text: raw };
    }
    if (actor.kind !== 'staff') return undefined;
    const isPhoto = ctx.event.message?.type === 'image';
    if (raw === undefined && !isPhoto) return undefined;
    const text = raw === undefined ? '' : normalizeText(raw).trim();
    if (START_PATROL.test(text)) return { kind: 'start', patrol: null };
    const cov = COVERAGE.exec(text);
    if (cov) return { kind: 'coverage', word: cov[1] };
    if (CLEANING_STANDARD.test(text)) return { kind: 'standard' };
    const deduct = CLEANING_DEDUCT.exec(text);
    if (deduct?.[1] !== undefined) return { kind: 'cleaning', code: deduct[1], text: deduct[2] ?? '' };
    const minor = CLEANING_MINOR.exec(text);
    if (minor?.[1]) return { kind: 'cleaning', text: minor[1] };
    const dispute = DISPUTE.exec(text);
    if (dispute?.[1]) return { kind: 'dispute', text: dispute[1] };
    const damage = DAMAGE.exec(text);
    if (damage?.[1]) return { kind: 'damage', text: damage[1] };
    // Only those who may patrol can be walking one (startPatrol refuses everyone else), so other
    // staff skip the store round trip; anyone may still end a patrol left open.
    const walking =
      mayPatrol(actor) || END_PATROL.test(text) ? await d.inspections.patrols.walking(actor.id) : null;
    if (END_PATROL.test(text)) return { kind: 'end', patrol: walking };
    const shop = SHOP_VIOLATIONS.exec(text);
    if (shop?.[1] && !walking) return { kind: 'violations', unit: shop[1] };
    if (!walking) return undefined;
    if (isPhoto) return { kind: 'photo', patrol: walking };
    if (!text || NOT_A_FINDING.test(text)) return undefined;
    return { kind: 'finding', patrol: walking, text: raw ?? text };
  };
  return {
    name: 'inspection-chat',
    async match(ctx) {
      const p = await plan(ctx);
      if (p) plans.set(ctx, p);
      return p !== undefined;
    },
    async handle(ctx) {
      const p = plans.get(ctx);
      const actor = ctx.actor;
      if (!p || !actor) return;
      switch (p.kind) {
        case 'pending': {
          if (p.p.lastInboundId === ctx.inboundId) return;
          ctx.onFlushed(() => d.inspectionPending.clear(ctx.event.platform, ctx.event.userId));
          if (CANCEL.test(p.text.trim())) {
            ctx.replyText('已取消该操作，未作任何更改。');
            return;
          }
          await runInspectionAction(d, ctx, {
            kind: p.p.kind,
            id: p.p.id,
            action: p.p.action,
            stage: p.p.stage,
            input: { [p.p.key]: p.text.trim() },
          });
          return;
        }
        case 'start':
          return startPatrol(d, ctx, actor);
        case 'end':
          return endPatrol(d, ctx, p.patrol);
        case 'coverage':
          return replyCoverage(d, ctx, actor, p.word);
        case 'violations':
          if (!(await replyShopViolations(d, ctx, p.unit)))
            ctx.replyText(`没有找到铺位 ${p.unit}，请确认铺位号。`);
          return;
        case 'finding':
          return recordFinding(d, ctx, actor, p.patrol, p.text);
        case 'photo':
          return patrolPhoto(d, ctx, actor, p.patrol);
        case 'standard':
          return replyStandard(ctx);
        case 'dispute':
          return recordDispute(d, ctx, actor, p.text);
        case 'damage':
          return reportDamage(d, ctx, actor, p.text);
        case 'cleaning':
          return recordCleaning(d, ctx, actor, {
            ...(p.code !== undefined ? { code: p.code } : {}),
            text: p.text,
          });
      }
    },
  };
};
