import { type DayKey, weekdayOf } from './day-key.js';

/** One dated exception to the Monday-to-Friday week. */
export interface CalendarDay {
  readonly date: DayKey;
  /** `holiday`: a day off, even on a weekday; `workday`: a working day, even on a weekend (调休). */
  readonly type: 'holiday' | 'workday';
  readonly name: string;
}

export type DayType = 'weekday' | 'weekend' | 'holiday' | 'makeup';

export interface DayInfo {
  readonly date: DayKey;
  readonly type: DayType;
  readonly working: boolean;
  /** The holiday or make-up day's name, when it has one. */
  readonly name?: string;
}

/**
 * Which dates are working days: Monday to Friday, less public holidays, plus make-up working
 * days. Built from a base source (the `chinese-days` data) and the company's override file; an
 * override replaces the base entry for its date, so a wrong or missing day is fixed by editing
 * the file, not the code.
 */
export class HolidayCalendar {
  private readonly days = new Map<DayKey, CalendarDay>();

  constructor(base: readonly CalendarDay[], overrides: readonly CalendarDay[] = []) {
    for (const d of base) this.days.set(d.date, d);
    for (const d of overrides) this.days.set(d.date, d);
  }

  info(date: DayKey): DayInfo {
    const special = this.days.get(date);
    if (special?.type === 'holiday') return { date, type: 'holiday', working: false, name: special.name };
    const wd = weekdayOf(date);
    const weekend = wd === 0 || wd === 6;
    if (special?.type === 'workday')
      return { date, type: weekend ? 'makeup' : 'weekday', working: true, name: special.name };
    return { date, type: weekend ? 'weekend' : 'weekday', working: !weekend };
  }

  isWorkingDay(date: DayKey): boolean {
    return this.info(date).working;
  }

  /**
   * True when the calendar has any holiday for `year`. China's schedule for next year is
   * published late each year; a year without one means the override file needs it.
   */
  covers(year: number): boolean {
    const prefix = `${year}-`;
    for (const d of this.days.values()) if (d.type === 'holiday' && d.date.startsWith(prefix)) return true;
    return false;
  }
}
