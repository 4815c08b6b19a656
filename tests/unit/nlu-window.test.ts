import { describe, expect, it } from 'vitest';
import { dayjs } from '../../src/lib/business-time.js';
import { extractWindow } from '../../src/nlu/slots/window.js';

/** Monday 30 November 2026, 10:00 in Shanghai. */
const now = dayjs.tz('2026-11-30 10:00', 'Asia/Shanghai');
const win = (text: string) => {
  const w = extractWindow(text, now);
  return w && { start: w.startIso, end: w.endIso, text: w.text };
};

describe('time windows (space use, after-hours work)', () => {
  it('reads the end on the start’s day and in its part of the day', () => {
    expect(win('周六下午2点到5点在中庭搞活动')).toEqual({
      start: '2026-12-05T14:00:00+08:00',
      end: '2026-12-05T17:00:00+08:00',
      text: '12月5日 14:00 至 17:00',
    });
    expect(win('12月5日14:00-17:00 东门广场')?.end).toBe('2026-12-05T17:00:00+08:00');
    expect(win('明天上午9点至11点')?.start).toBe('2026-12-01T09:00:00+08:00');
  });

  it('runs into the next day when the end is not after the start', () => {
    expect(win('今晚10点到明早6点进场')).toEqual({
      start: '2026-11-30T22:00:00+08:00',
      end: '2026-12-01T06:00:00+08:00',
      text: '11月30日 22:00 至 12月1日 06:00',
    });
    expect(win('晚上10点到早上6点')?.end).toBe('2026-12-01T06:00:00+08:00');
  });

  it('needs a time on both sides, and a dash only between digits (unit codes use dashes)', () => {
    expect(win('周六下午')).toBeUndefined();
    expect(win('贴到12月10日')).toBeUndefined();
    expect(win('B1-23 明天')).toBeUndefined();
  });
});
