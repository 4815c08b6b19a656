import { PATROLLED_SHIFTS, SHIFT_LABELS } from '../domain/patrol/patrol.rules.js';
import type { PatrolService } from '../domain/patrol/patrol.service.js';
import type { PatrolShift } from '../domain/patrol/patrol.types.js';
import type { BusinessTime } from '../lib/business-time.js';
import { addDays, instantAt } from '../lib/calendar/day-key.js';
import type { Notifier } from '../notify/notifier.js';
import type { MessageBatch } from '../outbound/message-batch.js';
import type { DigestDefinition, DigestOutput, DigestPeriod } from './digest-definition.js';

/** A shift's check goes out at most this long after the shift ended (no flood after downtime). */
const CATCH_UP_MS = 3 * 3600_000;

const ASSISTANT = { roles: ['assistant'] as const, duty: [] };

/**
 * At the end of every patrolled shift (早班, 中班): a shift without any patrol is flagged to the
 * on-duty senior assistant and the manager (4.1.7: the patrol is recorded every day), and records
 * handed in but not yet reviewed are named. One run per shift through the digest ledger.
 */
export class PatrolShiftCheck implements DigestDefinition {
  readonly name = 'patrol-shift-check';

  constructor(
    private readonly patrols: Pick<PatrolService, 'onDay'>,
    private readonly notifier: Pick<Notifier, 'kit'>,
    private readonly time: BusinessTime,
  ) {}

  /** When a shift ends on a day (the assistants' hours). */
  private endOf(day: string, shift: PatrolShift): Date {
    const span = this.time.calendar.schedule.hoursOf(ASSISTANT, shift);
    const endDay = span.endMin <= span.startMin ? addDays(day, 1) : day;
    return instantAt(endDay, span.endMin, this.time.tz);
  }

  duePeriod(now: Date, time: BusinessTime): DigestPeriod | undefined {
    const today = time.dayKey(now);
    const ends = [addDays(today, -1), today]
      .flatMap((day) =>
        PATROLLED_SHIFTS.map((shift) => ({ period: `${day}-${shift}`, sendAt: this.endOf(day, shift) })),
      )
      .filter((p) => p.sendAt <= now)
      .sort((a, b) => b.sendAt.getTime() - a.sendAt.getTime());
    const last = ends[0];
    return last && now.getTime() - last.sendAt.getTime() <= CATCH_UP_MS ? last : undefined;
  }

  async build(period: string, batch: MessageBatch): Promise<DigestOutput> {
    const day = period.slice(0, 10);
    const shift = period.slice(11) as PatrolShift;
    const of = (await this.patrols.onDay(day)).filter((p) => p.shift === shift);
    const unreviewed = of.filter((p) => p.status === 'submitted');
    const label = `${Number(day.slice(5, 7))}月${Number(day.slice(8))}日${SHIFT_LABELS[shift]}`;
    const lines = [
      ...(of.length === 0 ? [`【漏巡提醒】${label}没有巡场记录，请核实并安排补巡。`] : []),
      ...(unreviewed.length > 0
        ? [`【待审阅】${label}的巡场情况记录表尚未审阅：${unreviewed.map((p) => p.number).join('、')}`]
        : []),
    ];
    const k = this.notifier.kit(batch);
    const people = lines.length > 0 ? await k.onDuty(['senior_assistant', 'manager']) : [];
    for (const p of people) await k.text(p.id, lines.join('\n'));
    return {
      summary: { patrols: of.length, unreviewed: unreviewed.length, flagged: lines.length > 0 ? 1 : 0 },
    };
  }
}
