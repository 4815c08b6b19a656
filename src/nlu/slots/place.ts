import { parseChineseNumber } from '../numbers.js';

export interface PlaceSlot {
  /** Floor as the registry writes it: `B1`, `1F`, `2F`... */
  readonly floor?: string;
  /** The place as said, e.g. `3楼东侧洗手间`, `东门`, `地下车库B区`. */
  readonly text: string;
}

const PLACES = [
  '地下车库[A-Za-z]?区?',
  '停车场[A-Za-z]?区?',
  '车库[A-Za-z]?区?',
  '洗手间',
  '卫生间',
  '厕所',
  '男厕',
  '女厕',
  '母婴室',
  '中庭',
  '广场',
  '美食广场',
  '美食区',
  '观光梯',
  '货梯',
  '扶梯',
  '电梯厅',
  '电梯',
  '楼梯间?',
  '消防通道',
  '安全通道',
  '走廊',
  '过道',
  '通道',
  '出入口',
  '[东南西北正后侧]门',
  '大门',
  '门口',
  '服务台',
  '前台',
  '天台',
  '仓库',
  '卸货区',
  '装卸区',
  '吸烟区',
  '垃圾房',
  '配电房',
  '机房',
  '外广场',
  '外摆区',
  '休息区',
];
const DIRECTION = '(?:[东南西北](?:侧|边|面|头)?|[东西][南北](?:角)?|左侧|右侧|靠[东南西北]|对面|旁边|附近)';
const FLOOR = `(?:[Bb][1-3]|负[一二三]\\s*(?:楼|层)|地下[一二三]?\\s*层|[1-9一二三四五六七八九]\\s*(?:楼|层|[Ff](?![A-Za-z0-9-])))`;
const PLACE_RE = new RegExp(`(${FLOOR})?\\s*(${DIRECTION})?\\s*的?\\s*(${PLACES.join('|')})`);
const FLOOR_RE = new RegExp(FLOOR);

/** Canonical floor (`B1`, `3F`) from how it was said (`负一楼`, `三楼`, `3F`). */
export const canonicalFloor = (raw: string): string | undefined => {
  const s = raw.replace(/\s/g, '');
  const b = /^[Bb]([1-3])$/.exec(s) ?? /^(?:负|地下)([一二三])?/.exec(s);
  if (b) return `B${b[1] ? (/\d/.test(b[1]) ? b[1] : parseChineseNumber(b[1])) : 1}`;
  const f = /^([1-9一二三四五六七八九])/.exec(s);
  if (!f?.[1]) return undefined;
  const n = /\d/.test(f[1]) ? Number(f[1]) : parseChineseNumber(f[1]);
  return n ? `${n}F` : undefined;
};

/** A public place in the mall ("3楼东侧洗手间", "东门", "地下车库B区"), or just a floor. */
export const extractPlace = (text: string): PlaceSlot | undefined => {
  const m = PLACE_RE.exec(text);
  if (m) {
    const floor = m[1] ? canonicalFloor(m[1]) : undefined;
    return { text: m[0].replace(/\s+/g, ''), ...(floor ? { floor } : {}) };
  }
  const f = FLOOR_RE.exec(text);
  if (f) {
    const floor = canonicalFloor(f[0]);
    // "3楼12号" is a unit, not a place; callers read units first and skip this then.
    return floor ? { text: f[0].replace(/\s+/g, ''), floor } : undefined;
  }
  return undefined;
};
