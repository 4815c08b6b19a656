/** Chinese names the digests print (people read them in chat). */
export const COMPLAINT_CATEGORY_LABELS: Record<string, string> = {
  noise: '噪音',
  hygiene: '卫生',
  service: '服务',
  fees: '收费',
  order: '秩序',
  behaviour: '行为',
  other: '其他',
};

export const COMPLAINT_STATUS_LABELS: Record<string, string> = {
  open: '待处理',
  handling: '处理中',
  replied: '已回复',
  closed: '已结案',
};

export const COMPLAINT_KIND_NAMES: Record<string, string> = {
  general: '一般',
  major: '重大',
  written: '书面',
};

export const REPAIR_STATUS_LABELS: Record<string, string> = {
  open: '待派单',
  dispatched: '已派单',
  in_progress: '维修中',
  restored: '已修复待验收',
  accepted: '已验收',
  cancelled: '已取消',
};

export const APPROVAL_STATUS_LABELS: Record<string, string> = {
  pending: '审批中',
  approved: '已通过',
  rejected: '已驳回',
  cancelled: '已撤回',
};

/** `2小时5分钟` / `3天4小时` for a duration, `—` when there is none. */
export const durationLabel = (ms: number | null): string => {
  if (ms === null) return '—';
  const min = Math.max(0, Math.round(ms / 60_000));
  const d = Math.floor(min / 1440);
  const h = Math.floor((min % 1440) / 60);
  const m = min % 60;
  if (d > 0) return `${d}天${h}小时`;
  if (h > 0) return `${h}小时${m}分钟`;
  return `${m}分钟`;
};
