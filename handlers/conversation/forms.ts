import { APPROVAL_TYPE_DEFS } from '../../src/domain/approval/approval.rules.js';
import { APPROVAL_TYPES, type ApprovalType } from '../../src/domain/approval/approval.types.js';
import { findSpace } from '../../src/domain/approval/space.rules.js';
import { type Field, textField, whereField } from '../../src/domain/shared/form.js';
import type { NluResult } from '../../src/nlu/parse.js';

export type { Field, FieldKind } from '../../src/domain/shared/form.js';

/** What the bot files: a complaint, a repair, or one of the approval types. */
export type FilingIntent = 'complaint' | 'repair' | 'written_complaint' | ApprovalType;

/** One form per filing intent: the fields asked for, in order. `detail` is the message itself. */
export const FORMS: Record<FilingIntent, readonly Field[]> = {
  complaint: [whereField('请问是在哪个位置或哪个铺位？（例如“3楼东侧洗手间”或“B1-23”）')],
  repair: [whereField('请问是哪个铺位或位置出了问题？（例如“B1-23”或“中庭”）')],
  /** Registered by the front desk from a letter (rulebook 11: 书面投诉, logged in the incoming-document register). */
  written_complaint: [
    textField('docNo', '来文编号', '请输入来文登记编号（收文登记号）：'),
    textField('complainant', '投诉人', '请输入投诉人（单位或姓名）：'),
    { ...whereField('请问投诉涉及哪个铺位或位置？'), defaultsToOwnShop: false },
    textField('content', '投诉内容', '请输入投诉内容摘要：'),
  ],
  // Each request type's form is part of its type data.
  ...(Object.fromEntries(APPROVAL_TYPES.map((t) => [t, APPROVAL_TYPE_DEFS[t].form])) as Record<
    ApprovalType,
    readonly Field[]
  >),
};

export const isFilingIntent = (i: string): i is FilingIntent => i in FORMS;

/** Values a message gives for each field kind, or undefined when it does not give one. */
export const valueFromMessage = (
  field: Field,
  nlu: NluResult,
  opts: { asAnswer: boolean },
): { value: string; extra?: Record<string, string> } | undefined => {
  const s = nlu.slots;
  switch (field.kind) {
    case 'where':
      if (s.unit && s.unitVerified) return { value: s.unit, extra: { _unit: s.unit } };
      if (s.place) return { value: s.place, extra: { _place: s.place } };
      return undefined;
    case 'unit':
      return s.unit && s.unitVerified ? { value: s.unit, extra: { _unit: s.unit } } : undefined;
    case 'items': {
      const q = s.quantities?.filter((x) => x.measure !== '人' && x.measure !== '位' && x.measure !== '名');
      if (q && q.length > 0)
        return { value: q.map((x) => `${x.item || '物品'} ${x.value}${x.measure}`).join('，') };
      return opts.asAnswer && nlu.text.length >= 2 ? { value: nlu.text } : undefined;
    }
    case 'when':
      return s.when
        ? {
            value: s.when.time ? `${s.when.date} ${s.when.time}` : s.when.date,
            extra: { _whenIso: s.when.iso },
          }
        : undefined;
    case 'phone':
      return s.phone ? { value: s.phone } : undefined;
    case 'id':
      return s.idNumber && s.idNumberValid ? { value: s.idNumber } : undefined;
    case 'count': {
      const people = s.quantities?.find((x) => ['人', '位', '名', '个'].includes(x.measure));
      if (people) return { value: `${people.value}人` };
      const n = /^\s*(\d{1,3})\s*$/.exec(nlu.text);
      return n && opts.asAnswer ? { value: `${n[1]}人` } : undefined;
    }
    case 'yesno':
      if (!opts.asAnswer && !/复印/.test(nlu.text)) return undefined;
      if (/不需要|不用|不复印|否|no/i.test(nlu.text)) return { value: '不需要' };
      // Whether a file is important is the archive clerk's call (7.2.9), not the requester's.
      if (/需要|要|复印|是|yes/i.test(nlu.text)) return { value: '需要' };
      return undefined;
    case 'overnight':
      if (/过夜|明天还|明日还|次日|隔天|第二天/.test(nlu.text)) return { value: '次日归还（需经理批准）' };
      if (opts.asAnswer && /当天|今天|不过夜/.test(nlu.text)) return { value: '当天归还' };
      return undefined;
    case 'window':
      return s.window
        ? { value: s.window.text, extra: { _startIso: s.window.startIso, _endIso: s.window.endIso } }
        : undefined;
    case 'space': {
      const space = findSpace(nlu.text);
      return space ? { value: space.name, extra: { _code: space.code } } : undefined;
    }
    case 'attachments':
      // Filled by the files themselves (the media handler), never by words.
      return undefined;
    case 'text':
      return opts.asAnswer && nlu.text.length >= 2 ? { value: nlu.text.slice(0, 200) } : undefined;
  }
};
