import { PATROLLED_SHIFTS } from '../domain/patrol/patrol.rules.js';
import type { PatrolService } from '../domain/patrol/patrol.service.js';
import { type PersonView, SHIFTS, type Shift } from '../domain/people/people.types.js';
import type { BusinessTime } from '../lib/business-time.js';
import { addDays, instantAt, weekdayOf } from '../lib/calendar/day-key.js';
import type { MessageBatch } from '../outbound/message-batch.js';
import type { PeopleRepository } from '../persistence/repositories/people.repository.js';
import type { DigestDefinition, DigestOutput, DigestPeriod } from './digest-definition.js';
import { type DutyShiftStats, dutyShiftStats } from './duty-shift-stats.js';
import type { ReportingDb } from './reporting-db.js';

/** A shift's summary goes out at most this long after the shift ended (no flood after downtime). */
const CATCH_UP_MS = 3 * 3600_000;
const SHIFT_NAMES: Record<Shift, string> = { early: '早班', middle: '中班', night: '夜班' };
const SENIOR = { roles: ['senior_assistant'] as const, duty: [] };

const hhmm = (min: number): string =>
  `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/** The summary as the senior assistant reads it (Chinese text): pure. */
export const presentDutySummary = (
  label: string,
  s: DutyShiftStats,
  patrols: { readonly expected: boolean; readonly numbers: readonly string[] },
): string =>
  [
    `【值班小结】${label}`,
    `投诉：新增 ${s.complaints.created} · 受理 ${s.complaints.taken} · 办结 ${s.complaints.closed} · 超时未答复 ${s.complaints.overdue}`,
    `工单：新增 ${s.repairs.created} · 接单 ${s.repairs.taken} · 完成 ${s.repairs.closed} · 超时未完成 ${s.repairs.overdue}`,
    `待审批申请：${s.approvalsWaiting} 件`,
    `借出钥匙逾期未还：${s.keysNotBack} 笔`,
    ...(patrols.expected
      ? [
          patrols.numbers.length > 0
            ? `巡场：已巡 ${patrols.numbers.length} 次（${patrols.numbers.join('、')}）`
            : '巡场：【漏巡】本班没有巡场记录',
        ]
      : []),
  ].join('\n');

/**
 * The daily duty summary (DOMAIN.md: the on-duty senior assistant's daily summary): at the end of
 * each shift (the senior assistants' shift hours from SHIFT_HOURS, business zone), the senior
 * assistant who held that shift on the roster gets the shift's figures. One run per shift
 * (`digest-duty-summary-<day>-<shift>`, one ledger row). A shift nobody held on the roster sends
 * nothing (its ledger row records `holders: 0`): the summary is a hand-over of one's own shift,
 * and whoever is on duty next already gets the reminders and escalations of what is open.
 */
export class DutySummaryDigest implements DigestDefinition {
  readonly name = 'duty-summary';

  constructor(
    private readonly reporting: ReportingDb,
    private readonly people: Pick<PeopleRepository, 'staffWithRole'>,
    private readonly time: BusinessTime,
    private readonly patrols?: Pick<PatrolService, 'onDay'>,
  ) {}

  /** When a shift that starts on `day` begins and ends (the senior assistants' hours). */
  span(day: string, shift: Shift): { start: Date; end: Date; label: string } {
    const h = this.time.calendar.schedule.hoursOf(SENIOR, shift);
    const endDay = h.endMin <= h.startMin ? addDays(day, 1) : day;
    return {
      start: instantAt(day, h.startMin, this.time.tz),
      end: instantAt(endDay, h.endMin, this.time.tz),
      label: `${Number(day.slice(5, 7))}月${Number(day.slice(8))}日${SHIFT_NAMES[shift]}（${hhmm(h.startMin)}—${hhmm(h.endMin)}）`,
    };
  }

  duePeriod(now: Date, time: BusinessTime): DigestPeriod | undefined {
    const today = time.dayKey(now);
    const last = [addDays(today, -1), today]
      .flatMap((day) =>
        SHIFTS.map((shift) => ({ period: `${day}-${shift}`, sendAt: this.span(day, shift).end })),
      )
      .filter((p) => p.sendAt <= now)
      .sort((a, b) => b.sendAt.getTime() - a.sendAt.getTime())[0];
    return last && now.getTime() - last.sendAt.getTime() <= CATCH_UP_MS ? last : undefined;
  }

  /** The senior assistants whose roster holds `shift` on the weekday of `day`. */
  private async holders(day: string, shift: Shift): Promise<PersonView[]> {
    const wd = weekdayOf(day);
    return (await this.people.staffWithRole('senior_assistant')).filter(
      (p) => p.active && p.duty.some((d) => d.weekday === wd && d.shift === shift),
    );
  }

  async build(period: string, batch: MessageBatch): Promise<DigestOutput> {
    const day = period.slice(0, 10);
    const shift = period.slice(11) as Shift;
    const holders = await this.holders(day, shift);
    if (holders.length === 0) return { summary: { holders: 0 } };
    const { start, end, label } = this.span(day, shift);
    const stats = await dutyShiftStats(await this.reporting.connection(), start, end);
    const expected = PATROLLED_SHIFTS.includes(shift) && this.patrols !== undefined;
    const numbers = expected
      ? ((await this.patrols?.onDay(day)) ?? []).filter((p) => p.shift === shift).map((p) => p.number)
      : [];
    const text = presentDutySummary(label, stats, { expected, numbers });
    for (const p of holders) await batch.toPerson(p.id, () => ({ type: 'text', text }));
    return {
      summary: {
        holders: holders.length,
        complaintsNew: stats.complaints.created,
        repairsNew: stats.repairs.created,
        approvalsWaiting: stats.approvalsWaiting,
      },
    };
  }
}
