import type { HistoryEntry } from '../shared/ticket.types.js';
import type { ReleaseSigners } from './approval.rules.js';
import type { ApprovalPatch } from './approval.transition.js';
import type { ApprovalView, StandIn } from './approval.types.js';

export type NewApproval = Omit<ApprovalView, 'id' | 'createdAt' | 'version' | 'stage' | 'history'> & {
  readonly sourceKey: string;
  readonly at: Date;
  /** The first step's first reminder. */
  readonly remindAt?: Date | undefined;
  /** An outside key borrower's ID number, encrypted. */
  readonly borrowerIdSealed?: string;
};

export interface ApprovalStore {
  create(a: NewApproval): Promise<{ approval: ApprovalView; created: boolean }>;
  get(id: string): Promise<ApprovalView | null>;
  /** The encrypted borrower ID number of a request, if one was given. */
  sealedBorrowerId(id: string): Promise<string | undefined>;
  update(
    before: ApprovalView,
    patch: ApprovalPatch,
    entry: HistoryEntry,
    after: ApprovalView,
  ): Promise<ApprovalView | null>;
}

/** Stand-ins named by approvers for a date range ("代 X 审批"). */
export interface StandInStore {
  /** The stand-ins naming `deputyId` whose range covers `at`, with their principals as they are now. */
  activeFor(deputyId: string, at: Date): Promise<StandIn[]>;
  /** Deputies standing in for `principalId` at `at`. */
  deputiesOf(principalId: string, at: Date): Promise<string[]>;
  add(s: { principalId: string; deputyId: string; from: Date; until: Date; note: string }): Promise<void>;
}

/** A shop's goods-release signers, as recorded at move-in. */
export interface ReleaseDirectory {
  releaseOf(shopCode: string): Promise<ReleaseSigners | null>;
  /** The people who are the shop's registered signers (by person id, or the shop's tenants by name). */
  signerIds(shopCode: string, release: ReleaseSigners): Promise<string[]>;
}

/** Approved bookings of public spaces (space use), and one booking decision per space at a time. */
export interface SpaceBookings {
  /** Approved bookings of `space` overlapping [start, end), except `exceptId`. */
  approvedOverlapping(space: string, start: Date, end: Date, exceptId?: string): Promise<ApprovalView[]>;
  /** Runs `change` as the only booking decision on `space` now; null when another holds the turn. */
  bookingTurn<T>(space: string, change: () => Promise<T | null>): Promise<T | null>;
}
