import { describe, expect, it } from 'vitest';
import { clockRequest } from '../../../web/server/clock-presets.js';

const SH = 'Asia/Shanghai';

describe('clock presets → dev clock requests', () => {
  it('one hour is an advance of 60 minutes', () => {
    expect(clockRequest('hour', new Date('2026-11-30T02:00:00Z'), SH)).toEqual({ advanceMinutes: 60 });
  });

  it('tomorrow 09:00 is read in the business zone, not in UTC', () => {
    // 2026-11-29 23:30 in Shanghai is still the 29th there, but already the 30th's morning is "tomorrow".
    expect(clockRequest('tomorrow9', new Date('2026-11-29T15:30:00Z'), SH)).toEqual({
      to: '2026-11-30T01:00:00.000Z',
    });
    // 00:30 on the 30th in Shanghai is the 29th in UTC: tomorrow is the 1st of December.
    expect(clockRequest('tomorrow9', new Date('2026-11-29T16:30:00Z'), SH)).toEqual({
      to: '2026-12-01T01:00:00.000Z',
    });
  });

  it('next Monday 09:00 is the first Monday after today (a Monday goes a whole week on)', () => {
    const monday8 = new Date('2026-11-30T00:00:00Z'); // Monday 08:00
    expect(clockRequest('monday9', monday8, SH)).toEqual({ to: '2026-12-07T01:00:00.000Z' });
    const sunday = new Date('2026-12-06T04:00:00Z'); // Sunday 12:00
    expect(clockRequest('monday9', sunday, SH)).toEqual({ to: '2026-12-07T01:00:00.000Z' });
    const saturday = new Date('2026-12-05T04:00:00Z');
    expect(clockRequest('monday9', saturday, SH)).toEqual({ to: '2026-12-07T01:00:00.000Z' });
  });

  it('keeps 09:00 wall-clock time across a daylight-saving change', () => {
    // New York leaves DST on Sunday 2026-11-01: 09:00 that day is 14:00 UTC, not 13:00.
    expect(clockRequest('tomorrow9', new Date('2026-10-31T14:00:00Z'), 'America/New_York')).toEqual({
      to: '2026-11-01T14:00:00.000Z',
    });
  });
});
