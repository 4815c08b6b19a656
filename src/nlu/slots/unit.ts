import { parseChineseNumber } from '../numbers.js';

export interface UnitSlot {
  /** Canonical code as in the shop registry: `A1023`, `B1-23`, `3F-12`, `205`. */
  readonly code: string;
  /** The text it was read from. */
  readonly raw: string;
  /** True when the code exists in the registry given to the extractor. */
  readonly verified: boolean;
}

const CN_DIGIT = '一二三四五六七八九';
const floorNumber = (s: string): number | undefined => {
  const n = /^\d$/.test(s) ? Number(s) : parseChineseNumber(s);
  return n !== undefined && n >= 1 && n <= 9 ? n : undefined;
};
const pad2 = (s: string) => s.padStart(2, '0');

interface Candidate {
  readonly raw: string;
  readonly index: number;
  /** Canonical spellings to try against the registry, most likely first. */
  readonly codes: readonly string[];
  /** A bare number with no unit marker: only accepted when the registry knows it. */
  readonly weak: boolean;
}

const RULES: readonly { re: RegExp; codes: (m: RegExpExecArray) => string[]; weak?: boolean }[] = [
  // B1-23, b1-23, B1 23, B1－23铺, B123
  {
    re: /(?<![A-Za-z0-9])[Bb]\s*([1-3])\s*[-_ ]?\s*(\d{1,3})(?!\d)/g,
    codes: (m) => [`B${m[1]}-${pad2(m[2] ?? '')}`, `B${m[1]}-${m[2]}`],
  },
  // 负一楼23号, 地下一层23号铺
  {
    re: new RegExp(`(?:负|地下)([${CN_DIGIT}1-3])\\s*(?:楼|层)\\s*(\\d{1,3})\\s*号?`, 'g'),
    codes: (m) => {
      const f = floorNumber(m[1] ?? '');
      return f ? [`B${f}-${pad2(m[2] ?? '')}`] : [];
    },
  },
  // 3F-12, 3f12, 3F 12
  {
    re: /(?<![A-Za-z0-9])([1-9])\s*[Ff]\s*[-_ ]?\s*(\d{1,3})(?!\d)/g,
    codes: (m) => [`${m[1]}F-${pad2(m[2] ?? '')}`, `${m[1]}${pad2(m[2] ?? '')}`],
  },
  // Block-floor-number with a separator: D3-15, E1-07, d3 15, C2_8
  {
    re: /(?<![A-Za-z0-9])([AC-Zac-z])\s*([1-9])\s*[-_ ]\s*(\d{1,3})(?!\d)/g,
    codes: (m) => {
      const block = `${(m[1] ?? '').toUpperCase()}${m[2]}`;
      return [`${block}-${pad2(m[3] ?? '')}`, `${block}-${m[3]}`, `${block}${pad2(m[3] ?? '')}`];
    },
  },
  // A1023, A区1023, a 1023; D315 may also be written D3-15 in the registry
  {
    re: /(?<![A-Za-z0-9])([A-Za-z])\s*区?\s*(\d{3,4})(?!\d)/g,
    codes: (m) => {
      const letter = (m[1] ?? '').toUpperCase();
      const digits = m[2] ?? '';
      return [`${letter}${digits}`, `${letter}${digits.slice(0, 1)}-${digits.slice(1)}`];
    },
  },
  // 二楼205, 2楼205号, 三楼12号铺, 3楼的12号
  {
    re: new RegExp(`(?<!\\d)([${CN_DIGIT}1-9])\\s*(?:楼|层)\\s*的?\\s*(\\d{1,3})\\s*号?`, 'g'),
    codes: (m) => {
      const f = floorNumber(m[1] ?? '');
      const n = m[2] ?? '';
      if (!f) return [];
      return n.length === 3 && n.startsWith(String(f))
        ? [n, `${f}F-${pad2(n.slice(1))}`]
        : [`${f}F-${pad2(n)}`, `${f}${pad2(n)}`];
    },
  },
  // 205铺, 205号铺, 1023号店, 205档口
  {
    re: /(?<![\dA-Za-z-])(\d{3,4})\s*号?\s*(?:铺|店|档|商铺|铺位|单元)/g,
    codes: (m) => [m[1] ?? ''],
  },
  // a bare 3-4 digit number: only if the registry has it
  { re: /(?<![\dA-Za-z.:\-：])(\d{3,4})(?![\d.:：%])/g, codes: (m) => [m[1] ?? ''], weak: true },
];

/** Every unit-code candidate in the text, in order of appearance. */
const candidates = (text: string): Candidate[] => {
  const out: Candidate[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      const codes = rule.codes(m).filter(Boolean);
      if (codes.length > 0) out.push({ raw: m[0].trim(), index: m.index, codes, weak: rule.weak ?? false });
    }
  }
  return out.sort((a, b) => a.index - b.index || Number(a.weak) - Number(b.weak));
};

/**
 * Finds the shop unit a message names, in the forms people use (`A1023`, `A区1023`, `B1-23`,
 * `3F-12`, `205铺`, `二楼205`). With a registry, a candidate counts only if the registry has one of
 * its spellings; without one, the first strong candidate is returned unverified.
 */
export const extractUnit = (text: string, registry?: ReadonlySet<string>): UnitSlot | undefined => {
  const all = candidates(text);
  if (registry) {
    for (const c of all) {
      const hit = c.codes.find((code) => registry.has(code));
      if (hit) return { code: hit, raw: c.raw, verified: true };
    }
    const strong = all.find((c) => !c.weak);
    return strong ? { code: strong.codes[0] ?? strong.raw, raw: strong.raw, verified: false } : undefined;
  }
  const strong = all.find((c) => !c.weak);
  return strong ? { code: strong.codes[0] ?? strong.raw, raw: strong.raw, verified: false } : undefined;
};

/** Removes unit mentions so numbers inside them are not read as quantities or times. */
export const maskUnits = (text: string): string => {
  let out = text;
  for (const c of candidates(text).filter((x) => !x.weak)) out = out.replace(c.raw, ' '.repeat(c.raw.length));
  return out;
};
