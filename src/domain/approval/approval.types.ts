import type { Role } from '../people/people.types.js';
import type { Channel, HistoryEntry } from '../shared/ticket.types.js';

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

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export const STEP_STATUSES = ['waiting', 'pending', 'approved', 'rejected', 'skipped'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const APPROVAL_ACTIONS = ['approve', 'reject', 'pass_up', 'cancel'] as const;
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];

/**
 * The requester; someone who may decide the current step (holds its role or ranks above it, and is
 * neither the requester nor the decider of an earlier step: separation of duties).
 */
export const APPROVAL_PARTIES = ['requester', 'approver'] as const;
export type ApprovalParty = (typeof APPROVAL_PARTIES)[number];

/** One step of the chain, owned by a role (resolved to the person on duty when needed). */
export interface ApprovalStep {
  readonly role: Role;
  readonly status: StepStatus;
  readonly deciderId?: string;
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
  readonly dueAt?: Date;
  readonly history: readonly HistoryEntry[];
}
