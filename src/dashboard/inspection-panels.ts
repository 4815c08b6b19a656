import type { DashInspections, ShiftCoverage } from '../../web/shared/dashboard-api.js';
import { DEDUCTION_STANDARD } from '../domain/cleaning/cleaning.standard.js';
import { type CleaningStatus, COUNTED_STATUSES } from '../domain/cleaning/cleaning.types.js';
import { PATROLLED_SHIFTS, SHIFT_LABELS } from '../domain/patrol/patrol.rules.js';
import type { PatrolShift } from '../domain/patrol/patrol.types.js';
import type { BusinessTime } from '../lib/business-time.js';
import { addDays, instantAt } from '../lib/calendar/day-key.js';
import type { DashboardScope } from '../persistence/repositories/dashboard.repository.js';
import {
  type InspectionDashboardRepository,
  OPEN_VIOLATION_STATUSES,
} from '../persistence/repositories/inspection-dashboard.repository.js';

const DAY_MS = 24 * 3600_000;

/** Age bands of open violations, by days since they were opened. */
const AGE_BUCKETS: readonly { key: string; label: string; fromDays?: number; toDays?: number }[] = [
  { key: 'd1', label: '1 天内', toDays: 1 },
  { key: 'd3', label: '1–3 天', fromDays: 1, toDays: 3 },
  { key: 'd7', label: '3–7 天', fromDays: 3, toDays: 7 },
  { key: 'older', label: '7 天以上', fromDays: 7 },
];

/** The standard's areas in its own order, and each item's area. */
const AREAS: readonly string[] = [...new Set(DEDUCTION_STANDARD.map((d) => d.area))];
const AREA_OF = new Map(DEDUCTION_STANDARD.map((d) => [d.code, d.area]));
/** Deductions still to be answered or decided (not counted yet, not waived). */
const OPEN_DEDUCTIONS: readonly CleaningStatus[] = ['pending', 'disputed'];

const ASSISTANT = { roles: ['assistant'] as const, duty: [] };

const dayLabel = (day: string): string => `${Number(day.slice(5, 7))}月${Number(day.slice(8))}日`;

/**
 * The dashboard's inspection panels (issue 11, item 5): patrol coverage per day (each patrolled
 * shift with or without a patrol), open violations by shop and age, and a month's cleaning
 * deductions by day and area. Every figure is an aggregation in the database.
 */
export class InspectionPanels {
  constructor(
    private readonly repo: Pick<InspectionDashboardRepository, 'coverage' | 'openViolations' | 'cleaning'>,
    private readonly time: BusinessTime,
    private readonly shopsOnFloor: (floor: string) => Promise<string[]>,
  ) {}

  /** When a patrolled shift of a day ends (the assistants' hours). */
  private endOf(day: string, shift: PatrolShift): Date {
    const span = this.time.calendar.schedule.hoursOf(ASSISTANT, shift);
    const endDay = span.endMin <= span.startMin ? addDays(day, 1) : day;
    return instantAt(endDay, span.endMin, this.time.tz);
  }

  async panels(scope: DashboardScope, opts: { days: number; month?: string }): Promise<DashInspections> {
    return {
      scope: scope.all ? 'all' : 'own',
      coverage: await this.coverage(scope, opts.days),
      violations: await this.violations(scope),
      cleaning: await this.cleaning(scope, opts.month ?? this.time.dayKey(this.time.clock.now()).slice(0, 7)),
    };
  }

  private async coverage(scope: DashboardScope, n: number): Promise<DashInspections['coverage']> {
    const now = this.time.clock.now();
    const today = this.time.dayKey(now);
    const days = Array.from({ length: n }, (_, i) => addDays(today, -i));
    const groups = await this.repo.coverage(days, scope);
    let ended = 0;
    let covered = 0;
    const out = days.map((day) => {
      const rows = groups.get(day) ?? [];
      return {
        day,
        label: dayLabel(day),
        shifts: PATROLLED_SHIFTS.map((shift) => {
          const of = rows.filter((r) => r.key.shift === shift);
          const patrols = of.reduce((a, r) => a + r.value, 0);
          const reviewed = of.filter((r) => r.key.status === 'reviewed').reduce((a, r) => a + r.value, 0);
          const over = this.endOf(day, shift) <= now;
          const state: ShiftCoverage = patrols > 0 ? 'patrolled' : over ? 'missed' : 'upcoming';
          if (over) {
            ended++;
            if (patrols > 0) covered++;
          }
          return { shift, label: SHIFT_LABELS[shift], state, patrols, reviewed };
        }),
      };
    });
    return { days: out, ended, covered };
  }

  private async violations(scope: DashboardScope): Promise<DashInspections['violations']> {
    const now = this.time.clock.now().getTime();
    const at = (days: number | undefined) => (days === undefined ? undefined : new Date(now - days * DAY_MS));
    const codes = scope.all ? [] : (await Promise.all(scope.floors.map((f) => this.shopsOnFloor(f)))).flat();
    const byShop = new Map<string, number[]>();
    for (const [b, bucket] of AGE_BUCKETS.entries()) {
      // Younger than `toDays` means opened after now − toDays; older than `fromDays`, before.
      const from = at(bucket.toDays);
      const to = at(bucket.fromDays);
      for (const status of OPEN_VIOLATION_STATUSES) {
        const rows = await this.repo.openViolations(
          status,
          { ...(from ? { from } : {}), ...(to ? { to } : {}) },
          scope,
          codes,
        );
        for (const r of rows) {
          const shop = r.key.shopCode ?? '';
          const counts = byShop.get(shop) ?? AGE_BUCKETS.map(() => 0);
          counts[b] = (counts[b] ?? 0) + r.value;
          byShop.set(shop, counts);
        }
      }
    }
    const shops = [...byShop.entries()]
      .map(([shopCode, counts]) => ({ shopCode, counts, total: counts.reduce((a, c) => a + c, 0) }))
      .sort((a, b) => b.total - a.total || a.shopCode.localeCompare(b.shopCode));
    return {
      buckets: AGE_BUCKETS.map(({ key, label }) => ({ key, label })),
      shops,
      total: shops.reduce((a, s) => a + s.total, 0),
    };
  }

  private async cleaning(scope: DashboardScope, month: string): Promise<DashInspections['cleaning']> {
    const { points, count } = await this.repo.cleaning(month, scope);
    type Day = { points: number[]; counted: number; open: number; deductions: number };
    const days = new Map<string, Day>();
    const dayOf = (d: string): Day => {
      let x = days.get(d);
      if (!x) {
        x = { points: AREAS.map(() => 0), counted: 0, open: 0, deductions: 0 };
        days.set(d, x);
      }
      return x;
    };
    for (const r of points) {
      const status = r.key.status as CleaningStatus;
      const d = dayOf(r.key.dayKey ?? '');
      if (COUNTED_STATUSES.includes(status)) {
        const a = AREAS.indexOf(AREA_OF.get(r.key.itemCode ?? '') ?? '');
        if (a >= 0) d.points[a] = (d.points[a] ?? 0) + r.value;
        d.counted += r.value;
      } else if (OPEN_DEDUCTIONS.includes(status)) d.open += r.value;
    }
    for (const r of count) {
      const status = r.key.status as CleaningStatus;
      if (COUNTED_STATUSES.includes(status) || OPEN_DEDUCTIONS.includes(status))
        dayOf(r.key.dayKey ?? '').deductions += r.value;
    }
    const list = [...days.entries()]
      .filter(([, d]) => d.deductions > 0)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, d]) => ({ day, label: dayLabel(day), ...d }));
    return {
      month,
      areas: AREAS,
      days: list,
      totals: {
        points: AREAS.map((_, i) => list.reduce((a, d) => a + (d.points[i] ?? 0), 0)),
        counted: list.reduce((a, d) => a + d.counted, 0),
        open: list.reduce((a, d) => a + d.open, 0),
        deductions: list.reduce((a, d) => a + d.deductions, 0),
      },
    };
  }
}
