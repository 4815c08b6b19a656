import { describe, expect, it } from 'vitest';
import { ComplaintDeadlinePlanner } from '../../../src/deadlines/kinds/complaint.kinds.js';
import { RepairDeadlinePlanner } from '../../../src/deadlines/kinds/repair.kinds.js';
import { DEFAULT_LADDERS } from '../../../src/deadlines/ladders/default-ladders.js';
import type { ComplaintClockFacts } from '../../../src/domain/complaint/complaint.ports.js';
import type { RepairClockFacts } from '../../../src/domain/repair/repair.ports.js';
import { BusinessTime } from '../../../src/lib/business-time.js';
import { ManualClock } from '../../../src/lib/clock.js';

const sh = (s: string) => new Date(`${s}:00+08:00`);
const time = new BusinessTime(new ManualClock(sh('2026-11-30T09:00')), 'Asia/Shanghai');
const complaints = new ComplaintDeadlinePlanner(DEFAULT_LADDERS, time);
const repairs = new RepairDeadlinePlanner(DEFAULT_LADDERS, time);

const major: ComplaintClockFacts = {
  status: 'open',
  kind: 'major',
  category: 'noise',
  ownerRole: 'senior_assistant',
  ownerId: undefined,
  replyDueAt: sh('2026-11-30T12:00'),
};

describe('complaint deadline planning', () => {
  it('a filed major complaint: the manager rung 30 minutes on, the reply reminder an hour before the promise', () => {
    expect(complaints.plan(null, major, sh('2026-11-30T10:00'))).toEqual({
      takeSince: sh('2026-11-30T10:00'),
      takeRung: 0,
      takeRemindAt: sh('2026-11-30T10:30'),
      replyRung: 0,
      replyRemindAt: sh('2026-11-30T11:00'),
    });
  });

  it('a general complaint filed on Friday evening counts business hours into Monday', () => {
    const general = { ...major, kind: 'general' as const, ownerRole: 'assistant' as const };
    expect(complaints.plan(null, general, sh('2026-12-04T17:00')).takeRemindAt).toEqual(
      sh('2026-12-07T10:00'),
    );
  });

  it('a promise within the hour skips the reminder and starts at the promise itself', () => {
    const soon = { ...major, replyDueAt: sh('2026-11-30T10:20') };
    const f = complaints.plan(null, soon, sh('2026-11-30T10:00'));
    expect([f.replyRung, f.replyRemindAt]).toEqual([1, sh('2026-11-30T10:20')]);
  });

  it('taking it changes nothing stored (the next step removes a ladder that no longer applies); 上报 starts the take-up ladder again', () => {
    const taken = { ...major, status: 'handling' as const, ownerId: 'p1' };
    expect(complaints.plan(major, taken, sh('2026-11-30T10:10'))).toEqual({});
    const up = {
      ...taken,
      status: 'open' as const,
      ownerRole: 'deputy_manager' as const,
      ownerId: undefined,
      replyDueAt: sh('2026-12-01T17:00'),
    };
    expect(complaints.plan(taken, up, sh('2026-11-30T11:00'))).toEqual({
      takeSince: sh('2026-11-30T11:00'),
      takeRung: 0,
      takeRemindAt: sh('2026-11-30T11:30'),
      replyRung: 0,
      replyRemindAt: sh('2026-12-01T16:00'),
    });
  });
});

describe('repair deadline planning', () => {
  const reported: RepairClockFacts = {
    status: 'reported',
    urgency: 'normal',
    assigneeId: undefined,
    pausedMs: 0,
    faultFoundAt: sh('2026-11-30T17:30'),
  };

  it('a normal work order: an hour of business time to accept, three working days to fix', () => {
    expect(repairs.plan(null, reported, sh('2026-11-30T17:30'))).toEqual({
      ackDueAt: sh('2026-12-01T09:30'),
      ackRung: 0,
      ackRemindAt: sh('2026-12-01T09:30'),
      targetAt: sh('2026-12-03T17:30'),
      targetRung: 0,
      targetRemindAt: sh('2026-12-03T17:30'),
    });
  });

  it('an emergency counts wall time: 15 minutes to accept, 4 hours to fix, day or night', () => {
    const f = repairs.plan(null, { ...reported, urgency: 'emergency' }, sh('2026-11-30T23:00'));
    expect([f.ackRemindAt, f.targetRemindAt]).toEqual([sh('2026-11-30T23:15'), sh('2026-12-01T03:00')]);
  });

  it('handed back to engineering, the acknowledgement target starts again; reopened, a passed target is late at once', () => {
    const accepted = { ...reported, status: 'accepted' as const, assigneeId: 'e1' };
    expect(repairs.plan(accepted, reported, sh('2026-12-01T10:00')).ackRemindAt).toEqual(
      sh('2026-12-01T11:00'),
    );
    const fixed = { ...accepted, status: 'fixed' as const, targetAt: sh('2026-12-03T17:30') };
    const reopened = { ...fixed, status: 'in_progress' as const };
    expect(repairs.plan(fixed, reopened, sh('2026-12-02T10:00')).targetRemindAt).toEqual(
      sh('2026-12-03T17:30'),
    );
    expect(repairs.plan(fixed, reopened, sh('2026-12-04T10:00')).targetRemindAt).toEqual(
      sh('2026-12-04T10:00'),
    );
  });
});

describe('waiting (挂起) pauses the resolution target, across a change of target', () => {
  const filed: RepairClockFacts = {
    status: 'in_progress',
    urgency: 'normal',
    assigneeId: 'e1',
    targetAt: sh('2026-12-03T09:00'),
    pausedMs: 0,
    faultFoundAt: sh('2026-11-30T09:00'), // Monday; 3 working days → Thursday 09:00
  };
  const wait = {
    on: 'parts' as const,
    reason: '等压缩机',
    since: sh('2026-11-30T11:00'),
    resumeBy: sh('2026-12-01T09:00'),
    from: 'in_progress' as const,
  };
  const waiting: RepairClockFacts = { ...filed, status: 'waiting', wait };
  // Resumed Tuesday 11:00: 24 h of wall time, 9 h of business time (Mon 11-18, Tue 9-11) waited.
  const resumed: RepairClockFacts = { ...filed, pausedMs: 24 * 3600_000 };
  const tue11 = sh('2026-12-01T11:00');

  it('as it starts waiting: only the resume-date reminder is planned (the target ladder stops by itself)', () => {
    expect(repairs.plan(filed, waiting, sh('2026-11-30T11:00'))).toEqual({
      resumeRung: 0,
      resumeRemindAt: sh('2026-12-01T09:00'),
    });
  });

  it('on resuming, the target is filing + target + the business time waited', () => {
    expect(repairs.plan(waiting, resumed, tue11)).toEqual({
      pausedBusinessMs: 9 * 3600_000,
      targetAt: sh('2026-12-03T18:00'),
      targetRung: 0,
      targetRemindAt: sh('2026-12-03T18:00'),
    });
  });

  it('raised to urgent after the wait: 8 business hours from filing, plus the 9 waited — not 17:00 Monday', () => {
    const before = { ...resumed, pausedBusinessMs: 9 * 3600_000 };
    const f = repairs.plan(before, { ...before, urgency: 'urgent' }, sh('2026-12-01T12:00'));
    expect(f.targetAt).toEqual(sh('2026-12-01T17:00'));
    expect(f.targetRemindAt).toEqual(sh('2026-12-01T17:00'));
    // Raised again to an emergency: 4 hours of wall time from filing plus the 24 waited.
    const g = repairs.plan(
      { ...before, urgency: 'urgent' },
      { ...before, urgency: 'emergency' },
      sh('2026-12-01T12:00'),
    );
    expect(g.targetAt).toEqual(sh('2026-12-01T13:00'));
  });

  it('raised while waiting: nothing is due until it resumes, then the new target counts the wait', () => {
    const raised = { ...waiting, urgency: 'urgent' as const };
    expect(repairs.plan(waiting, raised, sh('2026-11-30T15:00'))).toEqual({});
    expect(repairs.plan(raised, { ...resumed, urgency: 'urgent' }, tue11)).toMatchObject({
      pausedBusinessMs: 9 * 3600_000,
      targetAt: sh('2026-12-01T17:00'),
    });
  });

  it('a waiting complaint keeps its promised reply and reminds its handler on the resume date', () => {
    const handling: ComplaintClockFacts = { ...major, status: 'handling', ownerId: 'p1' };
    const w = { ...wait, from: 'handling' as const };
    expect(
      complaints.plan(handling, { ...handling, status: 'waiting', wait: w }, sh('2026-11-30T11:00')),
    ).toEqual({
      resumeRung: 0,
      resumeRemindAt: sh('2026-12-01T09:00'),
    });
  });
});
