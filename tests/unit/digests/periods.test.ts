import { describe, expect, it } from 'vitest';
import { monthEndPeriodAt } from '../../../src/digests/month-end.digest.js';
import { weeklyPeriodAt } from '../../../src/digests/weekly-complaints.digest.js';

const TZ = 'Asia/Shanghai';
const sh = (s: string) => new Date(`${s}:00+08:00`);

describe('digest periods in the business zone', () => {
  it('sends the weekly summary of the past Monday-to-Sunday week at Monday 09:00', () => {
    expect(weeklyPeriodAt(sh('2026-11-30T09:00'), TZ)).toEqual({
      period: '2026-11-23',
      sendAt: sh('2026-11-30T09:00'),
    });
    expect(weeklyPeriodAt(sh('2026-12-06T23:00'), TZ)).toEqual({
      period: '2026-11-23',
      sendAt: sh('2026-11-30T09:00'),
    });
    // Monday 08:59 still belongs to the previous send.
    expect(weeklyPeriodAt(sh('2026-11-30T08:59'), TZ)).toEqual({
      period: '2026-11-16',
      sendAt: sh('2026-11-23T09:00'),
    });
    // Sunday 23:30 UTC is already Monday in Shanghai.
    expect(weeklyPeriodAt(new Date('2026-11-30T01:30:00Z'), TZ).period).toBe('2026-11-23');
  });

  it('sends month-end counts at 18:00 on the last day of the month', () => {
    expect(monthEndPeriodAt(sh('2026-11-30T18:00'), TZ)).toEqual({
      period: '2026-11',
      sendAt: sh('2026-11-30T18:00'),
    });
    expect(monthEndPeriodAt(sh('2026-11-30T17:59'), TZ)).toEqual({
      period: '2026-10',
      sendAt: sh('2026-10-31T18:00'),
    });
    expect(monthEndPeriodAt(sh('2027-02-28T20:00'), TZ)).toEqual({
      period: '2027-02',
      sendAt: sh('2027-02-28T18:00'),
    });
    expect(monthEndPeriodAt(sh('2026-12-15T10:00'), TZ).period).toBe('2026-11');
  });
});
