import type { BusinessTime } from '../../lib/business-time.js';
import type { PersonView } from '../people/people.types.js';
import { type ActOutcome, type ActRequest, act } from '../shared/act.js';
import type { AuditLog } from '../shared/audit.js';
import type { DeadlinePlanner } from '../shared/deadline-planner.js';
import type { TicketNumbers } from '../shared/numbers.js';
import type { Channel } from '../shared/ticket.types.js';
import { REPAIR_ACTION_SPECS } from './repair.actions.js';
import type { RepairClockFacts, RepairStore } from './repair.ports.js';
import { repairBilling, repairCategory } from './repair.rules.js';
import { applyRepairAction } from './repair.transition.js';
import type { RepairAction, RepairUrgency, RepairView } from './repair.types.js';

export interface FileRepair {
  readonly reporter: PersonView;
  readonly channel: Channel;
  readonly text: string;
  /** Visibility: the reporter's own shop when the fault is there (or nowhere in particular). */
  readonly shopCode: string;
  readonly unit: string;
  readonly place: string;
  readonly floor: string;
  readonly urgency: RepairUrgency;
  readonly sourceKey: string;
  readonly attachmentIds?: readonly string[];
}

export type RepairOutcome = ActOutcome<RepairView, RepairAction>;

/** Repair work orders (5.1.5, 8): filed once, then moved only through the transition table. */
export class RepairService {
  constructor(
    private readonly store: RepairStore,
    private readonly numbers: TicketNumbers,
    private readonly audit: AuditLog,
    private readonly time: BusinessTime,
    /** Plans the acknowledgement and resolution targets (issue 14); none in unit tests. */
    private readonly deadlines?: DeadlinePlanner<RepairClockFacts>,
  ) {}

  async file(f: FileRepair): Promise<{ repair: RepairView; created: boolean }> {
    const at = this.time.clock.now();
    const facts: RepairClockFacts = {
      status: 'reported',
      urgency: f.urgency,
      assigneeId: undefined,
      pausedMs: 0,
      faultFoundAt: at,
    };
    const deadlines = this.deadlines?.plan(null, facts, at);
    return this.numbers.allocate('WX', this.time.dayKey(at), (number) =>
      this.store.create(number, {
        sourceKey: f.sourceKey,
        category: repairCategory(f.text),
        urgency: f.urgency,
        billing: repairBilling(f.unit !== ''),
        text: f.text,
        shopCode: f.shopCode,
        unit: f.unit,
        place: f.place,
        floor: f.floor,
        reporterId: f.reporter.id,
        channel: f.channel,
        attachmentIds: f.attachmentIds ?? [],
        at,
        ...(deadlines ? { deadlines } : {}),
      }),
    );
  }

  get(id: string): Promise<RepairView | null> {
    return this.store.get(id);
  }

  byNumber(number: string): Promise<RepairView | null> {
    return this.store.byNumber(number);
  }

  act(req: ActRequest<RepairAction>): Promise<RepairOutcome> {
    return act(
      {
        kind: 'repair',
        load: (id) => this.store.get(id),
        apply: applyRepairAction,
        save: (b, p, e, a) => this.store.update(b, p, e, a, this.deadlines?.plan(b, a, e.at)),
        spec: (a) => REPAIR_ACTION_SPECS[a],
      },
      req,
      { audit: this.audit, clock: this.time.clock },
    );
  }

  addAttachment(id: string, attachmentId: string): Promise<void> {
    return this.store.addAttachment(id, attachmentId);
  }
}
