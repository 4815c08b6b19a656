import { COMPLAINT_KIND_LABELS } from '../../domain/complaint/complaint.rules.js';
import type { ComplaintView } from '../../domain/complaint/complaint.types.js';
import { REPAIR_CATEGORY_LABELS } from '../../domain/repair/repair.rules.js';
import type { RepairView } from '../../domain/repair/repair.types.js';
import { type TicketWait, WAIT_ON_LABELS } from '../../domain/shared/ticket-wait.js';
import type { BusinessTime } from '../../lib/business-time.js';
import { complaintButtons, repairButtons } from '../../notify/buttons.js';
import { COMPLAINT_DEADLINE_FIELDS, type ComplaintKindParts } from './complaint.kinds.js';
import { humanDuration } from './human-duration.js';
import { LadderTrackKind, type TrackStep } from './ladder-track.js';
import { REPAIR_DEADLINE_FIELDS, type RepairKindParts } from './repair.kinds.js';

/** "等配件（压缩机在路上），挂起 2天，预计 12月3日 09:00 恢复". */
const waitLine = (w: TicketWait<string> | undefined, now: Date, time: BusinessTime): string =>
  w
    ? `挂起原因：${WAIT_ON_LABELS[w.on]}${w.reason ? `（${w.reason}）` : ''}，已挂起${humanDuration(
        now.getTime() - w.since.getTime(),
      )}，预计恢复：${time.human(w.resumeBy)}。`
    : '';

const text = (
  head: string,
  wait: TicketWait<string> | undefined,
  s: TrackStep<unknown>,
  now: Date,
  time: BusinessTime,
) => [head, waitLine(wait, now, time), `${s.rung.label}。`].filter(Boolean).join('\n');

/**
 * A waiting work order reminds its engineer on the expected resume date, once (a one-rung ladder
 * through the same sweep and claim as every deadline), with the card to resume or act.
 */
export const repairResumeKind = (d: RepairKindParts) =>
  new LadderTrackKind<RepairView>(
    {
      name: 'repair-wait',
      aggregate: 'repair',
      ladder: 'ticket-resume',
      collection: d.models.Repair.collection,
      fields: REPAIR_DEADLINE_FIELDS.resume,
      reads: [],
      live: { status: 'waiting' },
      isLive: (r) => r.status === 'waiting',
      load: (id) => d.repairs.get(id),
      severity: () => '*',
      anchors: (r) => ({ start: r.wait?.since ?? r.createdAt, ...(r.wait ? { due: r.wait.resumeBy } : {}) }),
      ownership: (r) => ({ role: 'engineering', ...(r.assigneeId ? { ownerId: r.assigneeId } : {}) }),
      urgent: (_r, rung) => rung.urgent,
      async text(r: RepairView, s: TrackStep<RepairView>, now: Date) {
        const where = r.unit || r.place || r.floor || '位置未填';
        return text(
          `【挂起到期提醒】报修 ${r.number}（${REPAIR_CATEGORY_LABELS[r.category]} · ${where}）`,
          r.wait,
          s,
          now,
          d.time,
        );
      },
      card: (r, p) => (repairButtons(r, p).length > 0 ? { kind: 'repair' as const, view: r } : undefined),
    },
    d,
  );

/** A waiting complaint reminds its handler on the expected resume date, once. */
export const complaintResumeKind = (d: ComplaintKindParts) =>
  new LadderTrackKind<ComplaintView>(
    {
      name: 'complaint-wait',
      aggregate: 'complaint',
      ladder: 'ticket-resume',
      collection: d.models.Complaint.collection,
      fields: COMPLAINT_DEADLINE_FIELDS.resume,
      reads: [],
      live: { status: 'waiting' },
      isLive: (c) => c.status === 'waiting',
      load: (id) => d.complaints.get(id),
      severity: () => '*',
      anchors: (c) => ({ start: c.wait?.since ?? c.createdAt, ...(c.wait ? { due: c.wait.resumeBy } : {}) }),
      ownership: (c) => ({ role: c.ownerRole, ...(c.ownerId ? { ownerId: c.ownerId } : {}) }),
      urgent: (c, rung) => rung.urgent || c.category === 'safety',
      async text(c: ComplaintView, s: TrackStep<ComplaintView>, now: Date) {
        return text(`【挂起到期提醒】${COMPLAINT_KIND_LABELS[c.kind]} ${c.number}`, c.wait, s, now, d.time);
      },
      card: (c, p) =>
        complaintButtons(c, p).length > 0 ? { kind: 'complaint' as const, view: c } : undefined,
    },
    d,
  );
