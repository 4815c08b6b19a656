import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import {
  type BusinessCalendar,
  createBusinessCalendar,
  DEFAULT_CALENDAR_CONFIG,
} from './calendar/business-calendar.js';
import type { RosteredPerson } from './calendar/work-schedule.js';
import type { Clock } from './clock.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export type { Dayjs };
export { dayjs };

/**
 * The business calendar: "now" and "today" as the mall sees them (Asia/Shanghai by default),
 * whatever zone the server runs in, plus holidays, shifts and business-time arithmetic.
 */
export class BusinessTime {
  readonly calendar: BusinessCalendar;

  constructor(
    readonly clock: Clock,
    readonly tz: string,
    calendar?: BusinessCalendar,
  ) {
    this.calendar = calendar ?? createBusinessCalendar(DEFAULT_CALENDAR_CONFIG, tz);
  }

  /** Now, as a dayjs in the business zone. */
  now(): Dayjs {
    return dayjs(this.clock.now()).tz(this.tz);
  }

  /** A date in the business zone. */
  at(d: Date | number | string): Dayjs {
    return dayjs(d).tz(this.tz);
  }

  /** `YYYY-MM-DD` of a moment in the business zone. */
  dayKey(d: Date = this.clock.now()): string {
    return this.at(d).format('YYYY-MM-DD');
  }

  /** Formats for people: `11月29日 14:05`. */
  human(d: Date): string {
    const x = this.at(d);
    const sameYear = x.year() === this.now().year();
    return x.format(sameYear ? 'M月D日 HH:mm' : 'YYYY年M月D日 HH:mm');
  }

  /** N business hours after `from` (office hours of working days). */
  addBusinessHours(from: Date, hours: number): Date {
    return this.calendar.hours.addHours(from, hours);
  }

  /** The same office time N working days later. */
  addBusinessDays(from: Date, days: number): Date {
    return this.calendar.hours.addDays(from, days);
  }

  /**
   * When a message for this person should be delivered: at once for safety matters, or when the
   * person has no shift to wait for; otherwise now if they are on shift, else when it starts.
   */
  deliveryTime(person: RosteredPerson, at: Date, urgent: boolean): Date {
    if (urgent) return at;
    return this.calendar.schedule.nextOnShift(person, at) ?? at;
  }
}
