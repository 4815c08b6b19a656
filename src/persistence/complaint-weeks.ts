import { addDays, type DayKey, instantAt, weekKeyOf } from '../lib/calendar/day-key.js';

/** The stored week key of each complaint date the weekly statistics select by. */
export const WEEK_FIELD = { createdAt: 'createdWeek', closedAt: 'closedWeek' } as const;
export type WeekDated = keyof typeof WEEK_FIELD;

/**
 * The `closedWeek` that goes with a change of `closedAt`: the week of the new date, removed
 * (`null`) when `closedAt` is removed, untouched when `closedAt` does not change.
 */
export const closedWeekPatch = (
  closedAt: Date | null | undefined,
  tz: string,
): { closedWeek?: string | null } =>
  closedAt === undefined ? {} : { closedWeek: closedAt === null ? null : weekKeyOf(closedAt, tz) };

/**
 * The filter for complaints whose `field` lies in [from, to). When the range lies within one
 * business week (Monday 00:00 to Monday 00:00 in `tz`), equality on that week's key leads (an
 * index scan on MongoDB; FerretDB pushes it down to PostgreSQL, so only the week's complaints
 * reach it and are decoded), and the range follows, so the result is exactly the range's; a range
 * across weeks is filtered by the range alone.
 */
export const weekRangeMatch = (
  field: WeekDated,
  from: Date,
  to: Date,
  tz: string,
): Record<string, unknown> => {
  const range = { [field]: { $gte: from, $lt: to } };
  const week = weekOfRange(from, to, tz);
  return week === undefined ? range : { [WEEK_FIELD[field]]: week, ...range };
};

/** The week key of [from, to) when the range lies within that one business week. */
export const weekOfRange = (from: Date, to: Date, tz: string): DayKey | undefined => {
  const week = weekKeyOf(from, tz);
  return to.getTime() > instantAt(addDays(week, 7), 0, tz).getTime() ? undefined : week;
};
