import type { Dayjs } from 'dayjs';
import { CN_NUM_CHARS, parseChineseNumber } from '../numbers.js';

export interface WhenSlot {
  /** The moment, ISO 8601 with offset, in the business zone. */
  readonly iso: string;
  /** `YYYY-MM-DD` in the business zone. */
  readonly date: string;
  /** `HH:mm` when a time or a part of the day was said. */
  readonly time?: string;
  /** True when only a part of the day was said ("明天上午" → 10:00). */
  readonly approximate: boolean;
  readonly raw: string;
}

const N = `(?:\\d{1,2}|[${CN_NUM_CHARS}]{1,3})`;
const WEEKDAY: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
  '5': 5,
  '6': 6,
  '7': 7,
};

type Period = 'dawn' | 'morning' | 'forenoon' | 'noon' | 'afternoon' | 'dusk' | 'evening';
const PERIOD_WORDS: readonly [RegExp, Period][] = [
  [/凌晨/, 'dawn'],
  [/早上|早晨|清早|一早|今早|明早|早班/, 'morning'],
  [/上午/, 'forenoon'],
  [/中午/, 'noon'],
  [/下午/, 'afternoon'],
  [/傍晚/, 'dusk'],
  [/晚上|今晚|明晚|夜里|夜间|晚间|今夜|晚班|闭店后|关门后/, 'evening'],
];
const DEFAULT_HOUR: Record<Period, number> = {
  dawn: 5,
  morning: 8,
  forenoon: 10,
  noon: 12,
  afternoon: 15,
  dusk: 18,
  evening: 20,
};

const num = (s: string | undefined): number | undefined =>
  s === undefined ? undefined : parseChineseNumber(s);

interface DatePart {
  readonly day: Dayjs;
  readonly raw: string;
  /** Weekday or day-of-month said without "下/这": may roll forward when the time has passed. */
  readonly explicit: boolean;
}

const isoWeekday = (d: Dayjs): number => (d.day() === 0 ? 7 : d.day());

const findDate = (text: string, now: Dayjs): DatePart | undefined => {
  const today = now.startOf('day');
  let m =
    /(大后天|后天|明天|明日|明儿|明早|明晚|今天|今日|今儿|今早|今晚|今夜|大前天|前天|昨天|昨日|昨晚)/.exec(
      text,
    );
  if (m?.[1]) {
    const w = m[1];
    const offset = w.startsWith('大后')
      ? 3
      : w.startsWith('后')
        ? 2
        : w.startsWith('明')
          ? 1
          : w.startsWith('大前')
            ? -3
            : w.startsWith('前')
              ? -2
              : w.startsWith('昨')
                ? -1
                : 0;
    return { day: today.add(offset, 'day'), raw: w, explicit: true };
  }
  m = /(下下|下|这|本|这个|下个)?\s*(?:周|星期|礼拜)([一二三四五六日天1-7])/.exec(text);
  if (m?.[2]) {
    const target = WEEKDAY[m[2]] ?? 1;
    const monday = today.subtract(isoWeekday(today) - 1, 'day');
    const prefix = m[1] ?? '';
    if (prefix.startsWith('下下'))
      return { day: monday.add(14 + target - 1, 'day'), raw: m[0], explicit: true };
    if (prefix.startsWith('下')) return { day: monday.add(7 + target - 1, 'day'), raw: m[0], explicit: true };
    if (prefix) return { day: monday.add(target - 1, 'day'), raw: m[0], explicit: true };
    const delta = (target - isoWeekday(today) + 7) % 7;
    return { day: today.add(delta, 'day'), raw: m[0], explicit: false };
  }
  m = /(下个?月|本月|这个月)?\s*(月底|月末|月初)/.exec(text);
  if (m?.[2]) {
    const base = m[1]?.startsWith('下') ? today.add(1, 'month') : today;
    const day =
      m[2] === '月初'
        ? m[1]
          ? base.startOf('month')
          : today.add(1, 'month').startOf('month')
        : base.endOf('month').startOf('day');
    return { day, raw: m[0], explicit: true };
  }
  m = new RegExp(`(${N})\\s*月\\s*(${N})\\s*(?:日|号)`).exec(text);
  if (m) {
    const mo = num(m[1]);
    const d = num(m[2]);
    if (mo && d && mo <= 12 && d <= 31) {
      let day = today.month(mo - 1).date(d);
      if (day.isBefore(today.subtract(1, 'day'))) day = day.add(1, 'year');
      return { day, raw: m[0], explicit: true };
    }
  }
  m = new RegExp(`(下个?月)?\\s*(?<![\\d${CN_NUM_CHARS}])(${N})\\s*(?:号|日)(?![铺店档楼门口位])`).exec(text);
  if (m) {
    const d = num(m[2]);
    if (d && d <= 31) {
      let day = (m[1] ? today.add(1, 'month') : today).date(d);
      if (!m[1] && day.isBefore(today)) day = day.add(1, 'month');
      return { day, raw: m[0], explicit: Boolean(m[1]) };
    }
  }
  return undefined;
};

/** "3天后", "两天以后": that many days from today (a date; a time of day may follow). */
const daysLater = (text: string, now: Dayjs): DatePart | undefined => {
  const m = new RegExp(`(${N})\\s*天\\s*(?:之后|以后|后)`).exec(text);
  const n = num(m?.[1]);
  return m && n !== undefined && n <= 366
    ? { day: now.startOf('day').add(n, 'day'), raw: m[0], explicit: true }
    : undefined;
};

const findPeriod = (text: string): { period: Period; raw: string } | undefined => {
  for (const [re, period] of PERIOD_WORDS) {
    const m = re.exec(text);
    if (m) return { period, raw: m[0] };
  }
  return undefined;
};

const findClock = (text: string, loose: boolean): { h: number; min: number; raw: string } | undefined => {
  const hm = /(?<!\d)([01]?\d|2[0-3])\s*[:：]\s*([0-5]\d)(?!\d)/.exec(text);
  if (hm) return { h: Number(hm[1]), min: Number(hm[2]), raw: hm[0] };
  const re = new RegExp(`(${N})\\s*(?:点钟?|时)(?:\\s*(半|一刻|三刻|(${N})\\s*分?))?`, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const word = m[1] ?? '';
    const before = text.slice(Math.max(0, m.index - 1), m.index);
    // "快一点", "多一点": not a time. Chinese hours count only when a date/period is said or "钟/半" follows.
    if (
      !/\d/.test(word) &&
      (/[快慢早晚多少好大小再有差]/.test(before) ||
        (!loose &&
          !/钟|半|刻|分|整|左右|前|到/.test(
            m[0] + text.slice(m.index + m[0].length, m.index + m[0].length + 2),
          )))
    ) {
      continue;
    }
    const h = num(word);
    if (h === undefined || h > 24) continue;
    const minWord = m[2];
    const min =
      minWord === '半'
        ? 30
        : minWord === '一刻'
          ? 15
          : minWord === '三刻'
            ? 45
            : minWord
              ? (num(m[3]) ?? 0)
              : 0;
    if (min > 59) continue;
    return { h, min, raw: m[0] };
  }
  return undefined;
};

const adjustHour = (h: number, period: Period | undefined): number => {
  if (!period) return h;
  if ((period === 'afternoon' || period === 'dusk' || period === 'evening') && h < 12) return h + 12;
  if (period === 'noon' && h >= 1 && h <= 3) return h + 12;
  if (period === 'dawn' && h === 12) return 0;
  return h;
};

/**
 * Reads when something should happen, relative to `now` in the business zone: 今晚, 明天下午3点,
 * 周六下午 (the coming Saturday, never a past one), 下周一 (Monday of next calendar week, weeks
 * starting on Monday), 月底, 12月3日下午两点半, 8点 (tomorrow if 8:00 has passed), 两小时后, 3天后.
 */
export const extractWhen = (text: string, now: Dayjs): WhenSlot | undefined => {
  const rel = new RegExp(`(半|${N})\\s*个?\\s*(小时|钟头|分钟)\\s*(?:之后|以后|后)`).exec(text);
  if (rel) {
    const n = rel[1] === '半' ? 0.5 : num(rel[1]);
    if (n !== undefined) {
      const at = now.add(rel[2] === '分钟' ? n : n * 60, 'minute');
      return {
        iso: at.format(),
        date: at.format('YYYY-MM-DD'),
        time: at.format('HH:mm'),
        approximate: false,
        raw: rel[0],
      };
    }
  }
  const date = findDate(text, now) ?? daysLater(text, now);
  const period = findPeriod(text);
  const clock = findClock(text, Boolean(date || period));
  if (!date && !period && !clock) return undefined;
  let day = date?.day ?? now.startOf('day');
  const raw = [date?.raw, period?.raw, clock?.raw].filter(Boolean).join('');
  if (!clock && !period) return { iso: day.format(), date: day.format('YYYY-MM-DD'), approximate: true, raw };
  const hour = clock ? adjustHour(clock.h, period?.period) : DEFAULT_HOUR[period?.period ?? 'forenoon'];
  let at = day
    .hour(0)
    .minute(0)
    .second(0)
    .millisecond(0)
    .add(hour, 'hour')
    .add(clock?.min ?? 0, 'minute');
  if (!date?.explicit && at.isBefore(now)) {
    // "8点出货" said at 10:00 means tomorrow; "周日下午" said on Sunday evening, next Sunday.
    day = date ? day.add(7, 'day') : day.add(1, 'day');
    at = at.add(date ? 7 : 1, 'day');
  }
  return {
    iso: at.format(),
    date: at.format('YYYY-MM-DD'),
    time: at.format('HH:mm'),
    approximate: !clock,
    raw,
  };
};
