import type { Channel, HistoryEntry } from '../shared/ticket.types.js';
import type { PatrolPatch } from './patrol.transition.js';
import type { FindingCategory, FindingView, PatrolShift, PatrolStatus, PatrolView } from './patrol.types.js';

export interface NewPatrol {
  readonly sourceKey: string;
  readonly walkerId: string;
  readonly channel: Channel;
  readonly dayKey: string;
  readonly shift: PatrolShift;
  readonly at: Date;
}

export interface NewFinding {
  readonly sourceKey: string;
  readonly patrolId: string;
  readonly category: FindingCategory;
  readonly text: string;
  readonly unit: string;
  readonly attachmentIds: readonly string[];
  readonly at: Date;
}

/** What the patrol service needs from storage. */
export interface PatrolStore {
  create(number: string, p: NewPatrol): Promise<{ patrol: PatrolView; created: boolean }>;
  get(id: string): Promise<PatrolView | null>;
  byNumber(number: string): Promise<PatrolView | null>;
  /** The patrol this person is walking now, if any (equality on an indexed field). */
  walking(walkerId: string): Promise<PatrolView | null>;
  /** Patrols in one status, oldest first (equality on the indexed status): records to review. */
  withStatus(status: PatrolStatus, limit: number): Promise<PatrolView[]>;
  /** Every patrol of one business day (equality on the indexed day key). */
  onDay(dayKey: string): Promise<PatrolView[]>;
  update(
    before: PatrolView,
    patch: PatrolPatch,
    entry: HistoryEntry,
    after: PatrolView,
  ): Promise<PatrolView | null>;
  addFinding(f: NewFinding): Promise<{ finding: FindingView; created: boolean }>;
  findings(patrolId: string): Promise<FindingView[]>;
  /** Links a finding to the work order or violation it became. */
  linkFinding(findingId: string, link: { repairNumber?: string; violationNumber?: string }): Promise<void>;
  addFindingPhoto(findingId: string, attachmentId: string): Promise<void>;
}
