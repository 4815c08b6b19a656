import type { BusinessTime } from '../../lib/business-time.js';
import type { PersonView } from '../people/people.types.js';
import { type ActOutcome, type ActRequest, act } from '../shared/act.js';
import type { AuditLog } from '../shared/audit.js';
import type { DeadlinePlanner } from '../shared/deadline-planner.js';
import type { TicketNumbers } from '../shared/numbers.js';
import type { Channel } from '../shared/ticket.types.js';
import { COMPLAINT_ACTION_SPECS } from './complaint.actions.js';
import type { ComplaintClockFacts, ComplaintStore } from './complaint.ports.js';
import { complaintCategory, complaintKind, replyDelayMs, routeComplaint } from './complaint.rules.js';
import { applyComplaintAction } from './complaint.transition.js';
import type { ComplaintAction, ComplaintView } from './complaint.types.js';

export interface FileComplaint {
  readonly reporter: PersonView;
  readonly channel: Channel;
  /** The person's own words. */
  readonly text: string;
  /** The shop whose tenant may see it: the reporter's own shop for tenants. */
  readonly shopCode: string;
  readonly unit: string;
  readonly place: string;
  readonly floor: string;
  readonly urgency: 'normal' | 'urgent' | 'emergency';
  readonly sourceKey: string;
  readonly attachmentIds?: readonly string[];
  /** A written complaint registered by the front desk. */
  readonly written?: { readonly docNo: string; readonly complainant: string };
}

export type ComplaintOutcome = ActOutcome<ComplaintView, ComplaintAction>;

/**
 * Complaints (rulebook 11). Filing decides kind, category and routing; every later change goes
 * through the transition table and comes back as an outcome for the notifier to tell people about.
 */
export class ComplaintService {
  constructor(
    private readonly store: ComplaintStore,
    private readonly numbers: TicketNumbers,
    private readonly audit: AuditLog,
    private readonly time: BusinessTime,
    /** Plans the promised-reply and take-up deadlines (issue 14); none in unit tests. */
    private readonly deadlines?: DeadlinePlanner<ComplaintClockFacts>,
  ) {}

  /** Files once per source key; `created` is false for a retry of the same cause. */
  async file(f: FileComplaint): Promise<{ complaint: ComplaintView; created: boolean }> {
    const at = this.time.clock.now();
    const kind = f.written ? 'written' : complaintKind(f.text, f.urgency);
    const category = complaintCategory(f.text);
    const route = routeComplaint(kind, category);
    const replyDueAt = new Date(at.getTime() + replyDelayMs(kind));
    const facts: ComplaintClockFacts = {
      status: 'open',
      kind,
      category,
      ownerRole: route.ownerRole,
      ownerId: undefined,
      replyDueAt,
    };
    const deadlines = this.deadlines?.plan(null, facts, at);
    return this.numbers.allocate('TS', this.time.dayKey(at), (number) =>
      this.store.create(number, {
        sourceKey: f.sourceKey,
        kind,
        category,
        text: f.text,
        shopCode: f.shopCode,
        unit: f.unit,
        place: f.place,
        floor: f.floor,
        reporterId: f.reporter.id,
        channel: f.channel,
        ownerRole: route.ownerRole,
        routedRoles: route.routedRoles,
        replyDueAt,
        docNo: f.written?.docNo ?? '',
        complainant: f.written?.complainant ?? '',
        attachmentIds: f.attachmentIds ?? [],
        at,
        ...(deadlines ? { deadlines } : {}),
      }),
    );
  }

  get(id: string): Promise<ComplaintView | null> {
    return this.store.get(id);
  }

  byNumber(number: string): Promise<ComplaintView | null> {
    return this.store.byNumber(number);
  }

  /** One action by one person: decided by the table, applied once, audited. */
  act(req: ActRequest<ComplaintAction>): Promise<ComplaintOutcome> {
    return act(
      {
        kind: 'complaint',
        load: (id) => this.store.get(id),
        apply: applyComplaintAction,
        save: (b, p, e, a) => this.store.update(b, p, e, a, this.deadlines?.plan(b, a, e.at)),
        spec: (a) => COMPLAINT_ACTION_SPECS[a],
      },
      req,
      { audit: this.audit, clock: this.time.clock },
    );
  }

  addAttachment(id: string, attachmentId: string): Promise<void> {
    return this.store.addAttachment(id, attachmentId);
  }
}
