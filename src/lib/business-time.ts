import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import type { Clock } from './clock.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export type { Dayjs };
export { dayjs };

/**
 * The business calendar: "now" and "today" as the mall sees them (Asia/Shanghai by default),
 * whatever zone the server runs in.
 */
export class BusinessTime {
  constructor(
    readonly clock: Clock,
    readonly tz: string,
  ) {}

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
}
