import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** A calendar date `YYYY-MM-DD` in the business zone. Plain strings keep date arithmetic zone-free. */
export type DayKey = string;

const DAY_KEY = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export const isDayKey = (s: string): boolean =>
  DAY_KEY.test(s) && dayjs.utc(s).isValid() && dayjs.utc(s).format('YYYY-MM-DD') === s;

/** The date `n` days after `day` (negative goes back). */
export const addDays = (day: DayKey, n: number): DayKey => dayjs.utc(day).add(n, 'day').format('YYYY-MM-DD');

/** 0 = Sunday ... 6 = Saturday, as in the duty roster. */
export const weekdayOf = (day: DayKey): number => dayjs.utc(day).day();

/** The business-zone date of an instant. */
export const dayKeyOf = (at: Date, tz: string): DayKey => dayjs(at).tz(tz).format('YYYY-MM-DD');

/** The Monday that starts the week (Monday to Sunday) of `day`. */
export const mondayOf = (day: DayKey): DayKey => addDays(day, -((weekdayOf(day) + 6) % 7));

/**
 * The week key of an instant: the day key of the Monday (business zone) of its week, so the week
 * is [Monday 00:00, next Monday 00:00) in `tz`, as the weekly digest counts it.
 */
export const weekKeyOf = (at: Date, tz: string): DayKey => mondayOf(dayKeyOf(at, tz));

/** The instant `minutes` after midnight of `day` in `tz` (minutes past 1440 land on later days). */
export const instantAt = (day: DayKey, minutes: number, tz: string): Date => {
  const extraDays = Math.floor(minutes / 1440);
  const m = minutes - extraDays * 1440;
  const d = addDays(day, extraDays);
  const hh = String(Math.floor(m / 60)).padStart(2, '0');
  const mm = String(m % 60).padStart(2, '0');
  return dayjs.tz(`${d} ${hh}:${mm}`, tz).toDate();
};

/** Minutes since the business-zone midnight of the instant's own date. */
export const minuteOfDay = (at: Date, tz: string): number => {
  const x = dayjs(at).tz(tz);
  return x.hour() * 60 + x.minute() + x.second() / 60 + x.millisecond() / 60_000;
};
