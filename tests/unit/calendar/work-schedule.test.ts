import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/env.js';
import { createBusinessCalendar } from '../../../src/lib/calendar/business-calendar.js';
import type { RosteredPerson } from '../../../src/lib/calendar/work-schedule.js';

const TZ = 'Asia/Shanghai';
/** An instant given as Shanghai wall time. */
const sh = (s: string) => new Date(`${s}:00+08:00`);
const ENV = { MONGODB_URI: 'mongodb://127.0.0.1:1/x', REDIS_URL: 'redis://127.0.0.1:6379' };
const calendarFrom = (env: Record<string, string> = {}) =>
  createBusinessCalendar(loadConfig({ ...ENV, ...env }).calendar, TZ);

const everyDay = (shift: 'early' | 'middle' | 'night') =>
  [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, shift }));
const guard: RosteredPerson = { roles: ['security'], duty: everyDay('night') };
const senior: RosteredPerson = { roles: ['senior_assistant'], duty: everyDay('early') };
const manager: RosteredPerson = { roles: ['manager'], duty: [] };

describe('shift hours per role from configuration', () => {
  it('uses the shipped defaults: 早班 08-16, 夜班 22-08 across midnight', () => {
    const { schedule } = calendarFrom();
    expect(schedule.isOnShift(senior, sh('2026-11-30T07:59'))).toBe(false);
    expect(schedule.isOnShift(senior, sh('2026-11-30T08:00'))).toBe(true);
    expect(schedule.isOnShift(senior, sh('2026-11-30T15:59'))).toBe(true);
    expect(schedule.isOnShift(senior, sh('2026-11-30T16:00'))).toBe(false);
    expect(schedule.isOnShift(guard, sh('2026-11-30T03:00'))).toBe(true);
    expect(schedule.isOnShift(guard, sh('2026-11-30T12:00'))).toBe(false);
  });

  it('takes per-role hours from SHIFT_HOURS, leaving other roles on the default', () => {
    const { schedule } = calendarFrom({
      SHIFT_HOURS: '{"*":{"early":"07:30-15:30"},"security":{"night":"20:00-08:00"}}',
    });
    expect(schedule.isOnShift(senior, sh('2026-11-30T07:45'))).toBe(true);
    expect(schedule.isOnShift(guard, sh('2026-11-30T21:00'))).toBe(true);
    const clerkOnNights: RosteredPerson = { roles: ['cs_clerk'], duty: everyDay('night') };
    expect(schedule.isOnShift(clerkOnNights, sh('2026-11-30T21:00'))).toBe(false);
  });

  it('refuses bad shift configuration at startup, naming the variable', () => {
    expect(() => loadConfig({ ...ENV, SHIFT_HOURS: '{"security":{"night":"25:00-08:00"}}' })).toThrow(
      /SHIFT_HOURS/,
    );
    expect(() => loadConfig({ ...ENV, SHIFT_HOURS: '{"janitor":{}}' })).toThrow(/SHIFT_HOURS/);
    expect(() => loadConfig({ ...ENV, OFFICE_ROLES: 'manager,boss' })).toThrow(
      /OFFICE_ROLES: unknown role boss/,
    );
    expect(() => loadConfig({ ...ENV, OFFICE_HOURS: '9-18' })).toThrow(/OFFICE_HOURS/);
  });

  it('keeps office roles to working days: holidays off, make-up Saturdays on', () => {
    const { schedule } = calendarFrom();
    expect(schedule.isOnShift(manager, sh('2026-09-30T10:00'))).toBe(true); // Wednesday
    expect(schedule.isOnShift(manager, sh('2026-10-01T10:00'))).toBe(false); // National Day
    expect(schedule.isOnShift(manager, sh('2026-10-10T10:00'))).toBe(true); // make-up Saturday
    expect(schedule.isOnShift(manager, sh('2026-10-11T10:00'))).toBe(false); // Sunday
    // The mall never closes: a guard's roster holds on public holidays.
    expect(schedule.isOnShift(guard, sh('2026-10-01T23:00'))).toBe(true);
  });

  it('finds the start of the next shift: after the holiday week for the manager', () => {
    const { schedule } = calendarFrom();
    expect(schedule.nextOnShift(manager, sh('2026-09-30T20:00'))).toEqual(sh('2026-10-08T09:00'));
    expect(schedule.nextOnShift(senior, sh('2026-11-30T17:00'))).toEqual(sh('2026-12-01T08:00'));
    const now = sh('2026-11-30T09:00');
    expect(schedule.nextOnShift(senior, now)).toBe(now);
    expect(schedule.nextOnShift({ roles: ['assistant'], duty: [] }, now)).toBeUndefined();
  });
});
