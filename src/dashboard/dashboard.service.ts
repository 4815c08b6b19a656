import type { Connection } from 'mongoose';
import type {
  DashCallbackPage,
  DashDigest,
  DashItem,
  DashItemPage,
  DashKind,
  DashTicket,
  DashTimelineEntry,
  TargetState,
} from '../../web/shared/dashboard-api.js';
import { DASH_KIND_LABELS, TARGET_LABELS } from '../../web/shared/dashboard-api.js';
import type { DeadlineFailureView } from '../deadlines/deadline-failures.js';
import { renderBarChartSvg } from '../digests/chart.js';
import { ComplaintStats } from '../digests/complaint-stats.js';
import { APPROVAL_STATUS_LABELS } from '../digests/digest-labels.js';
import { presentWeeklyComplaints, weeklyComplaintsChart } from '../digests/weekly-complaints.present.js';
import { APPROVAL_ACTION_SPECS } from '../domain/approval/approval.actions.js';
import { APPROVAL_LABELS } from '../domain/approval/approval.rules.js';
import { COMPLAINT_ACTION_SPECS } from '../domain/complaint/complaint.actions.js';
import { COMPLAINT_CATEGORY_LABELS, COMPLAINT_STATUS_LABELS } from '../domain/complaint/complaint.rules.js';
import { ROLE_LABELS, type Role } from '../domain/people/people.types.js';
import { REPAIR_ACTION_SPECS } from '../domain/repair/repair.actions.js';
import { REPAIR_CATEGORY_LABELS, REPAIR_STATUS_LABELS } from '../domain/repair/repair.rules.js';
import type { BusinessTime } from '../lib/business-time.js';
import { instantAt, weekKeyOf } from '../lib/calendar/day-key.js';
import { mediaPath } from '../media/media-url.js';
import type {
  DashboardFilter,
  DashboardRepository,
  DashboardRow,
  DashboardScope,
} from '../persistence/repositories/dashboard.repository.js';
import { OPEN_STATUSES } from '../persistence/repositories/dashboard.repository.js';
import { DUE_SOON_MS, targetState, toCsv } from './dashboard-rules.js';
import { waitingFields } from './waiting-fields.js';

const STATUS_LABELS: Record<DashKind, Readonly<Record<string, string>>> = {
  complaint: COMPLAINT_STATUS_LABELS,
  repair: REPAIR_STATUS_LABELS,
  approval: APPROVAL_STATUS_LABELS,
};
const TYPE_LABELS: Record<DashKind, Readonly<Record<string, string>>> = {
  complaint: COMPLAINT_CATEGORY_LABELS,
  repair: REPAIR_CATEGORY_LABELS,
  approval: APPROVAL_LABELS,
};

/** Lines that are not card actions: filing, deadline rungs, hand-overs. */
const OTHER_ACTIONS: Readonly<Record<string, string>> = {
  filed: '提交',
  submitted: '提交',
  'deadline.approval-step': '时限提醒',
  remind: '提醒',
  pass: '转交',
  tell: '上报',
  photo: '补充照片',
  'person.left': '人员离职交接',
};

/** A history or audit action as people read it: the card button's own label where there is one. */
const actionLabel = (kind: DashKind, action: string): string => {
  const specs: Readonly<Record<string, { label: string }>> =
    kind === 'complaint'
      ? COMPLAINT_ACTION_SPECS
      : kind === 'repair'
        ? REPAIR_ACTION_SPECS
        : APPROVAL_ACTION_SPECS;
  const last = action.startsWith(`${kind}.`) ? action.slice(kind.length + 1) : action;
  return OTHER_ACTIONS[action] ?? specs[last]?.label ?? OTHER_ACTIONS[last] ?? action;
};

/** Page cursors: the creation (or close) time of the last row, as epoch milliseconds. */
const cursorDate = (cursor: string | undefined): Date | undefined =>
  cursor && /^\d{1,16}$/.test(cursor) ? new Date(Number(cursor)) : undefined;

export interface DashboardDeps {
  readonly repo: DashboardRepository;
  readonly time: BusinessTime;
  readonly reporting: () => Promise<Connection>;
  readonly mediaSecret: string;
  /** Deadline steps that failed for good, newest first (none where no timers run). */
  readonly failures?: () => Promise<readonly DeadlineFailureView[]>;
}

/**
 * What the operations dashboard shows, computed from the repository's indexed queries and
 * presented in Chinese: open tickets against their targets, one ticket's timeline with its photos,
 * the week's complaint figures with the digest's chart, the callback list, CSV exports.
 */
export class DashboardService {
  constructor(private readonly d: DashboardDeps) {}

  private names(): (id: string | undefined) => Promise<string> {
    const cache = new Map<string, Promise<string>>();
    return (id) => {
      if (!id) return Promise.resolve('');
      let p = cache.get(id);
      if (!p) {
        p = this.d.repo.personName(id).then((n) => n ?? '');
        cache.set(id, p);
      }
      return p;
    };
  }

  private async item(r: DashboardRow, name: (id: string | undefined) => Promise<string>): Promise<DashItem> {
    const now = this.d.time.clock.now();
    const waiting = r.waitPersonId
      ? await name(r.waitPersonId)
      : r.waitRole
        ? (ROLE_LABELS[r.waitRole as Role] ?? r.waitRole)
        : '';
    return {
      kind: r.kind,
      id: r.id,
      number: r.number,
      status: r.status,
      statusLabel: STATUS_LABELS[r.kind][r.status] ?? r.status,
      typeLabel: TYPE_LABELS[r.kind][r.type] ?? r.type,
      text: r.text,
      shopCode: r.shopCode,
      unit: r.unit,
      floor: r.floor,
      createdAt: r.filedAt.toISOString(),
      dueAt: r.dueAt?.toISOString() ?? null,
      target: targetState(r.dueAt, r.escalationLevel, now),
      escalationLevel: r.escalationLevel,
      waitingOn: waiting,
      reporter: await name(r.reporterId),
    };
  }

  async items(f: DashboardFilter, scope: DashboardScope, cursor?: string, limit = 20): Promise<DashItemPage> {
    const before = cursorDate(cursor);
    const rows = await this.d.repo.list(f, scope, { ...(before ? { before } : {}), limit: limit + 1 });
    const page = rows.slice(0, limit);
    const name = this.names();
    const items = await Promise.all(page.map((r) => this.item(r, name)));
    const c = await this.d.repo.counts(f, scope, this.d.time.clock.now(), DUE_SOON_MS);
    const counts: Record<TargetState, number> = {
      overdue: c.overdue,
      due_soon: c.dueSoon,
      on_time: c.onTime,
      none: Math.max(0, c.open - c.overdue - c.dueSoon - c.onTime),
    };
    const last = page.at(-1);
    return { items, next: rows.length > limit && last ? String(last.createdAt.getTime()) : null, counts };
  }

  /** One ticket with its timeline (its own history and the audit log, merged by time) and photos. */
  async ticket(number: string, scope: DashboardScope): Promise<DashTicket | null> {
    const r = await this.d.repo.byNumber(number);
    if (!r || !(await this.visible(r, scope))) return null;
    const name = this.names();
    const audit = await this.d.repo.auditOf(r.id);
    const timeline: DashTimelineEntry[] = [
      ...(await Promise.all(
        r.history.map(async (h) => ({
          at: h.at.toISOString(),
          who: (await name(h.actorId)) || '系统',
          what: actionLabel(r.kind, h.action),
          note: h.note,
          source: 'history' as const,
        })),
      )),
      ...(await Promise.all(
        audit.map(async (a) => ({
          at: a.at.toISOString(),
          who: (await name(a.actorPersonId)) || a.actorPlatformUserId || '系统',
          what: actionLabel(r.kind, a.action),
          note: a.reason ?? '',
          source: 'audit' as const,
          outcome: a.outcome === 'refused' ? '已拒绝' : a.outcome === 'allowed' ? '已执行' : '记录',
        })),
      )),
    ].sort((a, b) => a.at.localeCompare(b.at));
    const now = this.d.time.clock.now();
    return {
      item: await this.item(r, name),
      fields: [
        { label: '类型', value: `${DASH_KIND_LABELS[r.kind]} · ${TYPE_LABELS[r.kind][r.type] ?? r.type}` },
        { label: '铺位', value: r.shopCode || r.unit || '—' },
        { label: '楼层', value: r.floor || '—' },
        { label: '提交时间', value: this.d.time.human(r.filedAt) },
        { label: '目标时间', value: r.dueAt ? this.d.time.human(r.dueAt) : '—' },
        ...(r.escalationLevel > 0 ? [{ label: '已升级', value: `${r.escalationLevel} 级` }] : []),
        ...waitingFields(r, now, (d) => this.d.time.human(d)),
        ...r.details,
      ],
      timeline,
      photos: r.attachmentIds.map((id, i) => ({
        url: mediaPath(this.d.mediaSecret, id, now, 3600_000),
        name: `照片 ${i + 1}`,
      })),
    };
  }

  private async visible(r: DashboardRow, scope: DashboardScope): Promise<boolean> {
    if (scope.all) return true;
    const me = scope.personId;
    if (r.reporterId === me || r.ownerId === me || r.waitPersonId === me) return true;
    if (r.floor && scope.floors.includes(r.floor)) return true;
    for (const floor of scope.floors) {
      const codes = await this.d.repo.shopsOnFloor(floor);
      if (codes.includes(r.shopCode) || codes.includes(r.unit)) return true;
    }
    return false;
  }

  /** This week so far (Monday 00:00 in the business zone until now): the digest's figures and chart. */
  async digest(scope?: DashboardScope): Promise<DashDigest> {
    const tz = this.d.time.tz;
    const now = this.d.time.clock.now();
    const from = instantAt(weekKeyOf(now, tz), 0, tz);
    const stats = await new ComplaintStats(await this.d.reporting(), tz).weekly(from, now, now);
    const week = `${this.d.time.at(from).format('M月D日')}—${this.d.time.at(now).format('M月D日')}`;
    const { markdown } = presentWeeklyComplaints(stats, week);
    return {
      week,
      lines: markdown.split('\n').map((l) => l.replaceAll('**', '')),
      figures: [
        { label: '本周新增投诉', value: String(stats.created) },
        { label: '超时未处理', value: String(stats.overdue) },
        { label: '本周结案', value: String(stats.callbacks.closed) },
        { label: '待回访', value: String(stats.callbacks.closed - stats.callbacks.done) },
        {
          label: '满意度',
          value: stats.satisfaction.average === null ? '—' : stats.satisfaction.average.toFixed(1),
        },
      ],
      chartSvg: renderBarChartSvg(weeklyComplaintsChart(stats.byKindCategory, week)),
      // Failed reminders name people and tickets: for those who see everything (the manager above all).
      failures: (scope?.all ? ((await this.d.failures?.()) ?? []) : []).map((f) => ({
        at: f.at.toISOString(),
        label: f.label,
        what: f.what,
        recipients: f.recipients,
        error: f.error,
      })),
    };
  }

  async callbacks(scope: DashboardScope, cursor?: string, limit = 20): Promise<DashCallbackPage> {
    const before = cursorDate(cursor);
    const rows = await this.d.repo.callbacksDue(scope, { ...(before ? { before } : {}), limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => ({
        number: r.number,
        shopCode: r.shopCode || r.unit,
        text: r.text,
        closedAt: (r.closedAt ?? r.createdAt).toISOString(),
        rating: r.rating ?? null,
        done: r.callbackDoneAt !== undefined,
      })),
      next: rows.length > limit && last?.closedAt ? String(last.closedAt.getTime()) : null,
    };
  }

  /** Every open ticket a filter selects (up to `max`), as CSV for Excel. */
  async csv(f: DashboardFilter, scope: DashboardScope, max = 5000): Promise<{ csv: string; rows: number }> {
    const rows: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await this.items(f, scope, cursor, 200);
      for (const i of page.items) {
        rows.push([
          i.number,
          DASH_KIND_LABELS[i.kind],
          i.typeLabel,
          i.statusLabel,
          TARGET_LABELS[i.target],
          i.shopCode || i.unit,
          i.floor,
          i.reporter,
          i.waitingOn,
          this.d.time.human(new Date(i.createdAt)),
          i.dueAt ? this.d.time.human(new Date(i.dueAt)) : '',
          i.text,
        ]);
      }
      cursor = page.next ?? undefined;
    } while (cursor && rows.length < max);
    const header = [
      '单号',
      '类别',
      '类型',
      '状态',
      '时限',
      '铺位',
      '楼层',
      '提交人',
      '等待',
      '提交时间',
      '目标时间',
      '内容',
    ];
    return { csv: toCsv(header, rows.slice(0, max)), rows: Math.min(rows.length, max) };
  }

  statusChoices(): Record<DashKind, { value: string; label: string }[]> {
    const of = (k: DashKind) =>
      OPEN_STATUSES[k].map((value) => ({ value, label: STATUS_LABELS[k][value] ?? value }));
    return { complaint: of('complaint'), repair: of('repair'), approval: of('approval') };
  }
}
