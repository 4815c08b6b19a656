import type { Connection } from 'mongoose';
import { APPROVAL_LABELS } from '../domain/approval/approval.rules.js';
import { REPAIR_CATEGORY_LABELS } from '../domain/repair/repair.rules.js';
import type { BusinessTime } from '../lib/business-time.js';
import { addDays, dayKeyOf, instantAt } from '../lib/calendar/day-key.js';
import type { MessageBatch } from '../outbound/message-batch.js';
import type { PeopleRepository } from '../persistence/repositories/people.repository.js';
import type { DigestDefinition, DigestOutput, DigestPeriod } from './digest-definition.js';
import { APPROVAL_STATUS_LABELS, REPAIR_STATUS_LABELS } from './digest-labels.js';
import type { ReportingDb } from './reporting-db.js';

/** 18:00 on the last day of the month, business zone. */
const SEND_MINUTE = 18 * 60;
const CATCH_UP_MS = 24 * 3600_000;
/** Work orders not closed or cancelled (repair.types.ts REPAIR_STATUSES). */
const OPEN_REPAIR = ['reported', 'dispatched', 'accepted', 'quoted', 'in_progress', 'waiting', 'fixed'];
const LOANS = ['key_loan', 'archive_access'];

/** Month-end counts: open work orders, pending approvals, this month's key loans and archive access. */
export interface MonthEndCounts {
  readonly openRepairs: Record<string, Record<string, number>>;
  readonly pendingApprovals: Record<string, number>;
  readonly loans: Record<string, Record<string, number>>;
}

const firstOfNextMonth = (month: string): string =>
  addDays(`${month.slice(0, 7)}-01`, 31)
    .slice(0, 8)
    .concat('01');

/** The month a send at `now` reports on: this month once its last day's 18:00 has passed, else the last. */
export const monthEndPeriodAt = (now: Date, tz: string): DigestPeriod => {
  const month = dayKeyOf(now, tz).slice(0, 7);
  const sendThis = instantAt(addDays(firstOfNextMonth(month), -1), SEND_MINUTE, tz);
  if (sendThis <= now) return { period: month, sendAt: sendThis };
  const prev = addDays(`${month}-01`, -1).slice(0, 7);
  return { period: prev, sendAt: instantAt(addDays(`${month}-01`, -1), SEND_MINUTE, tz) };
};

type Row = { _id: Record<string, unknown> | string | null; n: number };
const nest = (rows: Row[], a: string, b: string) => {
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) {
    const id = (r._id ?? {}) as Record<string, unknown>;
    const x = String(id[a] ?? '');
    out[x] = { ...out[x], [String(id[b] ?? '')]: r.n };
  }
  return out;
};

/**
 * Counts by aggregation: open work orders by status and category and pending approvals by type
 * (both through the indexed `status`), and this month's key loans and archive access by status.
 */
export const monthEndCounts = async (conn: Connection, from: Date, to: Date): Promise<MonthEndCounts> => {
  const repairs = await conn
    .collection('repairs')
    .aggregate<Row>([
      { $match: { status: { $in: OPEN_REPAIR } } },
      { $group: { _id: { status: '$status', category: '$category' }, n: { $sum: 1 } } },
    ])
    .toArray();
  const pending = await conn
    .collection('approvals')
    .aggregate<Row>([{ $match: { status: 'pending' } }, { $group: { _id: '$type', n: { $sum: 1 } } }])
    .toArray();
  const loans = await conn
    .collection('approvals')
    .aggregate<Row>([
      {
        $match: {
          status: { $in: ['pending', 'approved', 'rejected', 'cancelled'] },
          type: { $in: LOANS },
          createdAt: { $gte: from, $lt: to },
        },
      },
      { $group: { _id: { type: '$type', status: '$status' }, n: { $sum: 1 } } },
    ])
    .toArray();
  return {
    openRepairs: nest(repairs, 'status', 'category'),
    pendingApprovals: Object.fromEntries(pending.map((r) => [String(r._id), r.n])),
    loans: nest(loans, 'type', 'status'),
  };
};

/** Month-end counts to the manager (rulebook 10 and 7.2.10: key and archive counts at month end). */
export class MonthEndDigest implements DigestDefinition {
  readonly name = 'month-end-counts';

  constructor(
    private readonly reporting: ReportingDb,
    private readonly people: PeopleRepository,
    private readonly time: BusinessTime,
  ) {}

  duePeriod(now: Date, time: BusinessTime): DigestPeriod | undefined {
    const p = monthEndPeriodAt(now, time.tz);
    return now.getTime() - p.sendAt.getTime() <= CATCH_UP_MS ? p : undefined;
  }

  async build(period: string, batch: MessageBatch): Promise<DigestOutput> {
    const tz = this.time.tz;
    const from = instantAt(`${period}-01`, 0, tz);
    const to = instantAt(firstOfNextMonth(period), 0, tz);
    const c = await monthEndCounts(await this.reporting.connection(), from, to);
    const title = `${Number(period.slice(5))}月月末统计`;
    const fmt = (m: Record<string, number>, labels: Readonly<Record<string, string>>) =>
      Object.entries(m)
        .map(([k, n]) => `${labels[k] ?? k} ${n}`)
        .join(' · ') || '无';
    const repairTotal = Object.values(c.openRepairs).reduce(
      (a, m) => a + Object.values(m).reduce((x, y) => x + y, 0),
      0,
    );
    const lines = [
      `未完成工程单 **${repairTotal}** 件${repairTotal ? '：' : ''}`,
      ...Object.entries(c.openRepairs).map(
        ([s, m]) =>
          `- ${(REPAIR_STATUS_LABELS as Readonly<Record<string, string>>)[s] ?? s}：${fmt(m, REPAIR_CATEGORY_LABELS)}`,
      ),
      `审批中的申请：${fmt(c.pendingApprovals, APPROVAL_LABELS)}`,
      ...LOANS.map(
        (t) =>
          `本月${APPROVAL_LABELS[t as keyof typeof APPROVAL_LABELS]}：${fmt(c.loans[t] ?? {}, APPROVAL_STATUS_LABELS)}`,
      ),
    ];
    const markdown = lines.join('\n');
    const managers = await this.people.staffWithRole('manager');
    for (const m of managers) await batch.toPerson(m.id, () => ({ type: 'markdown', title, text: markdown }));
    return { summary: { openRepairs: repairTotal, recipients: managers.length }, group: { title, markdown } };
  }
}
