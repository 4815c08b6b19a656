import { useCallback, useEffect, useState } from 'preact/hooks';
import {
  DASH_KIND_LABELS,
  type DashCallbackPage,
  type DashDigest,
  type DashItem,
  type DashItemPage,
  type DashKind,
  type DashSession,
  type DashTicket,
  TARGET_LABELS,
} from '../../shared/dashboard-api.js';
import { api, type Filters, NotSignedIn } from './api.js';
import { InspectionsView } from './inspections.js';

type Tab = DashKind | 'digest' | 'callbacks' | 'inspections';
const TABS: readonly { id: Tab; label: string }[] = [
  { id: 'complaint', label: '投诉' },
  { id: 'repair', label: '工单' },
  { id: 'approval', label: '审批' },
  { id: 'digest', label: '本周' },
  { id: 'callbacks', label: '回访' },
  { id: 'inspections', label: '巡查' },
];

const fmt = (iso: string | null): string => {
  if (!iso) return '—';
  const d = new Date(iso);
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
};

const REFRESH_MS = 10_000;

export const App = () => {
  const [session, setSession] = useState<DashSession | null>(null);
  const [signedOut, setSignedOut] = useState(false);
  const [error, setError] = useState('');
  const [tab, setTab] = useState<Tab>('complaint');
  const [filters, setFilters] = useState<Omit<Filters, 'kind'>>({
    floor: '',
    shop: '',
    status: '',
    person: '',
  });
  const [page, setPage] = useState<DashItemPage | null>(null);
  const [more, setMore] = useState<DashItem[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [ticket, setTicket] = useState<DashTicket | null>(null);
  const [digest, setDigest] = useState<DashDigest | null>(null);
  const [callbacks, setCallbacks] = useState<DashCallbackPage | null>(null);
  const [find, setFind] = useState('');
  const [tick, setTick] = useState(0);

  const fail = useCallback((e: unknown) => {
    if (e instanceof NotSignedIn) setSignedOut(true);
    else setError(e instanceof Error ? e.message : String(e));
  }, []);

  useEffect(() => {
    api.session().then(setSession, fail);
  }, [fail]);

  const kind: DashKind | undefined =
    tab === 'digest' || tab === 'callbacks' || tab === 'inspections' ? undefined : tab;
  const f: Filters | undefined = kind ? { kind, ...filters } : undefined;

  useEffect(() => {
    if (!session) return;
    setError('');
    if (f) {
      api.items(f).then((p) => {
        setPage(p);
        setMore([]);
        setNext(p.next);
      }, fail);
    } else if (tab === 'digest') api.digest().then(setDigest, fail);
    else if (tab === 'callbacks') api.callbacks().then(setCallbacks, fail);
  }, [session, tab, filters.floor, filters.shop, filters.status, filters.person, tick]);

  useEffect(() => {
    const t = setInterval(() => {
      if (document.visibilityState === 'visible') setTick((n) => n + 1);
    }, REFRESH_MS);
    return () => clearInterval(t);
  }, []);

  const openTicket = (n: string) => {
    api.ticket(n).then(setTicket, fail);
  };

  useEffect(() => {
    if (ticket) api.ticket(ticket.item.number).then(setTicket, fail);
  }, [tick]);

  if (signedOut) {
    return (
      <main class="signin" data-testid="signed-out">
        <h1>商场运营看板</h1>
        <p>
          请在企业微信或钉钉中向机器人发送“登录后台”，点击收到的链接登录（链接 5 分钟内有效，只能使用一次）。
        </p>
      </main>
    );
  }
  if (!session) return <main class="loading">{error || '加载中…'}</main>;

  const items = [...(page?.items ?? []), ...more];
  const loadMore = () => {
    if (!f || !next) return;
    api.items(f, next).then((p) => {
      setMore((m) => [...m, ...p.items]);
      setNext(p.next);
    }, fail);
  };

  return (
    <div class="dash" data-testid="dashboard">
      <header class="top">
        <h1>商场运营看板</h1>
        <div class="who">
          <span data-testid="who">
            {session.name} · {session.roleLabel}
            {session.scope === 'all' ? ' · 全部' : ` · ${session.scope.floors.join('、')} 及本人`}
          </span>
          {session.canSeeQueues ? (
            <a href="/dashboard/queues" class="link">
              队列状态
            </a>
          ) : null}
          <button type="button" class="link" onClick={() => setTick((n) => n + 1)}>
            刷新
          </button>
          <button
            type="button"
            class="link"
            onClick={() => api.logout(session.csrf).then(() => setSignedOut(true), fail)}
          >
            退出
          </button>
        </div>
      </header>
      <div class="tabs" role="tablist">
        {TABS.map((t) => (
          <button
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            class={tab === t.id ? 'tab on' : 'tab'}
            onClick={() => {
              setTab(t.id);
              setFilters((x) => ({ ...x, status: '' }));
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <form
        class="find"
        onSubmit={(e) => {
          e.preventDefault();
          if (find.trim()) openTicket(find.trim().toUpperCase());
        }}
      >
        <input
          aria-label="单号"
          placeholder="输入单号查看时间线，如 WX20261130-001"
          value={find}
          onInput={(e) => setFind((e.target as HTMLInputElement).value)}
        />
        <button type="submit">查看</button>
      </form>
      {error ? <p class="error">{error}</p> : null}
      {ticket ? <TicketView t={ticket} onClose={() => setTicket(null)} /> : null}
      {f && kind ? (
        <section data-testid="list" data-kind={kind}>
          <div class="filters">
            <label>
              楼层
              <select
                value={filters.floor}
                onChange={(e) => setFilters({ ...filters, floor: (e.target as HTMLSelectElement).value })}
              >
                <option value="">全部</option>
                {session.floors.map((fl) => (
                  <option value={fl}>{fl}</option>
                ))}
              </select>
            </label>
            <label>
              铺位
              <input
                value={filters.shop}
                placeholder="如 B1-23"
                size={8}
                onChange={(e) => setFilters({ ...filters, shop: (e.target as HTMLInputElement).value })}
              />
            </label>
            <label>
              状态
              <select
                value={filters.status}
                onChange={(e) => setFilters({ ...filters, status: (e.target as HTMLSelectElement).value })}
              >
                <option value="">全部未结</option>
                {session.statuses[kind].map((s) => (
                  <option value={s.value}>{s.label}</option>
                ))}
              </select>
            </label>
            <label>
              人员
              <select
                value={filters.person}
                onChange={(e) => setFilters({ ...filters, person: (e.target as HTMLSelectElement).value })}
              >
                <option value="">全部</option>
                {session.people.map((p) => (
                  <option value={p.id}>{p.name}</option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => api.exportCsv(f, session.csrf).catch(fail)}>
              导出 CSV
            </button>
          </div>
          {page ? (
            <div class="counts">
              <span class="badge overdue">已超时 {page.counts.overdue}</span>
              <span class="badge due_soon">即将到期 {page.counts.due_soon}</span>
              <span class="badge on_time">按时 {page.counts.on_time}</span>
              <span class="badge none">无时限 {page.counts.none}</span>
            </div>
          ) : null}
          {items.length === 0 ? <p class="empty">没有未结的{DASH_KIND_LABELS[kind]}</p> : null}
          <ul class="items">
            {items.map((i) => (
              <li class="item" data-number={i.number} data-status={i.status} data-target={i.target}>
                <button type="button" class="number" onClick={() => openTicket(i.number)}>
                  {i.number}
                </button>
                <span class="type">{i.typeLabel}</span>
                <span class="status">{i.statusLabel}</span>
                <span class={`badge ${i.target}`}>
                  {TARGET_LABELS[i.target]}
                  {i.escalationLevel > 0 ? ` · 已升级${i.escalationLevel}级` : ''}
                </span>
                <span class="where">{i.shopCode || i.unit || i.floor || '—'}</span>
                <span class="text">{i.text}</span>
                <span class="meta">
                  {i.reporter ? `${i.reporter} · ` : ''}
                  {fmt(i.createdAt)}
                  {i.dueAt ? ` · 目标 ${fmt(i.dueAt)}` : ''}
                  {i.waitingOn ? ` · 等待 ${i.waitingOn}` : ''}
                </span>
              </li>
            ))}
          </ul>
          {next ? (
            <button type="button" class="more" onClick={loadMore}>
              加载更多
            </button>
          ) : null}
        </section>
      ) : null}
      {tab === 'digest' && digest ? <DigestView d={digest} /> : null}
      {tab === 'inspections' ? <InspectionsView tick={tick} onError={fail} /> : null}
      {tab === 'callbacks' && callbacks ? (
        <section data-testid="callbacks">
          <h2>待回访（已办结投诉）</h2>
          {callbacks.items.length === 0 ? <p class="empty">没有待回访的投诉</p> : null}
          <ul class="items">
            {callbacks.items.map((c) => (
              <li class="item">
                <button type="button" class="number" onClick={() => openTicket(c.number)}>
                  {c.number}
                </button>
                <span class="where">{c.shopCode || '—'}</span>
                <span class="text">{c.text}</span>
                <span class="meta">
                  办结 {fmt(c.closedAt)}
                  {c.rating ? ` · 评分 ${c.rating}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
};

const TicketView = ({ t, onClose }: { t: DashTicket; onClose: () => void }) => (
  <section class="ticket" data-testid="ticket" data-number={t.item.number} data-status={t.item.status}>
    <div class="ticket-head">
      <h2>
        {t.item.number} · {t.item.statusLabel}
      </h2>
      <span class={`badge ${t.item.target}`}>{TARGET_LABELS[t.item.target]}</span>
      <button type="button" class="link" onClick={onClose}>
        关闭
      </button>
    </div>
    <p class="text">{t.item.text}</p>
    <dl class="fields">
      {t.fields.map((x) => (
        <>
          <dt>{x.label}</dt>
          <dd>{x.value}</dd>
        </>
      ))}
    </dl>
    {t.photos.length > 0 ? (
      <div class="photos">
        {t.photos.map((p) => (
          <a href={p.url} target="_blank" rel="noreferrer">
            <img src={p.url} alt={p.name} />
          </a>
        ))}
      </div>
    ) : null}
    <h3>时间线</h3>
    <ol class="timeline" data-testid="timeline">
      {t.timeline.map((e) => (
        <li class={`tl ${e.source}`}>
          <time>{fmt(e.at)}</time>
          <span class="who">{e.who}</span>
          <span class="what">{e.what}</span>
          {e.outcome ? <span class="outcome">{e.outcome}</span> : null}
          {e.note ? <span class="note">{e.note}</span> : null}
        </li>
      ))}
    </ol>
  </section>
);

const DigestView = ({ d }: { d: DashDigest }) => (
  <section data-testid="digest" class="digest">
    <h2>本周投诉（{d.week}）</h2>
    <div class="figures">
      {d.figures.map((x) => (
        <div class="figure">
          <b>{x.value}</b>
          <span>{x.label}</span>
        </div>
      ))}
    </div>
    {/* The chart is SVG drawn on the server by the digest's own chart code. */}
    <div class="chart" dangerouslySetInnerHTML={{ __html: d.chartSvg }} />
    <ul class="lines">
      {d.lines.map((l) => (
        <li>{l}</li>
      ))}
    </ul>
    {d.failures.length > 0 ? (
      <section data-testid="failures" class="failures">
        <h3>发送失败的提醒（请人工跟进）</h3>
        <ul class="lines">
          {d.failures.map((f) => (
            <li>
              {fmt(f.at)} · {f.label}
              {f.what ? ` · ${f.what}` : ''}
              {f.recipients.length > 0 ? ` · 未送达 ${f.recipients.join('、')}` : ''} · {f.error}
            </li>
          ))}
        </ul>
      </section>
    ) : null}
  </section>
);
