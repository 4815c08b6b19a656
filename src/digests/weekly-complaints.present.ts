import type { BarChartSpec } from './chart.js';
import type { WeeklyComplaintStats } from './complaint-stats.js';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_KIND_NAMES,
  COMPLAINT_STATUS_LABELS,
  durationLabel,
} from './digest-labels.js';

const list = (
  counts: Record<string, number>,
  labels: Readonly<Record<string, string>>,
  unknown = '未注明',
): string => {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries.length === 0
    ? '无'
    : entries.map(([k, n]) => `${labels[k] ?? (k || unknown)} ${n}`).join(' · ');
};

/** One line of the callback-visit list (回访): a complaint closed in the week, not yet visited. */
export interface CallbackLine {
  readonly number: string;
  readonly where: string;
  readonly category: string;
  readonly closed: string;
}

/** At most this many complaints are listed (and sent as cards); the rest are on the dashboard. */
export const CALLBACK_LIST_MAX = 20;

const callbackSection = (list: readonly CallbackLine[], pending: number): string[] => {
  if (list.length === 0) return [];
  const more = pending - list.length;
  return [
    '',
    `**待回访清单**（点卡片上的“已回访”并填写回访记录）：`,
    ...list.map((c) => `- ${c.number} ${c.where} ${c.category}（${c.closed} 办结）`),
    ...(more > 0 ? [`- 另有 ${more} 件，见管理后台“回访”列表`] : []),
  ];
};

/**
 * The weekly complaint summary as people read it (Chinese markdown): pure, from the computed
 * statistics, the week's label and the callback list.
 */
export const presentWeeklyComplaints = (
  s: WeeklyComplaintStats,
  week: string,
  callbackList: readonly CallbackLine[] = [],
): { title: string; markdown: string } => {
  const title = `商场投诉周报（${week}）`;
  const lines = [
    `本周新增投诉 **${s.created}** 件：${list(s.byKind, COMPLAINT_KIND_NAMES)}`,
    `按状态：${list(s.byStatus, COMPLAINT_STATUS_LABELS)}`,
    `按类别：${list(s.byCategory, COMPLAINT_CATEGORY_LABELS)}`,
    `按楼层：${list(s.byFloor, {}, '楼层不详')}`,
    `超过承诺回复时间仍未处理：**${s.overdue}** 件`,
    `首次回复用时：中位数 ${durationLabel(s.firstReply.medianMs)}，90% 在 ${durationLabel(s.firstReply.p90Ms)} 内（${s.firstReply.n} 件）`,
    `结案用时（不含挂起等待）：中位数 ${durationLabel(s.close.medianMs)}，90% 在 ${durationLabel(s.close.p90Ms)} 内（${s.close.n} 件）；挂起等待合计 ${durationLabel(s.close.waitingMs)}`,
    s.repeatShopCount === 0
      ? '重复投诉商户：无'
      : `重复投诉商户 ${s.repeatShopCount} 家：${s.repeatShops.map((r) => `${r.shopCode}（${r.count}次）`).join('、')}`,
    s.satisfaction.average === null
      ? '满意度：本周无评价'
      : `满意度：平均 ${s.satisfaction.average.toFixed(1)} 分（${s.satisfaction.rated} 人评价）`,
    `回访：本周结案 ${s.callbacks.closed} 件，已回访 ${s.callbacks.done} 件，待回访 ${s.callbacks.closed - s.callbacks.done} 件`,
    ...callbackSection(callbackList, s.callbacks.closed - s.callbacks.done),
  ];
  return { title, markdown: lines.join('\n') };
};

/** The chart: this week's complaints by category, one series per kind. */
export const weeklyComplaintsChart = (
  byKindCategory: Record<string, Record<string, number>>,
  week: string,
): BarChartSpec => {
  const categories = COMPLAINT_CATEGORIES;
  return {
    title: `本周投诉分类（${week}）`,
    categories: categories.map((c) => COMPLAINT_CATEGORY_LABELS[c]),
    series: Object.keys(COMPLAINT_KIND_NAMES).map((k) => ({
      name: COMPLAINT_KIND_NAMES[k] ?? k,
      values: categories.map((c) => byKindCategory[k]?.[c] ?? 0),
    })),
  };
};
