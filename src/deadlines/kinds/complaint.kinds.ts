import type { ComplaintClockFacts } from '../../domain/complaint/complaint.ports.js';
import { COMPLAINT_CATEGORY_LABELS, COMPLAINT_KIND_LABELS } from '../../domain/complaint/complaint.rules.js';
import type { ComplaintView } from '../../domain/complaint/complaint.types.js';
import { ROLE_LABELS } from '../../domain/people/people.types.js';
import type { DeadlineFields, DeadlinePlanner } from '../../domain/shared/deadline-planner.js';
import type { BusinessTime } from '../../lib/business-time.js';
import { complaintButtons } from '../../notify/buttons.js';
import type { Models } from '../../persistence/db.js';
import type { ComplaintRepository } from '../../persistence/repositories/complaint.repository.js';
import { type Ladders, ladderFor, type Rung } from '../ladders/escalation-ladder.js';
import { humanDuration } from './human-duration.js';
import { dateField, firstRung, LadderTrackKind, type TrackDeps, type TrackStep } from './ladder-track.js';

/** Deadline fields on the complaint document (see the complaint model). */
export const COMPLAINT_DEADLINE_FIELDS = {
  take: { remindAt: 'takeRemindAt', rung: 'takeRung', since: 'takeSince' },
  reply: { remindAt: 'replyRemindAt', rung: 'replyRung' },
  resume: { remindAt: 'resumeRemindAt', rung: 'resumeRung' },
} as const;

const T = COMPLAINT_DEADLINE_FIELDS.take;
const R = COMPLAINT_DEADLINE_FIELDS.reply;
const W = COMPLAINT_DEADLINE_FIELDS.resume;

/**
 * Plans a complaint's deadlines as it is filed and changes: while it is open (nobody has taken
 * it) the take-up ladder runs from the moment it became open at its rung (filed, 上报, released);
 * whenever the promised reply time changes the reply ladder starts again from it, and stops when
 * the promise is kept (replied, closed). A ladder that no longer applies is not removed here: its
 * next due step finds the ticket moved on and removes it (the claim checks the state), which
 * keeps people's own updates as small as before (FerretDB's conditional update lost a race more
 * often with an `$unset` added; see the report of issue 14).
 */
export class ComplaintDeadlinePlanner implements DeadlinePlanner<ComplaintClockFacts> {
  constructor(
    private readonly ladders: Ladders,
    private readonly time: BusinessTime,
  ) {}

  plan(before: ComplaintClockFacts | null, after: ComplaintClockFacts, at: Date): DeadlineFields {
    const f: Record<string, Date | number | null> = {};
    const open = after.status === 'open';
    const wasOpen = before?.status === 'open';
    if (open && (!wasOpen || before?.ownerRole !== after.ownerRole)) {
      const first = firstRung(
        ladderFor(this.ladders, 'complaint-take', after.kind),
        { start: at },
        at,
        this.time,
      );
      f[T.since] = at;
      if (first) {
        f[T.rung] = first.level;
        f[T.remindAt] = first.dueAt;
      }
    }
    if (before === null || before.replyDueAt?.getTime() !== after.replyDueAt?.getTime()) {
      const due = after.status === 'closed' ? undefined : after.replyDueAt;
      const ladder = ladderFor(this.ladders, 'complaint-reply', after.kind);
      const first = due ? firstRung(ladder, { start: at, due }, at, this.time) : undefined;
      if (first) {
        f[R.rung] = first.level;
        f[R.remindAt] = first.dueAt;
      }
    }
    // Waiting (挂起) does not stop the promised reply (the first-reply target); its owner is
    // reminded on the expected resume date.
    if (after.wait && after.wait.since.getTime() !== before?.wait?.since.getTime()) {
      const ladder = ladderFor(this.ladders, 'ticket-resume', '*');
      const first = firstRung(ladder, { start: at, due: after.wait.resumeBy }, at, this.time);
      if (first) {
        f[W.rung] = first.level;
        f[W.remindAt] = first.dueAt;
      }
    }
    return f;
  }
}

const what = (c: ComplaintView): string =>
  `${COMPLAINT_KIND_LABELS[c.kind]} ${c.number}（${COMPLAINT_CATEGORY_LABELS[c.category]}${
    c.shopCode || c.unit ? ` · ${c.unit || c.shopCode}` : ''
  }）`;

const head = (r: Rung, remind: string, late: string): string =>
  r.action === 'remind' ? `【${remind}】` : `【${late}】`;

/** Safety: the rung says so, or the complaint is about safety. */
const urgent = (c: ComplaintView, r: Rung): boolean => r.urgent || c.category === 'safety';

const card = (c: ComplaintView, p: Parameters<typeof complaintButtons>[1]) =>
  complaintButtons(c, p).length > 0 ? { kind: 'complaint' as const, view: c } : undefined;

export interface ComplaintKindParts extends TrackDeps {
  readonly models: Models;
  readonly complaints: ComplaintRepository;
}

/** "A major complaint not taken within 30 minutes goes to the manager" (and the general ladder). */
export const complaintTakeKind = (d: ComplaintKindParts) =>
  new LadderTrackKind<ComplaintView>(
    {
      name: 'complaint-take',
      ladder: 'complaint-take',
      aggregate: 'complaint',
      collection: d.models.Complaint.collection,
      fields: T,
      reads: [T.since],
      live: { status: 'open' },
      isLive: (c) => c.status === 'open',
      load: (id) => d.complaints.get(id),
      severity: (c) => c.kind,
      anchors: (c, row) => ({ start: dateField(row, T.since) ?? c.createdAt }),
      ownership: (c) => ({ role: c.ownerRole }),
      urgent,
      async text(c: ComplaintView, s: TrackStep<ComplaintView>, now: Date) {
        const reporter = (await d.people.get(c.reporterId))?.name ?? '商户';
        return [
          `${head(s.rung, '投诉待受理', '投诉超时未受理')}${what(c)}`,
          `投诉人：${reporter}。待${ROLE_LABELS[c.ownerRole]}受理，已等待${humanDuration(now.getTime() - s.anchors.start.getTime())}。`,
          `${s.rung.label}。`,
          `内容：${c.text.slice(0, 60)}`,
        ].join('\n');
      },
      card,
    },
    d,
  );

/** "A promised reply time reminds its owner one hour before and escalates when missed." */
export const complaintReplyKind = (d: ComplaintKindParts) =>
  new LadderTrackKind<ComplaintView>(
    {
      name: 'complaint-reply',
      ladder: 'complaint-reply',
      aggregate: 'complaint',
      collection: d.models.Complaint.collection,
      fields: R,
      reads: ['replyDueAt', 'createdAt'],
      // A waiting complaint still owes the tenant its promised reply.
      live: { status: { $in: ['open', 'handling', 'replied', 'waiting'] }, replyDueAt: { $exists: true } },
      isLive: (c) => c.status !== 'closed' && c.replyDueAt !== undefined,
      load: (id) => d.complaints.get(id),
      severity: (c) => c.kind,
      anchors: (c) => ({ start: c.createdAt, ...(c.replyDueAt ? { due: c.replyDueAt } : {}) }),
      ownership: (c) => ({ role: c.ownerRole, ...(c.ownerId ? { ownerId: c.ownerId } : {}) }),
      urgent,
      async text(c: ComplaintView, s: TrackStep<ComplaintView>, now: Date) {
        const due = c.replyDueAt ?? s.anchors.due ?? now;
        const reporter = (await d.people.get(c.reporterId))?.name ?? '商户';
        const owner = c.ownerId ? (await d.people.get(c.ownerId))?.name : undefined;
        const left = due.getTime() - now.getTime();
        return [
          `${head(s.rung, '回复提醒', '回复超时')}${what(c)}`,
          `承诺${reporter}的回复时间：${d.time.human(due)}，${
            left > 0 ? `还有${humanDuration(left)}` : `已超过${humanDuration(-left)}`
          }。处理人：${owner ?? `${ROLE_LABELS[c.ownerRole]}（未受理）`}。`,
          `${s.rung.label}。`,
        ].join('\n');
      },
      card,
    },
    d,
  );
