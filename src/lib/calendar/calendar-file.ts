import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isDayKey } from './day-key.js';
import type { CalendarDay } from './holiday-calendar.js';

/**
 * The company's yearly calendar file (path in CALENDAR_FILE): days that differ from the public
 * schedule the package ships, or years it does not have yet. JSON, for example
 * `{"days":[{"date":"2027-01-01","type":"holiday","name":"元旦"},{"date":"2027-02-07","type":"workday","name":"春节调休"}]}`.
 */
export const CalendarFileSchema = z
  .object({
    days: z
      .array(
        z
          .object({
            date: z.string().refine(isDayKey, 'date must be a real date written YYYY-MM-DD'),
            type: z.enum(['holiday', 'workday']),
            name: z.string().trim().min(1).max(40),
          })
          .strict(),
      )
      .max(2000),
  })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.days.forEach((d, i) => {
      if (seen.has(d.date))
        ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: `${d.date} is listed twice` });
      seen.add(d.date);
    });
  });

/** Reads and validates the file; returns the days, or every problem found (never throws). */
export const readCalendarFile = (
  path: string,
  read: (p: string) => string = (p) => readFileSync(p, 'utf8'),
): { days: CalendarDay[] } | { problems: string[] } => {
  let text: string;
  try {
    text = read(path);
  } catch (e) {
    return { problems: [`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { problems: [`${path} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const r = CalendarFileSchema.safeParse(json);
  if (!r.success)
    return { problems: r.error.issues.map((i) => `${path}: ${i.path.join('.') || 'file'}: ${i.message}`) };
  return { days: r.data.days };
};
