import { isAboutPeople } from '../../src/domain/complaint/complaint.rules.js';
import type { PersonView } from '../../src/domain/people/people.types.js';
import { hasNoWords, normalizeText } from '../../src/nlu/normalize.js';
import { MAX_TEXT, type NluResult, parseMessage } from '../../src/nlu/parse.js';
import type { DialogState } from '../../src/state/dialog.store.js';
import type { HandlerContext } from '../context.js';
import type { ConversationDeps } from './deps.js';
import {
  applyDefaults,
  FILING_LABELS,
  type FillProblem,
  fillFrom,
  newDialog,
  nextStep,
} from './dialog-steps.js';
import { fileDialog, NOT_FILED } from './filing.js';
import { isFilingIntent } from './forms.js';
import { helpText } from './help.js';
import { myRequests } from './my-requests.js';
import { replyFees } from './replies.js';
import { replyStatus } from './status.js';
import { CANCEL, CONFIRM, CORRECTION } from './text-rules.js';
import { answerWaiting } from './typed-actions.js';

const MAX_RETRIES = 3;

const EXAMPLES =
  '例如：“铺里漏水了”“B1-23隔壁音乐太吵”“明天早上8点出10箱衣服，申请放行”。发送“帮助”查看全部功能。';

/** Reads a message with the shop registry and the business clock. */
export const understand = async (
  deps: ConversationDeps,
  ctx: HandlerContext,
  text: string,
): Promise<NluResult> => parseMessage(text, { now: ctx.time.now(), registry: await deps.units.codes() });

/**
 * Keeps the encrypted form of the ID number the dialog's `id` field now shows (intake sealed it;
 * the text only ever carried the masked form). Stale once the field changes to another number.
 */
const keepSealedId = (ctx: HandlerContext, d: DialogState): void => {
  const hit = d.fields.id ? ctx.event.sealedIds?.find((s) => s.masked === d.fields.id) : undefined;
  if (!hit) return;
  d.fields.id_sealed = hit.sealed;
  d.fields.id_sealedFor = hit.masked;
};

const saveLater = (deps: ConversationDeps, ctx: HandlerContext, d: DialogState) => {
  keepSealedId(ctx, d);
  ctx.onFlushed(() => deps.dialogs.save(ctx.event.platform, ctx.event.userId, d));
};
const clearLater = (deps: ConversationDeps, ctx: HandlerContext) =>
  ctx.onFlushed(() => deps.dialogs.clear(ctx.event.platform, ctx.event.userId));

/** Answers input the bot cannot read; true when it did. */
const rejectBadInput = (ctx: HandlerContext, raw: string): boolean => {
  const text = normalizeText(raw);
  if (text.length === 0) ctx.replyText('消息是空的，请用文字描述您的问题。');
  else if (text.length > MAX_TEXT)
    ctx.replyText(`消息太长了（超过${MAX_TEXT}字），请简要描述一下问题，例如“B1-23铺漏水”。`);
  else if (hasNoWords(text)) ctx.replyText('我看不懂表情和符号哦，请用文字描述您的问题。');
  else return false;
  return true;
};

/** Files at once, no confirmation: people trapped, sparks, flooding (the on-duty staff are paged). */
const fileEmergency = async (
  deps: ConversationDeps,
  ctx: HandlerContext,
  actor: PersonView,
  d: DialogState,
) => {
  applyDefaults(actor, d);
  await fileDialog(deps, ctx, actor, d);
};

const isEmergency = (nlu: NluResult) =>
  nlu.slots.urgency === 'emergency' && (nlu.intent === 'repair' || nlu.intent === 'complaint');

/** Starts the dialog for a request (or files an emergency at once). `raw` is kept as written. */
export const startFiling = async (
  deps: ConversationDeps,
  ctx: HandlerContext,
  actor: PersonView,
  nlu: NluResult,
  raw: string,
  intent: string = nlu.intent,
): Promise<void> => {
  if (!isFilingIntent(intent)) return;
  if (intent === 'archive_access' && actor.kind !== 'staff') {
    ctx.replyText('档案查阅仅限商场员工申请；商户如需查看本铺资料，请到前台办理。');
    return;
  }
  const d = newDialog(intent, nlu, raw, ctx.inboundId, ctx.now);
  // Photos sent just before the words belong to this report.
  const waiting = await deps.inbox.takeOrphans(ctx.event.platform, ctx.event.userId);
  if (waiting.length > 0) d.fields._attachments = waiting.join(',');
  const problem = fillFrom(actor, d, nlu, undefined);
  if (d.urgency === 'emergency' && (d.intent === 'repair' || d.intent === 'complaint')) {
    // Emergencies about people (a fight, an injury, threats) stay complaints and page security;
    // faults of things (sparks, flooding, people trapped in a lift) are emergency repairs.
    d.intent = isAboutPeople(nlu.text) ? 'complaint' : 'repair';
    await fileEmergency(deps, ctx, actor, d);
    return;
  }
  applyDefaults(actor, d);
  nextStep(ctx, actor, d, problem ? `${problem.message}\n` : '');
  saveLater(deps, ctx, d);
};

/** One reply inside a dialog that is waiting for a field or for confirmation. */
const continueDialog = async (
  deps: ConversationDeps,
  ctx: HandlerContext,
  actor: PersonView,
  d: DialogState,
  text: string,
  raw: string,
): Promise<void> => {
  d.lastInboundId = ctx.inboundId;
  const correction = CORRECTION.exec(text);
  if (d.awaiting === 'confirm') {
    if (CONFIRM.test(text)) {
      await confirm(deps, ctx, actor, d, undefined);
      return;
    }
    if (!correction) {
      const nlu = await understand(deps, ctx, text);
      if (
        nlu.intent !== 'unknown' &&
        nlu.intent !== 'smalltalk' &&
        nlu.confidence >= 0.6 &&
        !isSameRequest(d, nlu)
      ) {
        ctx.replyText(`已放弃未提交的${FILING_LABELS[d.intent as keyof typeof FILING_LABELS]}。`);
        clearLater(deps, ctx);
        await handleFresh(deps, ctx, actor, nlu, raw);
        return;
      }
      ctx.replyText('请回复“确认”提交，或回复“取消”放弃；如需修改，请说“改成…”。');
      saveLater(deps, ctx, d);
      return;
    }
  }
  const nlu = await understand(deps, ctx, correction?.[1] ?? text);
  const answerTo = d.awaiting === 'confirm' ? undefined : d.awaiting;
  if (correction) {
    const outcome = applyCorrection(actor, d, nlu, answerTo);
    if (outcome === 'nothing')
      ctx.replyText('没能识别要修改的内容，请说例如“改成明天下午4点”或“改成B1-24”。');
    else if (outcome) ctx.replyText(`${outcome.message}\n${outcome.field.question}`);
    else nextStep(ctx, actor, d, '已修改。\n');
    saveLater(deps, ctx, d);
    return;
  }
  const before = answerTo ? d.fields[answerTo] : undefined;
  const problem = fillFrom(actor, d, nlu, answerTo);
  const answered = answerTo ? d.fields[answerTo] !== undefined && d.fields[answerTo] !== before : false;
  if (problem) {
    d.retries++;
    ctx.replyText(`${problem.message}\n${problem.field.question}`);
  } else if (!answered && answerTo) {
    d.retries++;
    if (d.retries >= MAX_RETRIES) {
      ctx.replyText('抱歉，多次没能理解您的回答，本次办理已取消，未提交任何内容。请重新描述您的需求。');
      clearLater(deps, ctx);
      return;
    }
    nextStep(ctx, actor, d, '没能理解您的回答。');
  } else {
    d.retries = 0;
    nextStep(ctx, actor, d);
  }
  saveLater(deps, ctx, d);
};

const isSameRequest = (d: DialogState, nlu: NluResult) => nlu.intent === d.intent;

/** Keys a field's value was stored under (the value and its structured extras). */
const KEYS_OF: Record<string, readonly string[]> = {
  place: ['unit', 'unit_unit', 'where', 'where_unit', 'where_place'],
  when: ['when', 'when_whenIso'],
  items: ['items'],
  phone: ['phone'],
  id: ['id'],
};

/**
 * "改成…": the new words replace the fields they speak to (a unit or place, a time, quantities,
 * a phone, an ID). Nothing changes when they speak to none, or when the new value is refused.
 */
const applyCorrection = (
  actor: PersonView,
  d: DialogState,
  nlu: NluResult,
  answerTo: string | undefined,
): FillProblem | 'nothing' | undefined => {
  const before = { ...d.fields };
  const s = nlu.slots;
  const spoken = [
    s.unit || s.place ? 'place' : '',
    s.when ? 'when' : '',
    s.quantities ? 'items' : '',
    s.phone ? 'phone' : '',
    s.idNumber ? 'id' : '',
  ];
  for (const group of spoken) for (const k of KEYS_OF[group] ?? []) delete d.fields[k];
  const problem = fillFrom(actor, d, nlu, answerTo);
  if (problem || JSON.stringify(d.fields) === JSON.stringify(before)) {
    d.fields = before;
    return problem ?? 'nothing';
  }
  return undefined;
};

/** Files the dialog after a "确认" (text or card button) and updates the confirmation card. */
export const confirm = async (
  deps: ConversationDeps,
  ctx: HandlerContext,
  actor: PersonView,
  d: DialogState,
  clicked: { cardId: string; responseCode?: string } | undefined,
): Promise<void> => {
  keepSealedId(ctx, d);
  const number = await fileDialog(deps, ctx, actor, d);
  closeConfirmCard(ctx, d, number === NOT_FILED ? NOT_FILED : `已提交 · ${number}`, clicked);
  clearLater(deps, ctx);
};

export const cancel = (
  deps: ConversationDeps,
  ctx: HandlerContext,
  d: DialogState,
  clicked?: { cardId: string; responseCode?: string },
): void => {
  ctx.replyText('已取消，未提交任何内容。');
  closeConfirmCard(ctx, d, '已取消', clicked);
  clearLater(deps, ctx);
};

const closeConfirmCard = (
  ctx: HandlerContext,
  d: DialogState,
  label: string,
  clicked: { cardId: string; responseCode?: string } | undefined,
) => {
  const cardId = clicked?.cardId ?? d.fields._confirmCardId;
  if (!cardId) return;
  ctx.reply({
    type: 'card_update',
    cardId,
    replaceName: label,
    ...(clicked?.responseCode ? { responseCode: clicked.responseCode } : {}),
    fallbackText: `确认卡片：${label}`,
  });
};

/** A message with no dialog open. */
const handleFresh = async (
  deps: ConversationDeps,
  ctx: HandlerContext,
  actor: PersonView,
  nlu: NluResult,
  raw: string,
): Promise<void> => {
  switch (nlu.intent) {
    case 'help':
      ctx.replyText(helpText(actor));
      return;
    case 'smalltalk':
      ctx.replyText(
        /谢/.test(nlu.text) ? '不客气，有需要随时找我。' : `您好，${actor.name}！有什么可以帮您？${EXAMPLES}`,
      );
      return;
    case 'query_status':
      await replyStatus(deps, ctx, actor, nlu);
      return;
    case 'fee_quote':
      await replyFees(deps, ctx, actor, nlu);
      return;
    case 'unknown':
      ctx.replyText(`抱歉，我没有理解您的意思。${EXAMPLES}`);
      return;
    default:
      await startFiling(deps, ctx, actor, nlu, raw);
  }
};

/** Everything a bound person types comes here. */
export const converse = async (
  deps: ConversationDeps,
  ctx: HandlerContext,
  actor: PersonView,
  raw: string,
): Promise<void> => {
  if (rejectBadInput(ctx, raw)) return;
  const text = normalizeText(raw);
  const d = await deps.dialogs.get(ctx.event.platform, ctx.event.userId);
  if (d && d.lastInboundId === ctx.inboundId) return; // this event was applied before a crash; its replies are stored
  if (CANCEL.test(text)) {
    if (d) cancel(deps, ctx, d);
    else ctx.replyText('当前没有进行中的事项。');
    return;
  }
  if (d) {
    // An emergency jumps the queue; the dialog in progress stays as it was.
    const nlu = await understand(deps, ctx, text);
    if (isEmergency(nlu)) await startFiling(deps, ctx, actor, nlu, raw);
    else await continueDialog(deps, ctx, actor, d, text, raw);
    return;
  }
  if (await answerWaiting(deps, ctx, actor, text)) return;
  if (await myRequests(deps, ctx, actor, text)) return;
  await handleFresh(deps, ctx, actor, await understand(deps, ctx, text), raw);
};
