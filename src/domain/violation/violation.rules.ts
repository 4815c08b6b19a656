import { parseChineseNumber } from '../../nlu/numbers.js';
import type { NoticeKind, ViolationStatus } from './violation.types.js';

/** Fix-by time when the assistant names none ("限时整改"). */
export const DEFAULT_FIX_MINUTES = 120;

/** From this offence on, the senior assistant and the manager are called in (屡劝屡犯, 9.3.1.3). */
export const DEFAULT_REPEAT_THRESHOLD = 3;

/** "限2小时", "30分钟内整改", "一天内": the fix-by time the assistant gave, in minutes. */
export const fixMinutesIn = (text: string): number | undefined => {
  const m = /([0-9]+|[一二两三四五六七八九十半]+)\s*(个)?\s*(小时|分钟|天)/.exec(text);
  if (!m?.[1] || !m[3]) return undefined;
  const n =
    m[1] === '半'
      ? 0.5
      : /^[0-9]+$/.test(m[1])
        ? Number(m[1])
        : (parseChineseNumber(m[1].replace('两', '二')) ?? 0);
  if (!(n > 0)) return undefined;
  const unit = m[3] === '小时' ? 60 : m[3] === '分钟' ? 1 : 24 * 60;
  return Math.round(n * unit);
};

export const NOTICE_LABELS: Record<NoticeKind, string> = { warning: '违章警告书', breach: '违约处理单' };
/** Number prefixes of the notices: 警告 JG, 违约 WY. */
export const NOTICE_PREFIX: Record<NoticeKind, string> = { warning: 'JG', breach: 'WY' };

export const VIOLATION_STATUS_LABELS: Record<ViolationStatus, string> = {
  open: '限期整改中',
  recheck: '待复查',
  rectified: '已整改',
  noticed: '已发通知书待签收',
  signed: '商户已签收',
};
