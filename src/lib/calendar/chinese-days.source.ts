import { createRequire } from 'node:module';
import { z } from 'zod';
import type { CalendarDay } from './holiday-calendar.js';

/**
 * Public holidays and make-up working days (调休) of mainland China, from the `chinese-days`
 * package's generated data file (`{ holidays: {date: "English,中文,n"}, workdays: {...} }`). We
 * read the data, not the package's date functions, so no date is ever parsed in the server's
 * local zone.
 */
const DataSchema = z.object({
  holidays: z.record(z.string(), z.string()),
  workdays: z.record(z.string(), z.string()),
});

const chineseName = (v: string): string => v.split(',')[1]?.trim() || v;

/** Every day the package knows about, holidays and make-up working days alike. */
export const loadChineseDays = (): CalendarDay[] => {
  const require = createRequire(import.meta.url);
  const data = DataSchema.parse(require('chinese-days/dist/chinese-days.json'));
  return [
    ...Object.entries(data.holidays).map(([date, v]) => ({
      date,
      type: 'holiday' as const,
      name: chineseName(v),
    })),
    ...Object.entries(data.workdays).map(([date, v]) => ({
      date,
      type: 'workday' as const,
      name: `${chineseName(v)}调休`,
    })),
  ];
};
