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

/**
 * `approved` ends most requests; a goods release goes on to the gate, which marks it `released`,
 * or its pass runs out unused (`expired`). A key loan is a ledger: the keeper hands the key over
 * (`handed_over`, 已领取) and takes it back (`returned`, 已归还).
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
  ...FOLLOW_UP_ACTIONS,
  /** The product reminds that an approved posting must come down (its end date came). */
  'remind_removal',
] as const;
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];

/**
 * The requester; someone who may decide the current step (holds its role or ranks above it, and is
 * neither the requester nor the decider of an earlier step: separation of duties); security at
 * the gate (a goods-release pass); the keeper of the shop keys (a senior assistant or above: key
 * loans); the product itself (a pass that ran out).
 */
export const APPROVAL_PARTIES = [
  'requester',
  'approver',
  'gate',
  'keeper',
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
