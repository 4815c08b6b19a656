import type { FindingCategory, PatrolShift } from './patrol.types.js';

/** Chinese names of the finding categories (9.2). */
export const FINDING_LABELS: Record<FindingCategory, string> = {
  hygiene: '公共卫生',
  attendance: '商铺考勤',
  covenant: '违反管理公约',
  facility: '设施故障',
  signage: '招牌灯箱',
  renovation: '装修现场',
  fire_safety: '消防安全',
  emergency: '突发事件',
};

export const SHIFT_LABELS: Record<PatrolShift, string> = { early: '早班', middle: '中班', night: '夜班' };

/** A label written first ("消防：…", "设施故障 …") decides the category outright. */
const EXPLICIT: readonly [RegExp, FindingCategory][] = [
  [/^(卫生|公共卫生|清洁)[：:\s]/, 'hygiene'],
  [/^(考勤|商铺考勤)[：:\s]/, 'attendance'],
  [/^(违规|违章|违约|公约|管理公约)[：:\s]/, 'covenant'],
  [/^(设施|设施故障|故障|报修)[：:\s]/, 'facility'],
  [/^(招牌|灯箱|招牌灯箱)[：:\s]/, 'signage'],
  [/^(装修|装修现场)[：:\s]/, 'renovation'],
  [/^(消防|消防安全)[：:\s]/, 'fire_safety'],
  [/^(突发|突发事件|紧急)[：:\s]/, 'emergency'],
];

/** Keywords, most urgent first: an emergency or a fire hazard outranks a dirty floor. */
const KEYWORDS: readonly [RegExp, FindingCategory][] = [
  [/打架|斗殴|受伤|晕倒|昏倒|着火|起火|火灾|被困|急救|偷窃|小偷/, 'emergency'],
  [/消防|灭火器|安全出口|疏散|消防通道|明火|烟感|喷淋|堵塞通道|电动车充电|私拉电线/, 'fire_safety'],
  [/坏了|故障|不亮|漏水|渗水|损坏|破损|跳闸|停运|不制冷|堵了|松动|不通电|断裂|失灵/, 'facility'],
  [/装修|施工|动火|围挡/, 'renovation'],
  [/招牌|灯箱|广告牌|横幅|海报|店招/, 'signage'],
  [/未开门|没开门|未营业|没营业|迟开|早关|提前关门|无人看铺|无人值守|考勤/, 'attendance'],
  [/占道|堆放|摆放|外摆|超出|摆卖|吸烟|噪音|太吵|音响|违规|违章|乱贴|张贴/, 'covenant'],
  [/垃圾|卫生|脏|污渍|异味|纸屑|积水|烟头|清洁|地面湿/, 'hygiene'],
];

/** The category of a finding from the assistant's words; undefined when nothing says which. */
export const classifyFinding = (text: string): FindingCategory | undefined => {
  const t = text.trim();
  return EXPLICIT.find(([re]) => re.test(t))?.[1] ?? KEYWORDS.find(([re]) => re.test(t))?.[1] ?? undefined;
};

/** The finding's words without a leading category label. */
export const findingText = (text: string): string =>
  text
    .trim()
    .replace(
      /^(卫生|公共卫生|清洁|考勤|商铺考勤|违规|违章|违约|公约|管理公约|设施|设施故障|故障|报修|招牌|灯箱|招牌灯箱|装修|装修现场|消防|消防安全|突发|突发事件|紧急)[：:]\s*/,
      '',
    );

/** Categories where a shop breaks a rule: named with a unit, they open a violation (9.3.1). */
export const BREACH_CATEGORIES: readonly FindingCategory[] = [
  'covenant',
  'fire_safety',
  'signage',
  'renovation',
];

/** The shifts whose patrol is required and checked when they end (assistants' 早班 and 中班). */
export const PATROLLED_SHIFTS: readonly PatrolShift[] = ['early', 'middle'];

/**
 * The shift a patrol belongs to: the one covering the minute of the day in the default shift
 * hours; in the overlap (14:00–16:00) the later shift, since the early one is ending.
 */
export const shiftAtMinute = (
  minute: number,
  hours: Readonly<Record<PatrolShift, { startMin: number; endMin: number }>>,
): PatrolShift => {
  const within = (s: PatrolShift) => {
    const h = hours[s];
    return h.startMin <= h.endMin
      ? minute >= h.startMin && minute < h.endMin
      : minute >= h.startMin || minute < h.endMin;
  };
  if (within('middle')) return 'middle';
  if (within('early')) return 'early';
  return 'night';
};
