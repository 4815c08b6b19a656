import type { Role, Shift } from '../../domain/people/people.types.js';
import { addDays, type DayKey, dayKeyOf, instantAt, weekdayOf } from './day-key.js';
import type { HolidayCalendar } from './holiday-calendar.js';
import type { DailySpan } from './time-span.js';

/** Shift hours: a complete default table plus, per role, the shifts whose hours differ. */
export interface ShiftHours {
  readonly default: Readonly<Record<Shift, DailySpan>>;
  readonly byRole: Readonly<Partial<Record<Role, Partial<Record<Shift, DailySpan>>>>>;
}

export interface WorkScheduleConfig {
  readonly shiftHours: ShiftHours;
  /**
   * Roles that follow the working calendar (office staff): they work on working days only, public
   * holidays off and make-up days on; their roster says which shift, and without one they keep
   * `officeHours`. Every other role works its roster on every date (the mall is open every day).
   */
  readonly officeRoles: readonly Role[];
  readonly officeHours: DailySpan;
}

/** What the schedule needs of a person: their roles and duty roster. */
export interface RosteredPerson {
  readonly roles: readonly Role[];
  readonly duty: readonly { readonly weekday: number; readonly shift: Shift }[];
}

export interface ShiftInterval {
  readonly start: Date;
  readonly end: Date;
}

/** How far ahead a "next shift" is looked for before giving up (rosters repeat weekly). */
const LOOKAHEAD_DAYS = 40;

/**
 * When people work, in the business zone: shift hours per role from configuration, the duty
 * roster, and the holiday calendar for office roles. Pure apart from the calendar it reads.
 */
export class WorkSchedule {
  constructor(
    readonly config: WorkScheduleConfig,
    readonly calendar: HolidayCalendar,
    readonly tz: string,
  ) {}

  /** The hours of one shift for this person (the first of their roles that overrides it wins). */
  hoursOf(person: RosteredPerson, shift: Shift): DailySpan {
    for (const r of person.roles) {
      const own = this.config.shiftHours.byRole[r]?.[shift];
      if (own) return own;
    }
    return this.config.shiftHours.default[shift];
  }

  followsCalendar(person: RosteredPerson): boolean {
    return person.roles.some((r) => this.config.officeRoles.includes(r));
  }

  /** Shifts that start on `day`, as instants. */
  shiftsStartingOn(person: RosteredPerson, day: DayKey): ShiftInterval[] {
    const spans: DailySpan[] = [];
    if (this.followsCalendar(person)) {
      if (!this.calendar.isWorkingDay(day)) return [];
      const shifts = [...new Set(person.duty.map((d) => d.shift))];
      if (shifts.length === 0) spans.push(this.config.officeHours);
      for (const s of shifts) spans.push(this.hoursOf(person, s));
    } else {
      const wd = weekdayOf(day);
      for (const d of person.duty) if (d.weekday === wd) spans.push(this.hoursOf(person, d.shift));
    }
    return spans
      .map((s) => ({ start: instantAt(day, s.startMin, this.tz), end: instantAt(day, s.endMin, this.tz) }))
      .sort((a, b) => a.start.getTime() - b.start.getTime());
  }

  /** True when one of the person's shifts covers `at` (overnight shifts from the day before too). */
  isOnShift(person: RosteredPerson, at: Date): boolean {
    const day = dayKeyOf(at, this.tz);
    const t = at.getTime();
    return [addDays(day, -1), day].some((d) =>
      this.shiftsStartingOn(person, d).some((i) => i.start.getTime() <= t && t < i.end.getTime()),
    );
  }

  /**
   * `at` itself when the person is on shift, else the start of their next shift; undefined when
   * they have no shift at all in the coming weeks (then nothing should wait for them).
   */
  nextOnShift(person: RosteredPerson, at: Date): Date | undefined {
    if (this.isOnShift(person, at)) return at;
    const day = dayKeyOf(at, this.tz);
    for (let i = 0; i < LOOKAHEAD_DAYS; i++) {
      const next = this.shiftsStartingOn(person, addDays(day, i)).find((s) => s.start > at);
      if (next) return next.start;
    }
    return undefined;
  }
}
