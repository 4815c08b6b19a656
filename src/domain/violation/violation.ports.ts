import type { FindingCategory } from '../patrol/patrol.types.js';
import type { Channel, HistoryEntry } from '../shared/ticket.types.js';
import type { ViolationPatch } from './violation.transition.js';
import type { NoticeKind, ViolationStatus, ViolationView } from './violation.types.js';

export interface NewViolation {
  readonly sourceKey: string;
  readonly shopCode: string;
  readonly category: FindingCategory;
  readonly text: string;
  readonly inspectorId: string;
  readonly channel: Channel;
  readonly patrolNumber: string;
  readonly fixBy: Date;
  readonly offenceNo: number;
  readonly escalated: boolean;
  readonly at: Date;
}

/** What the violation service needs from storage. */
export interface ViolationStore {
  create(number: string, v: NewViolation): Promise<{ violation: ViolationView; created: boolean }>;
  get(id: string): Promise<ViolationView | null>;
  byNumber(number: string): Promise<ViolationView | null>;
  /**
   * Violations in one status, oldest first, of one inspector or one shop (equality on the indexed
   * status, or on the indexed shop code when one is given).
   */
  waiting(
    q: { readonly status: ViolationStatus; readonly inspectorId?: string; readonly shopCode?: string },
    limit: number,
  ): Promise<ViolationView[]>;
  /** Every violation of one shop, oldest first (equality on the indexed shop code). */
  ofShop(shopCode: string): Promise<ViolationView[]>;
  update(
    before: ViolationView,
    patch: ViolationPatch,
    entry: HistoryEntry,
    after: ViolationView,
  ): Promise<ViolationView | null>;
}

/** One press that issues a notice: the violation at its stage. */
export interface NoticePress {
  readonly violationId: string;
  readonly stage: number;
  readonly kind: NoticeKind;
  readonly shopCode: string;
  readonly dayKey: string;
  readonly at: Date;
}

/**
 * The register of notice numbers (违章警告书 JG…, 违约处理单 WY…). `reserve` gives a number no other
 * notice has, even when presses race on a server whose counters are not atomic; the same press
 * (violation and stage) asked again gets the same number.
 */
export interface NoticeNumbers {
  reserve(prefix: string, press: NoticePress): Promise<string>;
}
