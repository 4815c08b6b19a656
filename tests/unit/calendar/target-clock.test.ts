import { describe, expect, it } from 'vitest';
import { BusinessTime } from '../../../src/lib/business-time.js';
import {
  consumedAt,
  dueAt,
  pausedAt,
  pauseTarget,
  resumeTarget,
  retarget,
  startTarget,
  type TimeMeasure,
  wallTime,
} from '../../../src/lib/calendar/target-clock.js';
import { ManualClock } from '../../../src/lib/clock.js';

const sh = (s: string) => new Date(`${s}:00+08:00`);
const H = 3600_000;

describe('a resolution target that waiting pauses', () => {
  it('stops counting while paused and resumes where it stopped', () => {
    let s = startTarget(8 * H, sh('2026-11-30T09:00'));
    expect(dueAt(s, wallTime)).toEqual(sh('2026-11-30T17:00'));
    s = pauseTarget(s, sh('2026-11-30T11:00'), wallTime); // waits on the tenant after 2 h
    expect(dueAt(s, wallTime)).toBeUndefined();
    expect(consumedAt(s, sh('2026-11-30T20:00'), wallTime)).toBe(2 * H);
    s = resumeTarget(s, sh('2026-12-01T09:00'));
    expect(dueAt(s, wallTime)).toEqual(sh('2026-12-01T15:00'));
    expect(pausedAt(s, sh('2026-12-01T10:00'))).toBe(22 * H);
  });

  it('survives a change of target: the paused time is not given back to the clock', () => {
    let s = startTarget(24 * H, sh('2026-11-30T09:00'));
    s = pauseTarget(s, sh('2026-11-30T10:00'), wallTime); // 1 h worked
    s = resumeTarget(s, sh('2026-11-30T15:00')); // 5 h waiting on parts
    s = retarget(s, 4 * H); // priority raised: 4 h in all
    // The bug would be 09:00 + 4 h = 13:00 (forgetting the wait) — already "late" at resume.
    expect(dueAt(s, wallTime)).toEqual(sh('2026-11-30T18:00'));
    // Paused again and retargeted while paused: still no due time, and the new target holds.
    s = pauseTarget(s, sh('2026-11-30T16:00'), wallTime);
    s = retarget(s, 6 * H);
    expect(dueAt(s, wallTime)).toBeUndefined();
    s = resumeTarget(s, sh('2026-11-30T17:00'));
    expect(consumedAt(s, sh('2026-11-30T17:00'), wallTime)).toBe(2 * H);
    expect(dueAt(s, wallTime)).toEqual(sh('2026-11-30T21:00'));
    expect(s.pausedMs).toBe(6 * H);
  });

  it('counts business time when the target is a business target', () => {
    const hours = new BusinessTime(new ManualClock(0), 'Asia/Shanghai').calendar.hours;
    const business: TimeMeasure = {
      between: (a, b) => hours.between(a, b),
      advance: (a, ms) => hours.addMs(a, ms),
    };
    let s = startTarget(8 * H, sh('2026-09-29T14:00')); // Tuesday before National Day
    s = pauseTarget(s, sh('2026-09-29T16:00'), business); // 2 business hours used
    s = resumeTarget(s, sh('2026-09-30T17:00'));
    // 1 h left on Wednesday, holidays 1-7 Oct skipped, 5 h on Thursday 8 Oct.
    expect(dueAt(s, business)).toEqual(sh('2026-10-08T14:00'));
    s = retarget(s, 4 * H);
    expect(dueAt(s, business)).toEqual(sh('2026-10-08T10:00'));
  });

  it('reports a target already missed as a due time in the past', () => {
    let s = startTarget(2 * H, sh('2026-11-30T09:00'));
    s = pauseTarget(s, sh('2026-11-30T12:00'), wallTime);
    s = resumeTarget(s, sh('2026-11-30T13:00'));
    expect(dueAt(s, wallTime)).toEqual(sh('2026-11-30T12:00'));
  });
});
