import type {
  Billing,
  CompensationStatus,
  RepairCategory,
  RepairStatus,
  RepairUrgency,
} from './repair.types.js';

const CATEGORIES: readonly [RegExp, RepairCategory][] = [
  [/电梯|扶梯|货梯|观光梯/, 'lift'],
  [/警报|报警|烟感|喷淋|消防/, 'alarm'],
  [/漏水|渗水|滴水|积水|水漫|爆管|水管在漏|在漏/, 'leak'],
  [/马桶|下水道|洗手池|水龙头|地漏|堵|反味|水压|热水器|冲水/, 'plumbing'],
  [/空调|冷气|暖气|不制冷|冷风/, 'aircon'],
  [/灯|射灯|灯管|灯箱/, 'lighting'],
  [/电|跳闸|插座|火花|短路|开关|焦味|发烫/, 'power'],
  [/锁/, 'lock'],
  [/门|卷闸|卷帘|玻璃/, 'door'],
];

export const repairCategory = (text: string): RepairCategory =>
  CATEGORIES.find(([re]) => re.test(text))?.[1] ?? 'other';

export const REPAIR_CATEGORY_LABELS: Record<RepairCategory, string> = {
  leak: '漏水',
  power: '供电',
  lighting: '照明',
  aircon: '空调',
  door: '门窗',
  lock: '门锁',
  lift: '电梯',
  plumbing: '给排水',
  alarm: '消防报警',
  other: '其他',
};

/**
 * Free (public areas, handover defects) or paid (a tenant's own unit, 有偿维修); inside a shop it
 * is for engineering to assess, since a handover defect is free there too.
 */
export const repairBilling = (inShop: boolean): Billing => (inShop ? 'to_assess' : 'free');

export const REPAIR_STATUS_LABELS: Record<RepairStatus, string> = {
  reported: '待接单',
  dispatched: '已派单',
  accepted: '已接单',
  quoted: '待商户确认报价',
  in_progress: '维修中',
  fixed: '已修好待确认',
  waiting: '挂起',
  closed: '已完成',
  cancelled: '已取消',
};

export const COMPENSATION_LABELS: Record<CompensationStatus, string> = {
  none: '无',
  due: '待缴纳',
  paid: '已缴纳',
  deducted: '已从保证金扣除',
};

export const REPAIR_URGENCY_LABELS: Record<RepairUrgency, string> = {
  normal: '普通',
  urgent: '加急',
  emergency: '紧急',
};

/** One level more urgent (提高紧急程度), or undefined at the top. */
export const raisedUrgency = (u: RepairUrgency): RepairUrgency | undefined =>
  u === 'normal' ? 'urgent' : u === 'urgent' ? 'emergency' : undefined;

export const BILLING_LABELS: Record<Billing, string> = {
  free: '免费维修',
  paid: '有偿维修',
  to_assess: '待工程部判定',
};
