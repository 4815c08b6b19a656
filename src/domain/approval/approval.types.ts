import type { Role } from '../people/people.types.js';
import type { Channel, HistoryEntry } from '../shared/ticket.types.js';
import { FOLLOW_UP_ACTIONS, type FollowUpState } from './follow-up.types.js';
import type { Slot } from './space.rules.js';

export const APPROVAL_TYPES = [
  'goods_release',
  'key_loan',
  'archive_access',
  'renovation',
  'space_use',
  'lock_change',
  'staff_pass',
  'after_hours',
  'posting',
  'move_out',
] as const;
export type ApprovalType = (typeof APPROVAL_TYPES)[number];

/** Conditions that add a step to a chain (the rulebook's extra signatures). */
export const STEP_CONDITIONS = ['overnight', 'copying', 'important'] as const;
export type StepCondition = (typeof STEP_CONDITIONS)[number];

/**
 * `approved` ends most requests; a goods release goes on to the gate, which marks it `released`,
 * or its pass runs out unused (`expired`). A key loan is a ledger: the keeper hands the key over
 * (`handed_over`, 已领取) and takes it back (`returned`, 已归还). An archive file is a ledger
 * confirmed by both sides (7.2.5-7.2.8): the archive clerk records it out (`handing_out`), the
 * borrower confirms receipt (`checked_out`), the clerk records it back (`returning`), the borrower
 * confirms the return (`filed_back`).
 */
export const APPROVAL_STATUSES = [
  'pending',
  'approved',
  'rejected',
  'cancelled',
  'released',
  'expired',
  'handed_over',
  'returned',
  'handing_out',
  'checked_out',
  'returning',
  'filed_back',
  /** Every follow-up task of an approved request is done (move-out cleared, renovation accepted). */
  'completed',
] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export const STEP_STATUSES = ['waiting', 'pending', 'approved', 'rejected', 'skipped'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const APPROVAL_ACTIONS = [
  'approve',
  'reject',
  'pass_up',
  'cancel',
  'gate_release',
  'expire',
  'hand_over',
  'take_back',
  'mark_important',
  'file_out',
  'confirm_out',
  'ask_extension',
  'grant_extension',
  'refuse_extension',
  'file_back',
  'confirm_back',
  ...FOLLOW_UP_ACTIONS,
  /** The product reminds that an approved posting must come down (its end date came). */
  'remind_removal',
] as const;
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];

/**
 * The requester; someone who may decide the current step (holds its role or ranks above it, or is
 * named on it, and is neither the requester nor the decider of an earlier step: separation of
 * duties); security at the gate (a goods-release pass); the keeper of the shop keys (a senior
 * assistant or above: key loans); the archive clerk (marks important files, records files out and
 * back; never for their own request); the overseer of archive loans (a deputy manager or above,
 * not the borrower: a next-day return); the product itself (a pass that ran out).
 */
export const APPROVAL_PARTIES = [
  'requester',
  'approver',
  'gate',
  'keeper',
  'archivist',
  'overseer',
  'system',
  /** Finance (move-out: fees settled, deposit refunded). */
  'finance',
  /** Engineering (a lock change, a renovation's inspection). */
  'engineering',
] as const;
export type ApprovalParty = (typeof APPROVAL_PARTIES)[number];

/** One step of the chain, owned by a role (resolved to the person on duty when needed). */
export interface ApprovalStep {
  readonly role: Role;
  /**
   * A step owned by named people instead of a role's holders (a shop's registered release signers
   * confirming a shop hand's goods release): only they decide it, and it cannot be passed up.
   */
  readonly personIds?: readonly string[];
  readonly status: StepStatus;
  readonly deciderId?: string;
  /** Set when the decider stood in for someone ("代 X 审批"): the person they stood in for. */
  readonly onBehalfOfId?: string;
  readonly decidedAt?: Date;
  readonly reason: string;
}

export interface ApprovalView {
  readonly id: string;
  readonly number: string;
  readonly type: ApprovalType;
  readonly status: ApprovalStatus;
  readonly requesterId: string;
  readonly channel: Channel;
  readonly shopCode: string;
  /** The requester's own words. */
  readonly text: string;
  readonly details: readonly { key: string; label: string; value: string }[];
  readonly steps: readonly ApprovalStep[];
  readonly currentStep: number;
  /** Bumped on every decision: cards of an older stage are stale. */
  readonly stage: number;
  readonly version: number;
  readonly createdAt: Date;
  /** Deadline of the thing approved: a key or archive due back, the end of a gate pass's window. */
  readonly dueAt?: Date;
  /** The chain conditions that hold (declared at filing, or marked later: an important archive file). */
  readonly conditions: readonly StepCondition[];
  /** An archive borrower's request to return the file the next day (7.2.7). */
  readonly extension?: ArchiveExtension;
  readonly history: readonly HistoryEntry[];
  /** What the approval starts (the type's follow-up tasks), done by button after approval. */
  readonly tasks: readonly FollowUpState[];
  /** Files sent with the request (a renovation's fire-rated-materials declaration and drawings). */
  readonly attachments: readonly { readonly id: string; readonly label: string }[];
  /** A public space booked for a time (space use): approved slots of a space never overlap. */
  readonly slot?: Slot;
  /** An approved posting's end: when the requester and the assistants are reminded to take it down. */
  readonly removeDueAt?: Date;
}

/** Someone standing in for an approver over a date range ("代 X 审批"). */
export interface StandIn {
  /** The person stood in for, as they are now (their roles decide what the stand-in may sign). */
  readonly principal: {
    readonly id: string;
    readonly name: string;
    readonly roles: readonly Role[];
    readonly active: boolean;
  };
  readonly from: Date;
  readonly until: Date;
}

/** A borrower's next-day return: a reason, decided by a deputy manager or above (7.2.7). */
export interface ArchiveExtension {
  readonly status: 'pending' | 'granted' | 'refused';
  readonly reason: string;
  readonly askedAt: Date;
  readonly deciderId?: string;
  readonly decidedAt?: Date;
  /** The decider's words when refusing. */
  readonly answer?: string;
}
