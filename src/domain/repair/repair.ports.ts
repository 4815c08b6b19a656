import type { DeadlineFields } from '../shared/deadline-planner.js';
import type { Channel, HistoryEntry } from '../shared/ticket.types.js';
import type { RepairPatch } from './repair.transition.js';
import type { Billing, RepairCategory, RepairUrgency, RepairView } from './repair.types.js';

export interface NewRepair {
  readonly sourceKey: string;
  readonly category: RepairCategory;
  readonly urgency: RepairUrgency;
  readonly billing: Billing;
  readonly text: string;
  readonly shopCode: string;
  readonly unit: string;
  readonly place: string;
  readonly floor: string;
  readonly reporterId: string;
  readonly channel: Channel;
  readonly attachmentIds: readonly string[];
  readonly at: Date;
  /** Deadline fields planned at filing, stored with the document. */
  readonly deadlines?: DeadlineFields;
}

/** What the repair service needs from storage. */
export interface RepairStore {
  create(number: string, r: NewRepair): Promise<{ repair: RepairView; created: boolean }>;
  get(id: string): Promise<RepairView | null>;
  byNumber(number: string): Promise<RepairView | null>;
  /** One version-conditioned update; null when somebody changed the order first. */
  update(
    before: RepairView,
    patch: RepairPatch,
    entry: HistoryEntry,
    after: RepairView,
    /** Deadline fields planned for this change, in the same conditional update. */
    deadlines?: DeadlineFields,
  ): Promise<RepairView | null>;
  addAttachment(id: string, attachmentId: string): Promise<void>;
}

/** What the deadline planner reads of a work order (a filed one has no view yet). */
export type RepairClockFacts = Pick<
  RepairView,
  'status' | 'urgency' | 'assigneeId' | 'targetAt' | 'wait' | 'pausedMs' | 'pausedBusinessMs' | 'faultFoundAt'
>;
