import type { Role } from '../../domain/people/people.types.js';
import { BusinessHours } from './business-hours.js';
import { loadChineseDays } from './chinese-days.source.js';
import { type CalendarDay, HolidayCalendar } from './holiday-calendar.js';
import type { DailySpan } from './time-span.js';
import { type ShiftHours, WorkSchedule } from './work-schedule.js';

/** The calendar part of the validated config (see src/config/env.ts). */
export interface CalendarConfig {
  /** The company's override days (CALENDAR_FILE), already validated. */
  readonly days: readonly CalendarDay[];
  readonly shiftHours: ShiftHours;
  readonly officeRoles: readonly Role[];
  /** Office hours of working days: the business window that business-time targets count in. */
  readonly officeHours: DailySpan;
}

/** Everything time-of-business: holidays, who works when, and business-time arithmetic. */
export interface BusinessCalendar {
  readonly holidays: HolidayCalendar;
  readonly schedule: WorkSchedule;
  readonly hours: BusinessHours;
}

/** The shipped defaults: 早班 08-16, 中班 14-22, 夜班 22-08; office 09:00-18:00 for the managers. */
export const DEFAULT_CALENDAR_CONFIG: CalendarConfig = {
  days: [],
  shiftHours: {
    default: {
      early: { startMin: 8 * 60, endMin: 16 * 60 },
      middle: { startMin: 14 * 60, endMin: 22 * 60 },
      night: { startMin: 22 * 60, endMin: 32 * 60 },
    },
    byRole: {},
  },
  officeRoles: ['deputy_manager', 'manager', 'leader', 'finance'],
  officeHours: { startMin: 9 * 60, endMin: 18 * 60 },
};

let chineseDays: CalendarDay[] | undefined;

/** Builds the calendar from the public schedule (`chinese-days`) and the company's overrides. */
export const createBusinessCalendar = (config: CalendarConfig, tz: string): BusinessCalendar => {
  chineseDays ??= loadChineseDays();
  const holidays = new HolidayCalendar(chineseDays, config.days);
  return {
    holidays,
    schedule: new WorkSchedule(
      { shiftHours: config.shiftHours, officeRoles: config.officeRoles, officeHours: config.officeHours },
      holidays,
      tz,
    ),
    hours: new BusinessHours(holidays, config.officeHours, tz),
  };
};
