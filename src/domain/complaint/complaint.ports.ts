import type { DeadlineFields } from '../shared/deadline-planner.js';
import type { Channel, HistoryEntry } from '../shared/ticket.types.js';
import type { ComplaintPatch } from './complaint.transition.js';
import type { ComplaintCategory, ComplaintKind, ComplaintView } from './complaint.types.js';

export interface NewComplaint {
  readonly sourceKey: string;
  readonly kind: ComplaintKind;
  readonly category: ComplaintCategory;
  readonly text: string;
  readonly shopCode: string;
  readonly unit: string;
  readonly place: string;
  readonly floor: string;
  readonly reporterId: string;
  readonly channel: Channel;
  readonly ownerRole: ComplaintView['ownerRole'];
  readonly routedRoles: ComplaintView['routedRoles'];
  readonly replyDueAt: Date;
  readonly docNo: string;
  readonly complainant: string;
  readonly attachmentIds: readonly string[];
  readonly at: Date;
  /** Deadline fields planned at filing, stored with the document. */
  readonly deadlines?: DeadlineFields;
}

/** What the complaint service needs from storage. */
export interface ComplaintStore {
  /** Creates once per source key; a retry returns the existing complaint. Throws a duplicate-key error on a taken number. */
  create(number: string, c: NewComplaint): Promise<{ complaint: ComplaintView; created: boolean }>;
  get(id: string): Promise<ComplaintView | null>;
  byNumber(number: string): Promise<ComplaintView | null>;
  /**
   * Persists one change as a single-document update conditioned on the version read; null when
   * somebody changed the complaint first (the caller re-reads and decides again).
   */
  update(
    before: ComplaintView,
    patch: ComplaintPatch,
    entry: HistoryEntry,
    after: ComplaintView,
    /** Deadline fields planned for this change, in the same conditional update. */
    deadlines?: DeadlineFields,
  ): Promise<ComplaintView | null>;
  addAttachment(id: string, attachmentId: string): Promise<void>;
}

/** What the deadline planner reads of a complaint (a filed one has no view yet). */
export type ComplaintClockFacts = Pick<
  ComplaintView,
  'status' | 'kind' | 'category' | 'ownerRole' | 'ownerId' | 'replyDueAt' | 'wait'
>;
