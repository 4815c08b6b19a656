import { describe, expect, it } from 'vitest';
import { weeklyPeriodAt } from '../../../src/digests/weekly-complaints.digest.js';
import { addDays, instantAt, mondayOf, weekKeyOf } from '../../../src/lib/calendar/day-key.js';
import { closedWeekPatch, weekRangeMatch } from '../../../src/persistence/complaint-weeks.js';

const TZ = 'Asia/Shanghai';

describe('complaint week keys: the business-zone Monday of a date', () => {
  it('puts Sunday 23:59 Shanghai in the week before Monday 00:00 Shanghai, whatever the UTC date', () => {
    // Sunday 2026-11-29 23:59:59.999 Shanghai = 15:59:59.999 UTC the same Sunday.
    expect(weekKeyOf(new Date('2026-11-29T15:59:59.999Z'), TZ)).toBe('2026-11-23');
    // Monday 2026-11-30 00:00 Shanghai = Sunday 16:00 UTC: a Sunday in UTC, Monday's week here.
    expect(weekKeyOf(new Date('2026-11-29T16:00:00Z'), TZ)).toBe('2026-11-30');
    expect(weekKeyOf(new Date('2026-11-30T00:00:00+08:00'), TZ)).toBe('2026-11-30');
    // The same instants in UTC fall in the other weeks.
    expect(weekKeyOf(new Date('2026-11-29T16:00:00Z'), 'UTC')).toBe('2026-11-23');
    expect(weekKeyOf(new Date('2026-11-30T00:00:00Z'), 'UTC')).toBe('2026-11-30');
    // Saturday and mid-week; across a month and a year end.
    expect(weekKeyOf(new Date('2026-12-05T23:00:00+08:00'), TZ)).toBe('2026-11-30');
    expect(weekKeyOf(new Date('2027-01-01T12:00:00+08:00'), TZ)).toBe('2026-12-28');
    expect(weekKeyOf(new Date('2027-01-03T23:59:00+08:00'), TZ)).toBe('2026-12-28');
    expect(weekKeyOf(new Date('2027-01-04T00:00:00+08:00'), TZ)).toBe('2027-01-04');
  });

  it('is the Monday the weekly digest starts its week at (Monday 00:00 Shanghai)', () => {
    for (const day of ['2026-11-30', '2026-12-01', '2026-12-06']) expect(mondayOf(day)).toBe('2026-11-30');
    const { period } = weeklyPeriodAt(new Date('2026-11-30T09:00:00+08:00'), TZ);
    const from = instantAt(period, 0, TZ);
    const to = instantAt(addDays(period, 7), 0, TZ);
    expect(weekKeyOf(from, TZ)).toBe(period);
    expect(weekKeyOf(new Date(to.getTime() - 1), TZ)).toBe(period);
    expect(weekKeyOf(to, TZ)).toBe(addDays(period, 7));
  });

  it('selects by the key only where the range lies within one week', () => {
    const from = new Date('2026-11-23T00:00:00+08:00');
    const to = new Date('2026-11-30T00:00:00+08:00');
    expect(weekRangeMatch('createdAt', from, to, TZ)).toEqual({
      createdWeek: '2026-11-23',
      createdAt: { $gte: from, $lt: to },
    });
    const later = new Date(to.getTime() + 1);
    expect(weekRangeMatch('closedAt', from, later, TZ)).toEqual({ closedAt: { $gte: from, $lt: later } });
  });

  it('sets closedWeek with closedAt, removes it with closedAt and leaves it otherwise', () => {
    expect(closedWeekPatch(new Date('2026-11-29T16:00:00Z'), TZ)).toEqual({ closedWeek: '2026-11-30' });
    expect(closedWeekPatch(null, TZ)).toEqual({ closedWeek: null });
    expect(closedWeekPatch(undefined, TZ)).toEqual({});
  });
});
