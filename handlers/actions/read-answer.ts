import type { Dayjs } from 'dayjs';
import type { PersonView } from '../../src/domain/people/people.types.js';
import type { InputSpec } from '../../src/domain/shared/action-spec.js';
import { normalizeText } from '../../src/nlu/normalize.js';
import { NUM_PATTERN, parseChineseNumber } from '../../src/nlu/numbers.js';
import { extractWhen } from '../../src/nlu/slots/when.js';

/** A reply read for one question: the value to store and how to show it, or what was wrong. */
export type Answer =
  | { readonly ok: true; readonly value: string; readonly shown: string }
  | { readonly ok: false; readonly message: string };

const SKIP = /^(无|没有|跳过|不用了?|没了|no|none)[。.!！]?$/i;
const MAX_TEXT = 500;
/** A resume date said without a time of day means this time of that day (office opening). */
const OPENING_MS = 9 * 3600_000;

const number = (text: string): number | undefined => {
  const m = new RegExp(NUM_PATTERN).exec(text.replace(/[,，](?=\d{3})/g, ''));
  return m ? parseChineseNumber(m[0]) : undefined;
};

export interface AnswerContext {
  /** Now in the business zone (times are read relative to it). */
  readonly now: Dayjs;
  /** Staff who may be named for a `staff` question. */
  readonly staff: readonly PersonView[];
  readonly human: (d: Date) => string;
}

/**
 * Reads one answer. The person's own words are kept for text answers; numbers, times and names
 * are checked so that a typo gets a clear question again instead of a wrong record.
 */
export const readAnswer = (spec: InputSpec, raw: string, ctx: AnswerContext): Answer => {
  const text = raw.trim();
  if (spec.optional && (text === '' || SKIP.test(text))) return { ok: true, value: '', shown: '无' };
  if (text === '') return { ok: false, message: '内容不能为空。' };
  switch (spec.kind) {
    case 'text':
      if (text.length > MAX_TEXT)
        return { ok: false, message: `内容太长（超过${MAX_TEXT}字），请精简后再发。` };
      return { ok: true, value: text, shown: text };
    case 'money': {
      const n = number(normalizeText(text));
      if (n === undefined || !(n > 0) || n >= 10_000_000)
        return { ok: false, message: '没能读出金额，请只回复数字，例如“800”或“800元”。' };
      const v = Math.round(n * 100) / 100;
      return { ok: true, value: String(v), shown: `${v} 元` };
    }
    case 'percent': {
      const n = number(normalizeText(text).replace(/成/, '0'));
      const min = spec.min ?? 0;
      const max = spec.max ?? 100;
      if (n === undefined || n < min || n > max)
        return { ok: false, message: `比例需在 ${min}%-${max}% 之间，例如“30%”。` };
      return { ok: true, value: String(Math.round(n)), shown: `${Math.round(n)}%` };
    }
    case 'datetime': {
      const when = extractWhen(normalizeText(text), ctx.now);
      if (!when) return { ok: false, message: '没能读出时间，请说例如“明天下午5点”或“12月3日上午10点”。' };
      const at = new Date(when.iso);
      if (at.getTime() <= ctx.now.valueOf())
        return { ok: false, message: '这个时间已经过去了，请给一个之后的时间。' };
      return { ok: true, value: at.toISOString(), shown: ctx.human(at) };
    }
    case 'date': {
      // A day ("明天", "12月3日", "3天后"); without a time of day it means the office opening.
      const when = extractWhen(normalizeText(text), ctx.now);
      if (!when) return { ok: false, message: '没能读出日期，请说例如“明天”“12月3日”或“3天后”。' };
      // A date alone is the start of that day in the business zone: 09:00 is when offices open.
      const at = new Date(new Date(when.iso).getTime() + (when.time ? 0 : OPENING_MS));
      if (at.getTime() <= ctx.now.valueOf())
        return { ok: false, message: '这个日期已经过去了，请给一个之后的日期。' };
      return { ok: true, value: at.toISOString(), shown: ctx.human(at) };
    }
    case 'choice': {
      const t = normalizeText(text);
      const hit = (spec.options ?? []).find((o) =>
        o.words.some((w) => t === w || (w.length > 1 && t.includes(w))),
      );
      if (!hit) return { ok: false, message: `请回复序号，例如“1”。\n${spec.question}` };
      return { ok: true, value: hit.value, shown: hit.label };
    }
    case 'staff': {
      const name = normalizeText(text).replace(/^(派给|给|交给)/, '');
      const hits = ctx.staff.filter((p) => p.name === name || p.name.includes(name) || name.includes(p.name));
      if (hits.length === 1 && hits[0]) return { ok: true, value: hits[0].id, shown: hits[0].name };
      const names = ctx.staff.map((p) => p.name).join('、') || '（暂无人员）';
      return {
        ok: false,
        message:
          hits.length > 1 ? `有多位同名人员，请回复全名：${names}` : `没有找到“${name}”，可选：${names}`,
      };
    }
  }
};
