import { addDays, type DayKey, dayKeyOf, instantAt } from './day-key.js';
import type { HolidayCalendar } from './holiday-calendar.js';
import type { DailySpan } from './time-span.js';

const HOUR_MS = 3600_000;
/** No target spans more than this many days of calendar; guards the loops against bad input. */
const MAX_DAYS = 3660;

/**
 * Business-time arithmetic: time counts only inside the business window (office hours) of
 * working days, so "4 business hours" from Friday 16:00 ends Monday 11:00, skipping a holiday
 * Monday and counting a make-up Saturday. Safety targets use wall time instead (see
 * {@link BusinessHours.advance}).
 */
export class BusinessHours {
  constructor(
    private readonly calendar: HolidayCalendar,
    private readonly window: DailySpan,
    private readonly tz: string,
  ) {}

  /** The business window of one date, or undefined on a day off. */
  windowOn(day: DayKey): { start: Date; end: Date } | undefined {
    if (!this.calendar.isWorkingDay(day)) return undefined;
    return {
      start: instantAt(day, this.window.startMin, this.tz),
      end: instantAt(day, this.window.endMin, this.tz),
    };
  }

  /** True inside a business window. */
  isOpen(at: Date): boolean {
    const w = this.windowOn(dayKeyOf(at, this.tz));
    return Boolean(w && w.start <= at && at < w.end);
  }

  /** `at` when it is inside business time, else the start of the next business window. */
  nextOpen(at: Date): Date {
    const day = dayKeyOf(at, this.tz);
    for (let i = 0; i < MAX_DAYS; i++) {
      const w = this.windowOn(addDays(day, i));
      if (!w || w.end <= at) continue;
      return w.start > at ? w.start : at;
    }
    throw new Error('no business day in the next ten years: check the calendar');
  }

  /** The first opening of a business window strictly after `at` ("next morning"). */
  nextOpening(at: Date): Date {
    const day = dayKeyOf(at, this.tz);
    for (let i = 0; i < MAX_DAYS; i++) {
      const w = this.windowOn(addDays(day, i));
      if (w && w.start > at) return w.start;
    }
    throw new Error('no business day in the next ten years: check the calendar');
  }

  /** The instant after `ms` of business time has passed from `from`. */
  addMs(from: Date, ms: number): Date {
    if (ms < 0) throw new RangeError('business time cannot be added backwards');
    let left = ms;
    let day = dayKeyOf(from, this.tz);
    for (let i = 0; i < MAX_DAYS; i++, day = addDays(day, 1)) {
      const w = this.windowOn(day);
      if (!w || w.end <= from) continue;
      const start = w.start > from ? w.start : from;
      const room = w.end.getTime() - start.getTime();
      if (left <= room) return new Date(start.getTime() + left);
      left -= room;
    }
    throw new Error('business time ran past ten years: check the calendar');
  }

  addHours(from: Date, hours: number): Date {
    return this.addMs(from, hours * HOUR_MS);
  }

  /**
   * The same time of day `n` working days later; from outside business time, counting starts at
   * the next window's opening (so "1 business day" from Saturday is Tuesday's opening time).
   */
  addDays(from: Date, n: number): Date {
    const start = this.nextOpen(from);
    let day = dayKeyOf(start, this.tz);
    const offset = start.getTime() - (this.windowOn(day)?.start.getTime() ?? start.getTime());
    for (let left = n; left > 0; ) {
      day = addDays(day, 1);
      if (this.calendar.isWorkingDay(day)) left--;
    }
    const w = this.windowOn(day);
    if (!w) throw new Error('unreachable: counted day is not a working day');
    return new Date(w.start.getTime() + offset);
  }

  /** Business time between two instants (0 when `to` is not after `from`). */
  between(from: Date, to: Date): number {
    if (to <= from) return 0;
    let total = 0;
    let day = dayKeyOf(from, this.tz);
    for (let i = 0; i < MAX_DAYS; i++, day = addDays(day, 1)) {
      const w = this.windowOn(day);
      if (w) {
        const a = Math.max(w.start.getTime(), from.getTime());
        const b = Math.min(w.end.getTime(), to.getTime());
        if (b > a) total += b - a;
      }
      if (instantAt(day, 1440, this.tz) >= to) return total;
    }
    return total;
  }
}
