import { useEffect, useState } from 'preact/hooks';
import {
  type DashInspections,
  SHIFT_COVERAGE_LABELS,
  type ShiftCoverage,
} from '../../shared/dashboard-api.js';
import { api } from './api.js';

/** Days of patrol coverage shown. */
const DAYS = 14;

const BADGE: Record<ShiftCoverage, string> = { patrolled: 'on_time', missed: 'overdue', upcoming: 'none' };

/**
 * The inspection panels (巡查): patrol coverage per day, open violations by shop and age, and a
 * month's cleaning deductions by day and area. Refreshed with the rest of the page (`tick`).
 */
export const InspectionsView = ({ tick, onError }: { tick: number; onError: (e: unknown) => void }) => {
  const [month, setMonth] = useState('');
  const [data, setData] = useState<DashInspections | null>(null);
  useEffect(() => {
    api.inspections(DAYS, month || undefined).then(setData, onError);
  }, [month, tick]);
  if (!data) return <p class="empty">加载中…</p>;
  const own = data.scope === 'own';
  return (
    <section data-testid="inspections" class="inspections">
      <h2>
        巡场覆盖（近 {DAYS} 天{own ? '，本人巡场' : ''}）
      </h2>
      <div class="figures">
        <div class="figure">
          <b data-testid="coverage">
            {data.coverage.covered}/{data.coverage.ended}
          </b>
          <span>已结束班次中有巡场记录</span>
        </div>
        <div class="figure">
          <b>{data.violations.total}</b>
          <span>未结违章{own ? '（本人楼层及发现）' : ''}</span>
        </div>
        <div class="figure">
          <b>{data.cleaning.totals.counted}</b>
          <span>{data.cleaning.month} 已确认扣分</span>
        </div>
      </div>
      <table class="grid" data-testid="coverage-table">
        <thead>
          <tr>
            <th>日期</th>
            {(data.coverage.days[0]?.shifts ?? []).map((s) => (
              <th>{s.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.coverage.days.map((d) => (
            <tr data-day={d.day}>
              <td>{d.label}</td>
              {d.shifts.map((s) => (
                <td data-shift={s.shift} data-state={s.state}>
                  <span class={`badge ${BADGE[s.state]}`}>{SHIFT_COVERAGE_LABELS[s.state]}</span>
                  {s.patrols > 0 ? ` ${s.patrols} 次，已审阅 ${s.reviewed}` : ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>

      <h2>未结违章（按商铺和时长）</h2>
      {data.violations.shops.length === 0 ? <p class="empty">没有未结的违章</p> : null}
      {data.violations.shops.length > 0 ? (
        <table class="grid" data-testid="violations-table">
          <thead>
            <tr>
              <th>商铺</th>
              {data.violations.buckets.map((b) => (
                <th>{b.label}</th>
              ))}
              <th>合计</th>
            </tr>
          </thead>
          <tbody>
            {data.violations.shops.map((s) => (
              <tr data-shop={s.shopCode}>
                <td>{s.shopCode}</td>
                {s.counts.map((n) => (
                  <td class={n > 0 ? 'num on' : 'num'}>{n}</td>
                ))}
                <td class="num">{s.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <h2>
        清洁扣分（按日期和区域）
        <input
          type="month"
          aria-label="月份"
          value={month || data.cleaning.month}
          onChange={(e) => setMonth((e.target as HTMLInputElement).value)}
        />
      </h2>
      {data.cleaning.days.length === 0 ? <p class="empty">本月没有扣分记录</p> : null}
      {data.cleaning.days.length > 0 ? (
        <table class="grid" data-testid="cleaning-table">
          <thead>
            <tr>
              <th>日期</th>
              {data.cleaning.areas.map((a) => (
                <th>{a}</th>
              ))}
              <th>已确认</th>
              <th>待确认/异议</th>
            </tr>
          </thead>
          <tbody>
            {data.cleaning.days.map((d) => (
              <tr data-day={d.day}>
                <td>{d.label}</td>
                {d.points.map((p) => (
                  <td class={p > 0 ? 'num on' : 'num'}>{p}</td>
                ))}
                <td class="num">{d.counted}</td>
                <td class="num">{d.open}</td>
              </tr>
            ))}
            <tr class="total">
              <td>合计</td>
              {data.cleaning.totals.points.map((p) => (
                <td class="num">{p}</td>
              ))}
              <td class="num">{data.cleaning.totals.counted}</td>
              <td class="num">{data.cleaning.totals.open}</td>
            </tr>
          </tbody>
        </table>
      ) : null}
    </section>
  );
};
