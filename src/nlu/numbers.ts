const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  俩: 2,
  三: 3,
  叁: 3,
  仨: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };

/** Characters that can form a Chinese numeral (for building patterns). */
export const CN_NUM_CHARS = '零〇一壹二贰两俩三叁仨四肆五伍六陆七柒八捌九玖十拾百佰千仟万';

/**
 * Parses a Chinese numeral ("两" 2, "十" 10, "二十五" 25, "一百零八" 108, "三千" 3000, "一万二"
 * 12000) or plain digits. Undefined when it is not a number.
 */
export const parseChineseNumber = (s: string): number | undefined => {
  const t = s.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  if (t.length === 0 || ![...t].every((c) => c in DIGITS || c in UNITS || c === '万')) return undefined;
  // "一九八" style digit strings
  if ([...t].every((c) => c in DIGITS) && t.length > 1) return Number([...t].map((c) => DIGITS[c]).join(''));
  let total = 0;
  let section = 0;
  let current = 0;
  let lastUnit = 1;
  for (const c of t) {
    if (c in DIGITS) {
      current = DIGITS[c] ?? 0;
    } else if (c === '万') {
      section += current;
      total += (section || 1) * 10_000;
      section = 0;
      current = 0;
      lastUnit = 10_000;
    } else {
      const unit = UNITS[c] ?? 1;
      section += (current || 1) * unit;
      current = 0;
      lastUnit = unit;
    }
  }
  // "一万二" = 12000, "三百五" = 350: a trailing digit takes the next lower unit.
  if (current > 0 && lastUnit >= 100 && !t.includes('零')) current *= lastUnit / 10;
  return total + section + current;
};

/** A number written either way, inside a larger string: first match. */
export const NUM_PATTERN = `(?:\\d+(?:\\.\\d+)?|[${CN_NUM_CHARS}]+)`;
