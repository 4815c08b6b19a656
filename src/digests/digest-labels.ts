import { APPROVAL_STATUS_LABELS } from '../domain/approval/approval.rules.js';
import { COMPLAINT_CATEGORY_LABELS, COMPLAINT_STATUS_LABELS } from '../domain/complaint/complaint.rules.js';
import { COMPLAINT_CATEGORIES } from '../domain/complaint/complaint.types.js';
import { REPAIR_STATUS_LABELS } from '../domain/repair/repair.rules.js';

/** The domain's own Chinese labels, re-exported for the digests (one vocabulary). */
export {
  APPROVAL_STATUS_LABELS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_STATUS_LABELS,
  REPAIR_STATUS_LABELS,
};

/** Short kind names for counts and chart legends ("一般 12 · 重大 3"). */
export const COMPLAINT_KIND_NAMES: Record<string, string> = {
  general: '一般',
  major: '重大',
  written: '书面',
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
