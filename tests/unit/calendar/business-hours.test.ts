import { describe, expect, it } from 'vitest';
import { BusinessTime } from '../../../src/lib/business-time.js';
import { ManualClock } from '../../../src/lib/clock.js';

const sh = (s: string) => new Date(`${s}:00+08:00`);
const time = new BusinessTime(new ManualClock(sh('2026-11-29T10:00')), 'Asia/Shanghai');
const hours = time.calendar.hours;

describe('business-time arithmetic (office hours 09:00-18:00 on working days)', () => {
  it('adds hours inside one day and across a weekend', () => {
    expect(time.addBusinessHours(sh('2026-11-30T10:00'), 3)).toEqual(sh('2026-11-30T13:00'));
    // Friday 16:00 + 4 h: 2 h on Friday, 2 h from Monday's opening.
    expect(time.addBusinessHours(sh('2026-12-04T16:00'), 4)).toEqual(sh('2026-12-07T11:00'));
    // Starting outside hours counts from the next opening.
    expect(time.addBusinessHours(sh('2026-11-30T20:00'), 1)).toEqual(sh('2026-12-01T10:00'));
  });

  it('skips the National Day holidays and counts the make-up Saturday', () => {
    // Wednesday 30 Sep 17:00 + 2 h: 1 h that day; 1-7 Oct are holidays; Thu 8 Oct 10:00.
    expect(time.addBusinessHours(sh('2026-09-30T17:00'), 2)).toEqual(sh('2026-10-08T10:00'));
    // Friday 9 Oct 17:00 + 2 h lands on the make-up Saturday 10 Oct.
    expect(time.addBusinessHours(sh('2026-10-09T17:00'), 2)).toEqual(sh('2026-10-10T10:00'));
  });

  it('adds working days at the same office time', () => {
    expect(time.addBusinessDays(sh('2026-09-30T11:30'), 1)).toEqual(sh('2026-10-08T11:30'));
    expect(time.addBusinessDays(sh('2026-10-09T11:30'), 1)).toEqual(sh('2026-10-10T11:30'));
    expect(time.addBusinessDays(sh('2026-11-28T11:30'), 1)).toEqual(sh('2026-12-01T09:00'));
  });

  it('measures business time between two instants, the inverse of adding it', () => {
    const from = sh('2026-09-29T15:00');
    const to = time.addBusinessHours(from, 13);
    expect(hours.between(from, to)).toBe(13 * 3600_000);
    expect(hours.between(sh('2026-10-01T00:00'), sh('2026-10-08T00:00'))).toBe(0);
    expect(hours.isOpen(sh('2026-10-10T09:30'))).toBe(true);
    expect(hours.nextOpen(sh('2026-10-03T12:00'))).toEqual(sh('2026-10-08T09:00'));
  });

  it('delivers safety matters at once and holds the rest for the shift', () => {
    const senior = {
      roles: ['senior_assistant'] as const,
      duty: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, shift: 'early' as const })),
    };
    const p = { roles: [...senior.roles], duty: senior.duty };
    const night = sh('2026-12-04T23:00'); // Friday night
    expect(time.deliveryTime(p, night, true)).toEqual(night);
    expect(time.deliveryTime(p, night, false)).toEqual(sh('2026-12-07T08:00'));
  });
});
