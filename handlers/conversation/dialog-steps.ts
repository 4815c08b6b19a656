import { presentConfirmCard } from '../../cards/confirm.card.js';
import { APPROVAL_LABELS } from '../../src/domain/approval/approval.rules.js';
import type { PersonView } from '../../src/domain/people/people.types.js';
import type { NluResult } from '../../src/nlu/parse.js';
import type { DialogState } from '../../src/state/dialog.store.js';
import type { HandlerContext } from '../context.js';
import { type Field, type FilingIntent, FORMS, valueFromMessage } from './forms.js';

export const FILING_LABELS: Record<FilingIntent, string> = {
  complaint: '投诉登记',
  repair: '报修',
  written_complaint: '书面投诉登记',
  ...APPROVAL_LABELS,
};

/** Requests that act on a shop: a tenant may only make them for their own shop. */
const OWN_SHOP_ONLY = new Set<FilingIntent>([
  'goods_release',
  'renovation',
  'lock_change',
  'after_hours',
  'move_out',
  'key_loan',
]);

const needed = (intent: FilingIntent, actor: PersonView): Field[] =>
  FORMS[intent].filter((f) => !(f.outsidersOnly && actor.kind === 'staff'));

/** The dialog id derives from the event that opened it, so a retried job files the same ticket. */
export const newDialog = (
  intent: FilingIntent,
  nlu: NluResult,
  raw: string,
  inboundId: string,
  now: Date,
): DialogState => ({
  id: `d${inboundId}`,
  intent,
  fields: {},
  awaiting: '',
  /** The person's own words, as written (normalisation is for understanding only). */
  originalText: raw.trim(),
  urgency: nlu.slots.urgency,
  createdAt: now.toISOString(),
  lastInboundId: inboundId,
  retries: 0,
});

export type FillProblem = { readonly field: Field; readonly message: string };

/**
 * Fills what a message gives. `answerTo` is the field being asked (a bare answer counts for it).
 * Returns a problem when a given value is not acceptable (unknown unit, another tenant's shop).
 */
export const fillFrom = (
  actor: PersonView,
  d: DialogState,
  nlu: NluResult,
  answerTo: string | undefined,
): FillProblem | undefined => {
  const intent = d.intent as FilingIntent;
  for (const field of needed(intent, actor)) {
    const isAnswer = field.key === answerTo;
    if (d.fields[field.key] && !isAnswer) continue;
    if ((field.kind === 'unit' || field.kind === 'where') && nlu.slots.unit && !nlu.slots.unitVerified) {
      return {
        field,
        message: `没有找到铺位 ${nlu.slots.unit}，请确认铺位号（例如 B1-23、A1023、205、3F-12）。`,
      };
    }
    const v = valueFromMessage(field, nlu, { asAnswer: isAnswer });
    if (!v) continue;
    if (
      field.kind === 'unit' &&
      actor.kind === 'tenant' &&
      OWN_SHOP_ONLY.has(intent) &&
      !actor.shopCodes.includes(v.value)
    ) {
      return {
        field,
        message: `您只能为自己的铺位（${actor.shopCodes.join('、') || '未绑定铺位'}）办理${FILING_LABELS[intent]}。`,
      };
    }
    d.fields[field.key] = v.value;
    for (const [k, x] of Object.entries(v.extra ?? {})) d.fields[`${field.key}${k}`] = x;
  }
  return undefined;
};

/** Fills location fields from the tenant's own shop when nothing was said. */
export const applyDefaults = (actor: PersonView, d: DialogState): void => {
  const own = actor.kind === 'tenant' ? actor.shopCodes[0] : undefined;
  if (!own) return;
  for (const field of FORMS[d.intent as FilingIntent]) {
    if (field.defaultsToOwnShop && !d.fields[field.key]) {
      d.fields[field.key] = own;
      d.fields[`${field.key}_unit`] = own;
    }
  }
};

/** The first required field still missing, if any. */
export const missingField = (actor: PersonView, d: DialogState): Field | undefined =>
  needed(d.intent as FilingIntent, actor).find((f) => f.required && !d.fields[f.key]);

/** Asks the next question, or sends the confirmation card when everything is known. */
export const nextStep = (ctx: HandlerContext, actor: PersonView, d: DialogState, prefix = ''): void => {
  const missing = missingField(actor, d);
  if (missing) {
    d.awaiting = missing.key;
    ctx.replyText(`${prefix}${missing.question}`);
    return;
  }
  d.awaiting = 'confirm';
  const intent = d.intent as FilingIntent;
  const fields = [
    ...needed(intent, actor)
      .filter((f) => d.fields[f.key])
      .map((f) => ({ label: f.label, value: d.fields[f.key] ?? '' })),
    ...(intent === 'complaint' || intent === 'repair'
      ? [{ label: '描述', value: d.originalText.slice(0, 80) }]
      : []),
    ...(d.fields._attachments
      ? [{ label: '照片', value: `${d.fields._attachments.split(',').length} 张` }]
      : []),
  ];
  const cardId = `dlg-${d.id}-${ctx.inboundId}`;
  d.fields._confirmCardId = cardId;
  if (prefix) ctx.replyText(prefix.trim());
  ctx.reply({
    type: 'card',
    subject: { kind: 'dialog', id: d.id },
    card: presentConfirmCard({
      cardId,
      dialogId: d.id,
      what: FILING_LABELS[intent],
      fields,
      quote: d.originalText,
    }),
  });
};
