import { describe, expect, it } from 'vitest';
import { readCalendarFile } from '../../../src/lib/calendar/calendar-file.js';
import { loadChineseDays } from '../../../src/lib/calendar/chinese-days.source.js';
import { HolidayCalendar } from '../../../src/lib/calendar/holiday-calendar.js';

const base = loadChineseDays();

describe('the holiday calendar', () => {
  const cal = new HolidayCalendar(base);

  it('knows 2026 public holidays and make-up working days from chinese-days', () => {
    expect(cal.info('2026-10-01')).toMatchObject({ type: 'holiday', working: false, name: '国庆节' });
    expect(cal.info('2026-10-05')).toMatchObject({ type: 'holiday', working: false });
    // 2026-10-10 is a Saturday worked in exchange for the National Day week (调休).
    expect(cal.info('2026-10-10')).toMatchObject({ type: 'makeup', working: true });
    expect(cal.info('2026-10-11')).toMatchObject({ type: 'weekend', working: false });
    expect(cal.info('2026-10-12')).toMatchObject({ type: 'weekday', working: true });
    expect(cal.info('2026-02-14')).toMatchObject({ type: 'makeup', working: true });
    expect(cal.isWorkingDay('2026-02-16')).toBe(false);
  });

  it('lets the company file add a year the package does not have and override a day it has', () => {
    expect(cal.covers(2026)).toBe(true);
    expect(cal.covers(2027)).toBe(false);
    const withFile = new HolidayCalendar(base, [
      { date: '2027-01-01', type: 'holiday', name: '元旦' },
      { date: '2026-10-10', type: 'holiday', name: '公司调整' },
      { date: '2026-12-26', type: 'workday', name: '年终盘点' },
    ]);
    expect(withFile.covers(2027)).toBe(true);
    expect(withFile.info('2027-01-01')).toMatchObject({ type: 'holiday', working: false, name: '元旦' });
    expect(withFile.info('2026-10-10')).toMatchObject({ type: 'holiday', working: false, name: '公司调整' });
    expect(withFile.info('2026-12-26')).toMatchObject({ type: 'makeup', working: true, name: '年终盘点' });
  });
});

describe('the calendar file', () => {
  const read = (text: string) => readCalendarFile('/cal.json', () => text);

  it('accepts a valid file', () => {
    expect(read('{"days":[{"date":"2027-02-07","type":"workday","name":"春节调休"}]}')).toEqual({
      days: [{ date: '2027-02-07', type: 'workday', name: '春节调休' }],
    });
  });

  it('lists every problem: impossible dates, duplicates, unknown types and fields, bad JSON', () => {
    const r = read(
      JSON.stringify({
        days: [
          { date: '2027-02-30', type: 'holiday', name: 'x' },
          { date: '2027-01-02', type: 'rest', name: 'y' },
          { date: '2027-01-03', type: 'holiday', name: 'z', extra: 1 },
        ],
      }),
    );
    expect('problems' in r).toBe(true);
    const text = 'problems' in r ? r.problems.join('\n') : '';
    expect(text).toContain('days.0.date');
    expect(text).toContain('days.1.type');
    expect(text).toContain('days.2');
    const dup = read(
      '{"days":[{"date":"2027-01-01","type":"holiday","name":"元旦"},{"date":"2027-01-01","type":"holiday","name":"元旦"}]}',
    );
    expect(dup).toMatchObject({ problems: [expect.stringContaining('2027-01-01 is listed twice')] });
    expect(read('{oops')).toMatchObject({ problems: [expect.stringContaining('not valid JSON')] });
    expect(readCalendarFile('/nope.json')).toMatchObject({
      problems: [expect.stringContaining('cannot read')],
    });
  });
});
