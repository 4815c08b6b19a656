import type { Dayjs } from 'dayjs';
import type { TicketItem } from '../../src/desk/ticket-queries.js';
import { complaintCategory } from '../../src/domain/complaint/complaint.rules.js';
import { repairCategory } from '../../src/domain/repair/repair.rules.js';
import type { TicketKind } from '../../src/domain/shared/ticket.types.js';

/** What a question about an earlier report says about the ticket it means. */
export interface MatchHints {
  readonly kind?: TicketKind;
  readonly category?: string;
  readonly since?: Date;
  readonly until?: Date;
}

const KIND_WORDS: readonly [RegExp, TicketKind][] = [
  [/投诉|反映的|举报/, 'complaint'],
  [/申请|审批|批了|放行|钥匙|装修|出入证|场地|退场|档案|换锁|张贴/, 'approval'],
  [/报修|维修|修好|修了|工单|师傅|坏|漏|不亮|不制冷/, 'repair'],
];

/** Reads kind, category and time words ("上周那个单", "我报的漏水", "投诉有结果了吗"). */
export const hintsFrom = (text: string, now: Dayjs): MatchHints => {
  const kind = KIND_WORDS.find(([re]) => re.test(text))?.[1];
  const rc = repairCategory(text);
  const cc = complaintCategory(text);
  const category = kind === 'complaint' ? cc : kind === 'repair' || rc !== 'other' ? rc : cc;
  const day = now.startOf('day');
  const monday = day.subtract((day.day() + 6) % 7, 'day');
  const range: [Dayjs, Dayjs] | undefined = /上周|上个星期|上礼拜/.test(text)
    ? [monday.subtract(7, 'day'), monday]
    : /这周|本周|这个星期/.test(text)
      ? [monday, monday.add(7, 'day')]
      : /前天/.test(text)
        ? [day.subtract(2, 'day'), day.subtract(1, 'day')]
        : /昨天/.test(text)
          ? [day.subtract(1, 'day'), day]
          : /今天|刚才|刚刚/.test(text)
            ? [day, day.add(1, 'day')]
            : /上个月/.test(text)
              ? [day.startOf('month').subtract(1, 'month'), day.startOf('month')]
              : undefined;
  return {
    ...(kind ? { kind } : {}),
    ...(category !== 'other' ? { category } : {}),
    ...(range ? { since: range[0].toDate(), until: range[1].toDate() } : {}),
  };
};

const categoryOf = (i: TicketItem): string | undefined =>
  i.kind === 'approval' ? i.view.type : i.view.category;

/**
 * The tickets a question means. Every hint narrows; when the narrowest finds nothing, the category
 * is dropped first, then the time, so "我报的漏水" still finds a leak filed as "水管在滴".
 */
export const matchTickets = (
  items: readonly TicketItem[],
  h: MatchHints,
): { readonly items: TicketItem[]; readonly exact: boolean } => {
  const byKind = h.kind ? items.filter((i) => i.kind === h.kind) : [...items];
  const inTime = (list: TicketItem[]) =>
    h.since && h.until
      ? list.filter((i) => i.view.createdAt >= (h.since as Date) && i.view.createdAt < (h.until as Date))
      : list;
  const inCategory = (list: TicketItem[]) =>
    h.category ? list.filter((i) => categoryOf(i) === h.category) : list;
  const exact = inCategory(inTime(byKind));
  if (exact.length > 0) return { items: exact, exact: true };
  return { items: h.since ? inTime(byKind) : byKind, exact: false };
};
