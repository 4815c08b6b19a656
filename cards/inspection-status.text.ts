import { SHIFT_LABELS } from '../src/domain/patrol/patrol.rules.js';
import { NOTICE_LABELS, VIOLATION_STATUS_LABELS } from '../src/domain/violation/violation.rules.js';
import type { InspectionItem } from '../src/inspections/inspection-queries.js';
import { CLEANING_STATUS_LABELS } from './cleaning.card.js';

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

/**
 * One to-do line of an inspection matter, like a ticket's: "· XC20261201-001 巡场记录（早班，3 项）：
 * 待审阅（12月1日 10:00）", "· WZ… 违章 B1-23：待复查（期限 12月1日 11:00）「…」".
 */
export const inspectionLine = (i: InspectionItem, when: (d: Date) => string): string => {
  switch (i.kind) {
    case 'patrol':
      return `· ${i.view.number} 巡场情况记录表（${SHIFT_LABELS[i.view.shift]}，${i.view.findingCount} 项）：待审阅（${when(i.view.startedAt)}）`;
    case 'violation': {
      const v = i.view;
      if (v.status === 'noticed')
        return `· ${NOTICE_LABELS[v.noticeKind ?? 'warning']} ${v.noticeNumber ?? ''}（${v.number}，${v.shopCode}）：待签收「${cut(v.text, 16)}」`;
      return `· ${v.number} 违章 ${v.shopCode}：${VIOLATION_STATUS_LABELS[v.status]}（整改期限 ${when(v.fixBy)}）「${cut(v.text, 16)}」`;
    }
    case 'cleaning':
      return `· ${i.view.number} 清洁扣分 ${i.view.itemCode} ${i.view.item} ${i.view.points} 分：${CLEANING_STATUS_LABELS[i.view.status]}「${cut(i.view.text, 16)}」`;
  }
};
