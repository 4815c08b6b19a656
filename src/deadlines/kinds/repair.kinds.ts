import { ROLE_LABELS } from '../../domain/people/people.types.js';
import type { RepairClockFacts } from '../../domain/repair/repair.ports.js';
import { REPAIR_CATEGORY_LABELS, REPAIR_STATUS_LABELS } from '../../domain/repair/repair.rules.js';
import type { RepairStatus, RepairUrgency, RepairView } from '../../domain/repair/repair.types.js';
import type { DeadlineFields, DeadlinePlanner } from '../../domain/shared/deadline-planner.js';
import type { BusinessTime } from '../../lib/business-time.js';
import { repairButtons } from '../../notify/buttons.js';
import type { Models } from '../../persistence/db.js';
import type { RepairRepository } from '../../persistence/repositories/repair.repository.js';
import { type Ladders, ladderFor, type Rung, rungDueAt } from '../ladders/escalation-ladder.js';
import { humanDuration } from './human-duration.js';
import { dateField, firstRung, LadderTrackKind, type TrackDeps, type TrackStep } from './ladder-track.js';

/**
 * Targets of a work order, ours where the rulebook gives none: how soon engineering accepts it
 * (acknowledgement) and how soon it is fixed (resolution). Emergencies count wall time (safety,
 * day or night); the others count business time (office hours of working days, BusinessHours).
 */
export const REPAIR_TARGETS: Record<
  RepairUrgency,
  { readonly ack: TargetSpan; readonly resolve: TargetSpan; readonly label: string }
> = {
  emergency: {
    ack: { minutes: 15, clock: 'wall' },
    resolve: { minutes: 4 * 60, clock: 'wall' },
    label: '紧急报修',
  },
  urgent: {
    ack: { minutes: 30, clock: 'wall' },
    resolve: { minutes: 8 * 60, clock: 'business' },
    label: '加急报修',
  },
  normal: { ack: { minutes: 60, clock: 'business' }, resolve: { days: 3 }, label: '报修' },
};

type TargetSpan =
  | { readonly minutes: number; readonly clock: 'wall' | 'business' }
  | { readonly days: number };

export const targetAfter = (span: TargetSpan, from: Date, time: BusinessTime): Date => {
  if ('days' in span) return time.addBusinessDays(from, span.days);
  return span.clock === 'wall'
    ? new Date(from.getTime() + span.minutes * 60_000)
    : time.calendar.hours.addMs(from, span.minutes * 60_000);
};

/**
 * The resolution target of an order filed at `start`, moved on by the time it waited: wall time
 * for a wall-clock target, business time for a business one. Computed from the filing time and
 * the urgency *now*, so a changed target still leaves the waits out (the classic helpdesk bug
 * is recomputing "opened + new target" and forgetting them).
 */
export const resolutionDue = (
  urgency: RepairUrgency,
  start: Date,
  paused: { readonly wallMs: number; readonly businessMs: number },
  time: BusinessTime,
): Date => {
  const span = REPAIR_TARGETS[urgency].resolve;
  const base = targetAfter(span, start, time);
  if ('minutes' in span && span.clock === 'wall') return new Date(base.getTime() + paused.wallMs);
  return paused.businessMs > 0 ? time.calendar.hours.addMs(base, paused.businessMs) : base;
};

export const REPAIR_DEADLINE_FIELDS = {
  ack: { remindAt: 'ackRemindAt', rung: 'ackRung', due: 'ackDueAt' },
  target: { remindAt: 'targetRemindAt', rung: 'targetRung', due: 'targetAt' },
  resume: { remindAt: 'resumeRemindAt', rung: 'resumeRung' },
} as const;

const A = REPAIR_DEADLINE_FIELDS.ack;
const G = REPAIR_DEADLINE_FIELDS.target;
const W = REPAIR_DEADLINE_FIELDS.resume;

const UNACCEPTED: readonly RepairStatus[] = ['reported', 'dispatched'];
const WORKING: readonly RepairStatus[] = ['reported', 'dispatched', 'accepted', 'quoted', 'in_progress'];

/**
 * Plans a work order's deadlines: the acknowledgement target while nobody has accepted it (again
 * when it is handed back), and the resolution target from filing until it is fixed; a reopened
 * repair (没修好) is late again from its old target, or from now when that has passed. While it
 * waits (挂起) the resolution target stops: its ladder finds the order waiting and stops, the owner
 * is reminded on the resume date instead, and on resuming (or a change of urgency) the target is
 * recomputed from filing (`faultFoundAt`, the business clock's filing time; `createdAt` is the
 * store's) plus every wait ({@link resolutionDue}). A ladder that no longer applies
 * is removed by its next due step, not here (see ComplaintDeadlinePlanner).
 */
export class RepairDeadlinePlanner implements DeadlinePlanner<RepairClockFacts> {
  constructor(
    private readonly ladders: Ladders,
    private readonly time: BusinessTime,
  ) {}

  plan(before: RepairClockFacts | null, after: RepairClockFacts, at: Date): DeadlineFields {
    const f: Record<string, Date | number | null> = {};
    const t = REPAIR_TARGETS[after.urgency];
    const unaccepted = UNACCEPTED.includes(after.status);
    const wasUnaccepted = before !== null && UNACCEPTED.includes(before.status);
    if (unaccepted && !wasUnaccepted) {
      const due = targetAfter(t.ack, at, this.time);
      const first = firstRung(
        ladderFor(this.ladders, 'repair-ack', after.urgency),
        { start: at, due },
        at,
        this.time,
      );
      f[A.due] = due;
      if (first) {
        f[A.rung] = first.level;
        f[A.remindAt] = first.dueAt;
      }
    }
    const working = WORKING.includes(after.status);
    const wasWorking = before !== null && WORKING.includes(before.status);
    const ladder = ladderFor(this.ladders, 'repair-target', after.urgency);
    if (before === null) {
      const due = resolutionDue(after.urgency, at, { wallMs: 0, businessMs: 0 }, this.time);
      const first = firstRung(ladder, { start: at, due }, at, this.time);
      f[G.due] = due;
      if (first) {
        f[G.rung] = first.level;
        f[G.remindAt] = first.dueAt;
      }
    } else if (working && !wasWorking && before.status === 'fixed' && after.targetAt && ladder) {
      const due = after.targetAt > at ? after.targetAt : at;
      const next = rungDueAt(ladder, 0, { start: at, due, previous: at }, this.time);
      if (next) {
        f[G.rung] = 0;
        f[G.remindAt] = next;
      }
    } else if (before !== null) Object.assign(f, this.waits(before, after, at));
    return f;
  }

  /** Waiting: the resume-date reminder as it starts; the target moved on as it ends or changes. */
  private waits(before: RepairClockFacts, after: RepairClockFacts, at: Date): DeadlineFields {
    const f: Record<string, Date | number | null> = {};
    if (after.wait && after.wait.since.getTime() !== before.wait?.since.getTime()) {
      const ladder = ladderFor(this.ladders, 'ticket-resume', '*');
      const first = firstRung(ladder, { start: at, due: after.wait.resumeBy }, at, this.time);
      if (first) {
        f[W.rung] = first.level;
        f[W.remindAt] = first.dueAt;
      }
    }
    let businessMs = before.pausedBusinessMs ?? 0;
    if (before.wait && !after.wait) {
      businessMs += this.time.calendar.hours.between(before.wait.since, at);
      f.pausedBusinessMs = businessMs;
    }
    const resumed = Boolean(before.wait && !after.wait);
    const regraded = before.urgency !== after.urgency;
    if ((resumed || regraded) && !after.wait && WORKING.includes(after.status)) {
      const due = resolutionDue(
        after.urgency,
        after.faultFoundAt,
        { wallMs: after.pausedMs, businessMs },
        this.time,
      );
      const ladder = ladderFor(this.ladders, 'repair-target', after.urgency);
      const first = firstRung(ladder, { start: after.faultFoundAt, due }, at, this.time);
      f[G.due] = due;
      if (first) {
        f[G.rung] = first.level;
        f[G.remindAt] = first.dueAt;
      }
    }
    return f;
  }
}

const what = (r: RepairView): string =>
  `${REPAIR_TARGETS[r.urgency].label} ${r.number}（${REPAIR_CATEGORY_LABELS[r.category]} · ${
    r.unit || r.place || r.floor || '位置未填'
  }）`;

const urgent = (r: RepairView, rung: Rung): boolean => rung.urgent || r.urgency === 'emergency';

const card = (r: RepairView, p: Parameters<typeof repairButtons>[1]) =>
  repairButtons(r, p).length > 0 ? { kind: 'repair' as const, view: r } : undefined;

export interface RepairKindParts extends TrackDeps {
  readonly models: Models;
  readonly repairs: RepairRepository;
}

const late = (due: Date, now: Date): string => {
  const ms = now.getTime() - due.getTime();
  return ms >= 0 ? `已超时${humanDuration(ms)}` : `还有${humanDuration(-ms)}`;
};

/** Acknowledgement target: nobody accepted the work order in time. */
export const repairAckKind = (d: RepairKindParts) =>
  new LadderTrackKind<RepairView>(
    {
      name: 'repair-ack',
      ladder: 'repair-ack',
      aggregate: 'repair',
      collection: d.models.Repair.collection,
      fields: A,
      reads: [A.due],
      live: { status: { $in: UNACCEPTED } },
      isLive: (r) => UNACCEPTED.includes(r.status),
      load: (id) => d.repairs.get(id),
      severity: (r) => r.urgency,
      anchors: (r, row) => ({ start: r.createdAt, due: dateField(row, A.due) ?? r.createdAt }),
      ownership: (r) => ({ role: 'engineering', ...(r.assigneeId ? { ownerId: r.assigneeId } : {}) }),
      urgent,
      async text(r: RepairView, s: TrackStep<RepairView>, now: Date) {
        const due = s.anchors.due ?? now;
        const reporter = (await d.people.get(r.reporterId))?.name ?? '报修人';
        const assignee = r.assigneeId ? (await d.people.get(r.assigneeId))?.name : undefined;
        return [
          `【${s.rung.action === 'remind' ? '接单提醒' : '接单超时'}】${what(r)}`,
          `报修人：${reporter}。响应时限 ${d.time.human(due)}，${late(due, now)}，仍${
            assignee ? `待${assignee}接单` : `待${ROLE_LABELS.engineering}接单`
          }。`,
          `${s.rung.label}。`,
          `内容：${r.text.slice(0, 60)}`,
        ].join('\n');
      },
      card,
    },
    d,
  );

/** Resolution target: "a repair past its target goes to engineering's lead, then the deputy manager". */
export const repairTargetKind = (d: RepairKindParts) =>
  new LadderTrackKind<RepairView>(
    {
      name: 'repair-target',
      ladder: 'repair-target',
      aggregate: 'repair',
      collection: d.models.Repair.collection,
      fields: G,
      reads: [],
      live: { status: { $in: WORKING } },
      isLive: (r) => WORKING.includes(r.status),
      load: (id) => d.repairs.get(id),
      severity: (r) => r.urgency,
      anchors: (r) => ({ start: r.createdAt, due: r.targetAt ?? r.createdAt }),
      ownership: (r) => ({ role: 'engineering', ...(r.assigneeId ? { ownerId: r.assigneeId } : {}) }),
      urgent,
      async text(r: RepairView, s: TrackStep<RepairView>, now: Date) {
        const due = r.targetAt ?? s.anchors.due ?? now;
        const reporter = (await d.people.get(r.reporterId))?.name ?? '报修人';
        const assignee = r.assigneeId ? (await d.people.get(r.assigneeId))?.name : undefined;
        return [
          `【${s.rung.action === 'remind' ? '维修提醒' : '维修超时'}】${what(r)}`,
          `报修人：${reporter}。目标完成时间 ${d.time.human(due)}，${late(due, now)}。当前：${
            REPAIR_STATUS_LABELS[r.status]
          }${assignee ? `，维修人：${assignee}` : ''}。`,
          `${s.rung.label}。`,
        ].join('\n');
      },
      card,
    },
    d,
  );
