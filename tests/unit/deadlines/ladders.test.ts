import { describe, expect, it } from 'vitest';
import { DEFAULT_LADDERS } from '../../../src/deadlines/ladders/default-ladders.js';
import {
  type Ladder,
  LadderSchema,
  LaddersSchema,
  ladderFor,
  rungDueAt,
} from '../../../src/deadlines/ladders/escalation-ladder.js';
import { BusinessTime } from '../../../src/lib/business-time.js';
import { ManualClock } from '../../../src/lib/clock.js';

const sh = (s: string) => new Date(`${s}:00+08:00`);
const time = new BusinessTime(new ManualClock(sh('2026-11-30T09:00')), 'Asia/Shanghai');

/** Walks a ladder from `start`, each rung anchored on the previous rung's due time. */
const walk = (ladder: Ladder, start: Date, due?: Date): Date[] => {
  const out: Date[] = [];
  let previous = start;
  for (let level = 0; level < ladder.rungs.length; level++) {
    const at = rungDueAt(ladder, level, { start, previous, ...(due ? { due } : {}) }, time);
    if (!at) break;
    out.push(at);
    previous = at;
  }
  return out;
};

const get = (kind: Parameters<typeof ladderFor>[1], severity: string): Ladder => {
  const l = ladderFor(DEFAULT_LADDERS, kind, severity);
  if (!l) throw new Error(`no ladder ${kind}/${severity}`);
  return l;
};

describe('the shipped escalation ladders (issue 14 examples)', () => {
  it('a major complaint not taken within 30 minutes goes to the manager, at once even at night', () => {
    const l = get('complaint-take', 'major');
    expect(walk(l, sh('2026-11-30T23:10'))).toEqual([sh('2026-11-30T23:40'), sh('2026-12-01T01:10')]);
    expect(l.rungs[0]).toMatchObject({ action: 'tell', to: [{ role: 'manager' }], urgent: true });
    expect(l.rungs[1]).toMatchObject({ to: [{ role: 'leader' }] });
    // A general complaint has its own, business-time ladder.
    expect(walk(get('complaint-take', 'general'), sh('2026-12-04T17:00'))).toEqual([
      sh('2026-12-07T10:00'),
      sh('2026-12-07T12:00'),
    ]);
  });

  it('a promised reply time reminds its owner one hour before and escalates when missed', () => {
    const l = get('complaint-reply', 'general');
    const due = sh('2026-12-01T15:00');
    const times = walk(l, sh('2026-11-30T15:00'), due);
    expect(times.slice(0, 2)).toEqual([sh('2026-12-01T14:00'), due]);
    expect(l.rungs[0]).toMatchObject({ action: 'remind', to: ['owner'] });
    expect(l.rungs[1]).toMatchObject({ action: 'tell', to: ['owner', 'up'] });
  });

  it('a repair past its target goes to engineering, then the deputy manager', () => {
    const l = get('repair-target', 'normal');
    const due = sh('2026-12-04T16:00');
    // Four business hours after Friday 16:00: 2 h Friday, 2 h from Monday 09:00.
    expect(walk(l, sh('2026-12-04T08:00'), due)).toEqual([due, sh('2026-12-07T11:00')]);
    expect(l.rungs.map((r) => r.to)).toEqual([[{ role: 'engineering' }], [{ role: 'deputy_manager' }]]);
    const e = get('repair-target', 'emergency');
    expect(walk(e, sh('2026-12-05T01:00'), sh('2026-12-05T02:00'))).toEqual([
      sh('2026-12-05T02:00'),
      sh('2026-12-05T02:30'),
    ]);
    expect(e.rungs.every((r) => r.urgent)).toBe(true);
  });

  it('an approval step waiting too long reminds, then passes to the next holder of the role', () => {
    const l = get('approval-step', 'goods_release');
    expect(walk(l, sh('2026-11-30T10:00'))).toEqual([
      sh('2026-11-30T10:30'),
      sh('2026-11-30T11:00'),
      sh('2026-11-30T13:00'),
    ]);
    expect(l.rungs.map((r) => r.action)).toEqual(['remind', 'pass', 'tell']);
    expect(l.rungs[1]?.to).toEqual(['next_holder']);
  });

  it('keys and archives not back by closing time remind borrower and senior assistant, then the manager next morning', () => {
    const l = get('loan-return', 'key_loan');
    // Due back at 22:00 on Friday 2 Oct (National Day week): the manager hears on Thursday 8 Oct.
    expect(walk(l, sh('2026-10-02T10:00'), sh('2026-10-02T22:00'))).toEqual([
      sh('2026-10-02T22:00'),
      sh('2026-10-08T09:00'),
    ]);
    // Due back at 17:00 on a working Monday (inside office hours): the next working morning.
    expect(walk(l, sh('2026-11-30T10:00'), sh('2026-11-30T17:00'))[1]).toEqual(sh('2026-12-01T09:00'));
    expect(l.rungs[0]?.to).toEqual(['borrower', { role: 'senior_assistant' }]);
  });

  it('a violation past its fix-by date reminds the assistant to re-inspect', () => {
    const l = get('violation-fixby', '*');
    expect(walk(l, sh('2026-11-23T10:00'), sh('2026-11-30T10:00'))).toEqual([sh('2026-11-30T10:00')]);
    expect(l.rungs[0]).toMatchObject({ action: 'remind', to: [{ role: 'assistant' }] });
  });
});

describe('ladder validation', () => {
  it('refuses a first rung anchored on a previous one, a rung before its predecessor and unknown roles', () => {
    const bad = LadderSchema.safeParse({
      rungs: [
        { label: 'a', when: { from: 'previous', minutes: 5 }, action: 'remind', to: ['owner'] },
        { label: 'b', when: { from: 'previous', minutes: -5 }, action: 'remind', to: ['owner'] },
      ],
    });
    expect(bad.success).toBe(false);
    const msgs = bad.error?.issues.map((i) => i.message).join('\n') ?? '';
    expect(msgs).toContain('first rung');
    expect(msgs).toContain('before the previous');
    expect(
      LaddersSchema.safeParse({
        'approval-step': {
          '*': {
            rungs: [
              { label: 'x', when: { from: 'start', minutes: 1 }, action: 'tell', to: [{ role: 'boss' }] },
            ],
          },
        },
      }).success,
    ).toBe(false);
  });

  it('falls back to the kind\'s "*" ladder for a severity without its own', () => {
    expect(ladderFor(DEFAULT_LADDERS, 'complaint-take', 'written')).toBe(
      DEFAULT_LADDERS['complaint-take']?.['*'],
    );
    expect(ladderFor(DEFAULT_LADDERS, 'complaint-take', 'major')).toBe(
      DEFAULT_LADDERS['complaint-take']?.major,
    );
  });
});
