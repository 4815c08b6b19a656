import { describe, expect, it } from 'vitest';
import { InspectionPanels } from '../../../src/dashboard/inspection-panels.js';
import { BusinessTime } from '../../../src/lib/business-time.js';
import { ManualClock } from '../../../src/lib/clock.js';
import type { DashboardScope } from '../../../src/persistence/repositories/dashboard.repository.js';
import type { Grouped } from '../../../src/persistence/repositories/inspection-dashboard.repository.js';

/** Wednesday 2 December 2026, 15:00 in the mall: the early shift of the day is still on (until 16:00). */
const NOW = new Date('2026-12-02T07:00:00Z');
const DAY = 24 * 3600_000;

const g = (key: Record<string, string>, value: number): Grouped => ({ key, value });

/** The repository's answers, as the database would group them; the calls it got are kept. */
const fakeRepo = () => {
  const calls: { status: string; from?: Date; to?: Date; codes: readonly string[] }[] = [];
  return {
    calls,
    async coverage(days: readonly string[]) {
      const m = new Map<string, Grouped[]>();
      for (const d of days) m.set(d, []);
      m.set('2026-12-01', [
        g({ shift: 'early', status: 'reviewed' }, 1),
        g({ shift: 'early', status: 'submitted' }, 1),
      ]);
      m.set('2026-12-02', [g({ shift: 'middle', status: 'walking' }, 1)]);
      return m;
    },
    async openViolations(
      status: string,
      age: { from?: Date; to?: Date },
      _scope: DashboardScope,
      codes: readonly string[],
    ) {
      calls.push({ status, ...age, codes });
      // One B1-23 violation opened 2 days ago (open), one 205 opened 10 days ago (noticed).
      const opened: Record<string, { shop: string; at: number }> = {
        open: { shop: 'B1-23', at: NOW.getTime() - 2 * DAY },
        noticed: { shop: '205', at: NOW.getTime() - 10 * DAY },
      };
      const v = opened[status];
      if (!v) return [];
      const inBand =
        (age.from === undefined || v.at >= age.from.getTime()) &&
        (age.to === undefined || v.at < age.to.getTime());
      return inBand ? [g({ shopCode: v.shop }, 1)] : [];
    },
    async cleaning() {
      return {
        points: [
          g({ dayKey: '2026-12-01', itemCode: 'C02', status: 'confirmed' }, 3),
          g({ dayKey: '2026-12-01', itemCode: 'C01', status: 'upheld' }, 2),
          g({ dayKey: '2026-12-01', itemCode: 'C05', status: 'pending' }, 2),
          g({ dayKey: '2026-12-02', itemCode: 'C03', status: 'waived' }, 1),
          g({ dayKey: '2026-12-02', itemCode: '', status: 'minor' }, 0),
        ],
        count: [
          g({ dayKey: '2026-12-01', itemCode: 'C02', status: 'confirmed' }, 1),
          g({ dayKey: '2026-12-01', itemCode: 'C01', status: 'upheld' }, 1),
          g({ dayKey: '2026-12-01', itemCode: 'C05', status: 'pending' }, 1),
          g({ dayKey: '2026-12-02', itemCode: 'C03', status: 'waived' }, 1),
          g({ dayKey: '2026-12-02', itemCode: '', status: 'minor' }, 1),
        ],
      };
    },
  };
};

describe('the dashboard’s inspection panels', () => {
  const time = new BusinessTime(new ManualClock(NOW), 'Asia/Shanghai');

  it('marks each patrolled shift patrolled, missed once it ended, or still to come', async () => {
    const panels = new InspectionPanels(fakeRepo(), time, async () => []);
    const { coverage } = await panels.panels({ all: true }, { days: 2 });
    expect(
      coverage.days.map((d) => [d.day, d.shifts.map((s) => [s.shift, s.state, s.patrols, s.reviewed])]),
    ).toEqual([
      [
        '2026-12-02',
        [
          ['early', 'upcoming', 0, 0],
          ['middle', 'patrolled', 1, 0],
        ],
      ],
      [
        '2026-12-01',
        [
          ['early', 'patrolled', 2, 1],
          ['middle', 'missed', 0, 0],
        ],
      ],
    ]);
    expect({ ended: coverage.ended, covered: coverage.covered }).toEqual({ ended: 2, covered: 1 });
  });

  it('counts open violations by shop in age bands that do not overlap', async () => {
    const repo = fakeRepo();
    const panels = new InspectionPanels(repo, time, async (floor) => (floor === 'B1' ? ['B1-23'] : []));
    const { violations } = await panels.panels({ all: false, floors: ['B1'], personId: 'x' }, { days: 1 });
    expect(violations.shops).toEqual([
      { shopCode: '205', counts: [0, 0, 0, 1], total: 1 },
      { shopCode: 'B1-23', counts: [0, 1, 0, 0], total: 1 },
    ]);
    expect(violations.total).toBe(2);
    // Every query names the scope's shops; the bands meet exactly (one's `to` is the next's `from`).
    expect(repo.calls.every((c) => c.codes.join() === 'B1-23')).toBe(true);
    const bands = repo.calls.filter((c) => c.status === 'open');
    expect(bands.map((b) => [b.from?.getTime(), b.to?.getTime()])).toEqual([
      [NOW.getTime() - DAY, undefined],
      [NOW.getTime() - 3 * DAY, NOW.getTime() - DAY],
      [NOW.getTime() - 7 * DAY, NOW.getTime() - 3 * DAY],
      [undefined, NOW.getTime() - 7 * DAY],
    ]);
  });

  it('sums counted points by day and area, keeps open points apart, and leaves out minor and waived records', async () => {
    const panels = new InspectionPanels(fakeRepo(), time, async () => []);
    const { cleaning } = await panels.panels({ all: true }, { days: 1 });
    expect(cleaning.month).toBe('2026-12');
    const area = (a: string) => cleaning.areas.indexOf(a);
    expect(cleaning.days).toHaveLength(1);
    const d = cleaning.days[0];
    expect(d).toMatchObject({ day: '2026-12-01', label: '12月1日', counted: 5, open: 2, deductions: 3 });
    expect(d?.points[area('洗手间')]).toBe(3);
    expect(d?.points[area('公共通道')]).toBe(2);
    expect(d?.points[area('人员')]).toBe(0);
    expect(cleaning.totals).toMatchObject({ counted: 5, open: 2, deductions: 3 });
  });
});
