import type { Dayjs } from 'dayjs';
import { defaultClassifier, type IntentClassifier } from './classify.js';
import type { Intent } from './intents.js';
import { normalizeText } from './normalize.js';
import { extractIdNumber, extractPhone } from './slots/contact.js';
import { extractPlace } from './slots/place.js';
import { type AreaSlot, extractArea, extractQuantities, type QuantitySlot } from './slots/quantity.js';
import { extractUnit, maskUnits } from './slots/unit.js';
import { extractUrgency, type Urgency } from './slots/urgency.js';
import { extractWhen, type WhenSlot } from './slots/when.js';
import { extractWindow, type WindowSlot } from './slots/window.js';

export interface Slots {
  /** Canonical unit code, when one is named. */
  readonly unit?: string;
  /** Whether the unit exists in the shop registry. */
  readonly unitVerified?: boolean;
  readonly place?: string;
  readonly floor?: string;
  readonly quantities?: readonly QuantitySlot[];
  readonly area?: AreaSlot;
  readonly when?: WhenSlot;
  /** A time window ("周六下午2点到5点"), when one is said. */
  readonly window?: WindowSlot;
  readonly phone?: string;
  /** Masked; the full number is never returned. */
  readonly idNumber?: string;
  readonly idNumberValid?: boolean;
  readonly urgency: Urgency;
  readonly ticketNumber?: string;
}

export interface NluResult {
  readonly intent: Intent;
  readonly confidence: number;
  readonly slots: Slots;
  readonly text: string;
}

export interface ParseContext {
  /** Now, in the business time zone. */
  readonly now: Dayjs;
  /** Known unit codes; without it units are returned unverified. */
  readonly registry?: ReadonlySet<string>;
  /** Defaults to the classifier trained on the shipped corpus. */
  readonly classifier?: IntentClassifier;
}

/** Longest text the bot reads; beyond it the message is answered without parsing. */
export const MAX_TEXT = 500;

/** Understands one message: intent plus every slot found (ask-what-is-missing happens elsewhere). */
export const parseMessage = (raw: string, ctx: ParseContext): NluResult => {
  const text = normalizeText(raw).slice(0, MAX_TEXT);
  const { intent, confidence } = (ctx.classifier ?? defaultClassifier()).classify(text);
  const unit = extractUnit(text, ctx.registry);
  const rest = maskUnits(text);
  const place = unit ? undefined : extractPlace(text);
  const quantities = extractQuantities(rest);
  const area = extractArea(rest);
  const when = extractWhen(rest, ctx.now);
  const window = extractWindow(rest, ctx.now);
  const phone = extractPhone(text);
  const id = extractIdNumber(text);
  const ticket = /\b(TS|WX|SP)\d{8}-\d{3,}\b/i.exec(text)?.[0]?.toUpperCase();
  const slots: Slots = {
    urgency: extractUrgency(text),
    ...(unit ? { unit: unit.code, unitVerified: unit.verified } : {}),
    ...(place ? { place: place.text, ...(place.floor ? { floor: place.floor } : {}) } : {}),
    ...(quantities.length > 0 ? { quantities } : {}),
    ...(area ? { area } : {}),
    ...(when ? { when } : {}),
    ...(window ? { window } : {}),
    ...(phone ? { phone } : {}),
    ...(id ? { idNumber: id.masked, idNumberValid: id.valid } : {}),
    ...(ticket ? { ticketNumber: ticket } : {}),
  };
  return { intent, confidence, slots, text };
};
