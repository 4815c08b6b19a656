import { z } from 'zod';
import { ROLES, type Role, SHIFTS, type Shift } from '../domain/people/people.types.js';
import { DEFAULT_CALENDAR_CONFIG } from '../lib/calendar/business-calendar.js';
import { type DailySpan, parseSpan } from '../lib/calendar/time-span.js';
import type { ShiftHours } from '../lib/calendar/work-schedule.js';

/**
 * Parsers for the calendar variables of src/config/env.ts (which stays the only reader of the
 * environment): SHIFT_HOURS, OFFICE_HOURS and OFFICE_ROLES.
 */
const toSpan = (name: string) =>
  z.string().transform((v, ctx): DailySpan => {
    const s = parseSpan(v);
    if (!s) {
      ctx.addIssue({ code: 'custom', message: `${name}: "${v}" is not a span like 08:00-16:00` });
      return z.NEVER;
    }
    return s;
  });

const ShiftTable = z.partialRecord(z.enum(SHIFTS), toSpan('SHIFT_HOURS'));

/**
 * SHIFT_HOURS: JSON, `{"*": {...}, "<role>": {...}}` where each table maps early/middle/night to
 * `HH:MM-HH:MM`; `*` changes the default for every role, a role key only that role's shifts.
 */
export const shiftHoursVar = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx): ShiftHours => {
    const base = DEFAULT_CALENDAR_CONFIG.shiftHours;
    if (v === undefined || v === '') return base;
    let json: unknown;
    try {
      json = JSON.parse(v);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'SHIFT_HOURS must be JSON, e.g. {"*":{"early":"08:00-16:00"}}',
      });
      return z.NEVER;
    }
    const r = z.partialRecord(z.union([z.literal('*'), z.enum(ROLES)]), ShiftTable).safeParse(json);
    if (!r.success) {
      ctx.addIssue({
        code: 'custom',
        message: `SHIFT_HOURS: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      });
      return z.NEVER;
    }
    const { '*': all, ...roles } = r.data;
    const byRole: Partial<Record<Role, Partial<Record<Shift, DailySpan>>>> = {};
    for (const [role, table] of Object.entries(roles)) if (table) byRole[role as Role] = table;
    return { default: { ...base.default, ...all }, byRole };
  });

export const officeHoursVar = z.string().default('09:00-18:00').pipe(toSpan('OFFICE_HOURS'));

export const officeRolesVar = z
  .string()
  .default(DEFAULT_CALENDAR_CONFIG.officeRoles.join(','))
  .transform((v, ctx): Role[] => {
    const parts = v
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const bad = parts.filter((p) => !(ROLES as readonly string[]).includes(p));
    if (bad.length > 0) {
      ctx.addIssue({ code: 'custom', message: `OFFICE_ROLES: unknown role ${bad.join(', ')}` });
      return z.NEVER;
    }
    return parts as Role[];
  });
