import type { ApprovalType } from '../../src/domain/approval/approval.types.js';
import { findSpace, PUBLIC_SPACES } from '../../src/domain/approval/space.rules.js';
import type { NluResult } from '../../src/nlu/parse.js';

/** What the bot files: a complaint, a repair, or one of the approval types. */
export type FilingIntent = 'complaint' | 'repair' | 'written_complaint' | ApprovalType;

export type FieldKind =
  | 'where'
  | 'unit'
  | 'items'
  | 'when'
  | 'phone'
  | 'id'
  | 'count'
  | 'text'
  | 'yesno'
  | 'overnight'
  /** A time window (start and end): a space booking, after-hours work. */
  | 'window'
  /** One of the bookable public spaces. */
  | 'space'
  /** Files sent in chat while the field is asked (photos, PDFs); the value counts them. */
  | 'attachments';

export interface Field {
  readonly key: string;
  readonly label: string;
  readonly kind: FieldKind;
  /** The question, asked when the field is missing (one at a time). */
  readonly question: string;
  readonly required: boolean;
  /** Defaults to the tenant's own shop when nothing is said (where/unit fields). */
  readonly defaultsToOwnShop?: boolean;
  /** Only outside people (not staff) are asked. */
  readonly outsidersOnly?: boolean;
}

const where = (q: string): Field => ({
  key: 'where',
  label: '位置',
  kind: 'where',
  question: q,
  required: true,
  defaultsToOwnShop: true,
});
const unit = (q = '请问是哪个铺位？（例如 B1-23、A1023）'): Field => ({
  key: 'unit',
  label: '铺位',
  kind: 'unit',
  question: q,
  required: true,
  defaultsToOwnShop: true,
});
const when = (label: string, q: string): Field => ({
  key: 'when',
  label,
  kind: 'when',
  question: q,
  required: true,
});
const text = (key: string, label: string, q: string, required = true): Field => ({
  key,
  label,
  kind: 'text',
  question: q,
  required,
});

const slotField = (key: string, label: string, q: string): Field => ({
  key,
  label,
  kind: 'window',
  question: q,
  required: true,
});
const files = (key: string, label: string, q: string): Field => ({
  key,
  label,
  kind: 'attachments',
  question: q,
  required: true,
});

/** One form per filing intent: the fields asked for, in order. `detail` is the message itself. */
export const FORMS: Record<FilingIntent, readonly Field[]> = {
  complaint: [where('请问是在哪个位置或哪个铺位？（例如“3楼东侧洗手间”或“B1-23”）')],
  repair: [where('请问是哪个铺位或位置出了问题？（例如“B1-23”或“中庭”）')],
  /** Registered by the front desk from a letter (rulebook 11: 书面投诉, logged in the incoming-document register). */
  written_complaint: [
    text('docNo', '来文编号', '请输入来文登记编号（收文登记号）：'),
    text('complainant', '投诉人', '请输入投诉人（单位或姓名）：'),
    { ...where('请问投诉涉及哪个铺位或位置？'), defaultsToOwnShop: false },
    text('content', '投诉内容', '请输入投诉内容摘要：'),
  ],
  goods_release: [
    unit(),
    {
      key: 'items',
      label: '物品',
      kind: 'items',
      question: '请问要放行哪些物品、多少件？（例如“衣服 10箱”）',
      required: true,
    },
    when('出场时间', '请问什么时候出场？（例如“明天早上8点”）'),
  ],
  key_loan: [
    unit('请问要借哪个铺位或哪里的钥匙？'),
    {
      key: 'phone',
      label: '联系电话',
      kind: 'phone',
      question: '请提供您的联系电话。',
      required: true,
      outsidersOnly: true,
    },
    {
      key: 'id',
      label: '身份证号',
      kind: 'id',
      question: '请提供身份证号码（加密保存，仅显示脱敏号码）。',
      required: true,
      outsidersOnly: true,
    },
    {
      key: 'overnight',
      label: '归还',
      kind: 'overnight',
      question: '钥匙是否当天归还？（回复“当天”或“次日”）',
      required: false,
    },
  ],
  archive_access: [
    text('subject', '查阅档案', '请问要查阅哪份档案？（例如“B1-23的租赁合同”）'),
    {
      key: 'copy',
      label: '是否复印',
      kind: 'yesno',
      question: '是否需要复印？（回复“需要”或“不需要”）',
      required: true,
    },
  ],
  renovation: [
    unit(),
    when('开工时间', '请问计划什么时候开工？'),
    text('scope', '装修内容', '请简单说明装修内容。'),
    files('declaration', '防火材料承诺书', '请发送签字的防火（难燃）材料承诺书照片或PDF文件。'),
    files('drawings', '装修图纸', '请发送装修图纸（照片或PDF文件）。'),
  ],
  space_use: [
    {
      key: 'place',
      label: '场地',
      kind: 'space',
      question: `请问要使用哪块场地？（可选：${PUBLIC_SPACES.map((s) => s.name).join('、')}）`,
      required: true,
    },
    slotField('slot', '使用时段', '请问使用时段？（例如“周六下午2点到5点”）'),
    text('purpose', '用途', '请问用来做什么活动？'),
  ],
  lock_change: [unit(), text('reason', '原因', '请问换锁的原因？（例如“钥匙丢失”“员工离职”）')],
  staff_pass: [
    { key: 'count', label: '人数', kind: 'count', question: '请问要给几位营业员办证？', required: true },
    { key: 'phone', label: '联系电话', kind: 'phone', question: '请提供联系电话。', required: true },
  ],
  after_hours: [
    unit(),
    slotField('slot', '作业时段', '请问作业时段？（例如“今晚10点到明早6点”）'),
    text('work', '作业内容', '请问要做什么工作？'),
  ],
  posting: [
    text('content', '张贴内容', '请问要张贴什么内容？'),
    text('place', '张贴位置', '请问贴在什么位置？'),
    {
      key: 'until',
      label: '张贴至',
      kind: 'when',
      question: '请问张贴到哪天？（例如“12月10日”）',
      required: true,
    },
  ],
  move_out: [unit(), when('退场日期', '请问计划哪天退场？')],
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
