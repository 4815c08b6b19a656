import { CN_NUM_CHARS, NUM_PATTERN, parseChineseNumber } from '../numbers.js';

export interface QuantitySlot {
  readonly value: number;
  /** Measure word: 箱, 件, 台... */
  readonly measure: string;
  /** What is counted, when said right after ("10箱衣服" → 衣服). */
  readonly item: string;
  readonly raw: string;
}

const MEASURES =
  '箱|件|个|只|把|包|袋|台|张|份|套|盒|桶|捆|车|批|条|块|瓶|双|扇|樽|组|辆|部|位|人|名|架|卷|筐|麻袋';
const QTY_RE = new RegExp(`(${NUM_PATTERN})\\s*(${MEASURES})([\\p{Script=Han}A-Za-z]{0,8})?`, 'gu');
/** Words that end an item name ("10箱衣服出场" → 衣服), including the next quantity. */
const ITEM_STOP = new RegExp(
  `(出场|出去|进场|放行|拉走|搬走|运走|要|需要|申请|过来|出|进|到|的|和|跟|还有|以及|明天|今天|后天|今晚|早上|上午|下午|晚上|中午|[${CN_NUM_CHARS}]+(?:${MEASURES}))`,
  'u',
);

/** Words that precede an item name rather than belong to it. */
const LEAD = /^.*(申请|放行|要|出|搬|运|拉|办|把|有|和|跟|及|给|帮|我|们|的)/u;

/** The item named right before a count ("衣服 10箱" → 衣服), if any. */
const itemBefore = (before: string): string => {
  const m = /([\p{Script=Han}A-Za-z]{1,8})\s*$/u.exec(before);
  if (!m?.[1]) return '';
  const cut = m[1].replace(LEAD, '');
  return /^(今天|明天|后天|今晚|早上|上午|下午|晚上|中午|共|一共|大概|约)$/.test(cut) ? '' : cut;
};

/** Quantities with measure words: "10箱衣服", "衣服 10箱", "两台冰箱", "三个营业员". */
export const extractQuantities = (text: string): QuantitySlot[] => {
  const out: QuantitySlot[] = [];
  QTY_RE.lastIndex = 0;
  for (let m = QTY_RE.exec(text); m; m = QTY_RE.exec(text)) {
    const value = parseChineseNumber(m[1] ?? '');
    if (value === undefined || value <= 0) continue;
    // "一下", "一些" are not quantities; "一个" alone is fine.
    const rawItem = m[3] ?? '';
    const stop = ITEM_STOP.exec(rawItem);
    const after = stop ? rawItem.slice(0, stop.index) : rawItem;
    // "衣服 10箱": the item can come before the count.
    const item = after || itemBefore(text.slice(0, m.index));
    out.push({ value, measure: m[2] ?? '', item, raw: m[0].slice(0, m[0].length - rawItem.length) + item });
    // Continue right after the item, so "两台冰箱和三个货架" yields both quantities.
    QTY_RE.lastIndex = m.index + m[0].length - rawItem.length + item.length;
  }
  return out;
};

export interface AreaSlot {
  readonly m2: number;
  readonly raw: string;
}

const AREA_RE = new RegExp(
  `(${NUM_PATTERN})\\s*(?:个)?\\s*(?:平方米|平方|平米|平|m2|M2|㎡|方)(?![\\p{Script=Han}]*?(?:台|柜))`,
  'u',
);

/** Building area: "56平", "80平米", "120㎡" (NFKC turns ㎡ into m2), "五十六平方". */
export const extractArea = (text: string): AreaSlot | undefined => {
  const m = AREA_RE.exec(text);
  if (!m) return undefined;
  const v = parseChineseNumber(m[1] ?? '');
  return v !== undefined && v > 0 && v < 100_000 ? { m2: v, raw: m[0] } : undefined;
};
