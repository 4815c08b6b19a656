import { describe, expect, it } from 'vitest';
import {
  createBusinessCalendar,
  DEFAULT_CALENDAR_CONFIG,
} from '../../../src/lib/calendar/business-calendar.js';
import { demoPersonas, describeShifts } from '../../../web/server/console-personas.js';

const schedule = createBusinessCalendar(DEFAULT_CALENDAR_CONFIG, 'Asia/Shanghai').schedule;
const guard = (duty: { weekday: number; shift: 'early' | 'middle' | 'night' }[]) =>
  describeShifts(schedule, { roles: ['security'], duty });

describe('console personas', () => {
  it('describes rosters the way the rulebook names the shifts', () => {
    expect(guard([0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, shift: 'early' as const })))).toBe(
      '早班 08:00–16:00（每天）',
    );
    expect(guard([1, 2, 3, 4, 5].map((weekday) => ({ weekday, shift: 'early' as const })))).toBe(
      '早班 08:00–16:00（周一至周五）',
    );
    expect(
      guard([
        { weekday: 6, shift: 'middle' },
        { weekday: 0, shift: 'night' },
      ]),
    ).toBe('中班 14:00–22:00（周六）；夜班 22:00–08:00（周日）');
  });

  it('marks who is on duty at the given moment in the business zone', () => {
    const at = (iso: string) => new Map(demoPersonas(new Date(iso), schedule).map((p) => [p.userId, p]));
    const saturdayNoon = at('2026-12-05T04:00:00Z');
    expect(saturdayNoon.get('staff-chen')?.onDuty).toBe(true); // early shift every day
    expect(saturdayNoon.get('staff-zheng')?.onDuty).toBe(false); // weekdays only
    expect(saturdayNoon.get('staff-sun')).toMatchObject({ onDuty: false, shifts: '不排班' });
    const saturdayNight = at('2026-12-05T15:00:00Z'); // 23:00
    expect(saturdayNight.get('staff-lin')?.onDuty).toBe(true);
    expect(saturdayNight.get('staff-chen')?.onDuty).toBe(false);
    const tenant = saturdayNight.get('tenant-b1-23');
    expect(tenant?.kind).toBe('tenant');
    expect(tenant && 'onDuty' in tenant).toBe(false);
  });
});
