import type { DeductionItem } from './cleaning.types.js';

/**
 * The deduction standard (清洁管理扣分标准, 6; 4.1.10: shifts, people at their posts, appearance),
 * as data: an item code the inspector names in chat, the points, and what falls below standard.
 */
export const DEDUCTION_STANDARD: readonly DeductionItem[] = [
  {
    code: 'C01',
    area: '公共通道',
    item: '地面',
    points: 2,
    description: '地面有明显垃圾、污渍、积水未及时清理',
  },
  {
    code: 'C02',
    area: '洗手间',
    item: '洗手间',
    points: 3,
    description: '有异味，便池、洗手台不洁，纸巾或洗手液未补充',
  },
  {
    code: 'C03',
    area: '公共区域',
    item: '垃圾桶',
    points: 1,
    description: '垃圾桶满溢、未按时清倒或外表脏污',
  },
  {
    code: 'C04',
    area: '公共区域',
    item: '玻璃扶手',
    points: 1,
    description: '玻璃门窗、扶梯扶手有明显手印污迹',
  },
  { code: 'C05', area: '人员', item: '在岗', points: 2, description: '清洁员脱岗、未按排班到岗' },
  { code: 'C06', area: '人员', item: '仪容仪表', points: 1, description: '清洁员未穿工服、仪容仪表不整' },
  { code: 'C07', area: '外围', item: '外围广场', points: 2, description: '出入口、外围广场卫生不合格' },
  { code: 'C08', area: '外围', item: '绿化', points: 1, description: '绿化带有杂物，植物缺水枯黄' },
];

/** The contract the month is settled against: a monthly fee, less so much per point deducted. */
export interface CleaningContract {
  readonly monthlyFeeYuan: number;
  readonly yuanPerPoint: number;
}

export const DEFAULT_CLEANING_CONTRACT: CleaningContract = { monthlyFeeYuan: 60_000, yuanPerPoint: 50 };

/** The standard's item for a code (`C02`, `c2`), or undefined. */
export const deductionItem = (code: string): DeductionItem | undefined => {
  const m = /^[Cc]\s*0?(\d{1,2})$/.exec(code.trim());
  const norm = m?.[1] ? `C${m[1].padStart(2, '0')}` : code.trim().toUpperCase();
  return DEDUCTION_STANDARD.find((d) => d.code === norm);
};

/** Settlement of a month: points deducted, their value, and what is paid. */
export const settle = (points: number, c: CleaningContract) => {
  const deduction = points * c.yuanPerPoint;
  return { points, deduction, payable: Math.max(0, c.monthlyFeeYuan - deduction), fee: c.monthlyFeeYuan };
};
