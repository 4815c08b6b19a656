import type { StaffRole } from '../people/people.types.js';
import type { Channel, HistoryEntry } from '../shared/ticket.types.js';
import type { TicketWait } from '../shared/ticket-wait.js';

/** 一般性 / 重大 / 书面 (rulebook 11). */
export const COMPLAINT_KINDS = ['general', 'major', 'written'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];

/**
 * open: waiting for someone at its rung to take it; handling: someone owns it; replied: the
 * tenant has heard back; waiting: a taken complaint waits (挂起) on the tenant, parts or a
 * contractor; closed: replied and recorded, and (major) reported.
 */
export const COMPLAINT_STATUSES = ['open', 'handling', 'replied', 'waiting', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const COMPLAINT_CATEGORIES = [
  'noise',
  'hygiene',
  'order',
  'behaviour',
  'service',
  'fees',
  'facility',
  'safety',
  'other',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/** "五清楚，一报告": heard, asked, followed, replied, recorded, reported. */
export const CHECKPOINTS = ['heard', 'asked', 'followed', 'replied', 'recorded', 'reported'] as const;
export type Checkpoint = (typeof CHECKPOINTS)[number];

export const COMPLAINT_ACTIONS = [
  'take',
  'ask',
  'progress',
  'reply',
  'record',
  'escalate',
  'close',
  'rate',
  'comment',
  'release',
  'callback',
  'wait',
  'resume',
] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

/**
 * How a person stands to a complaint: the tenant who filed it, the staff member who took it,
 * someone holding a role it is routed to, a senior assistant or above at or over its rung, the
 * front desk; staff who make callback visits (回访: assistants and above); the product itself (a
 * hand-over when the owner leaves).
 */
export const COMPLAINT_PARTIES = [
  'reporter',
  'owner',
  'assignee',
  'supervisor',
  'clerk',
  'visitor',
  'system',
] as const;
export type ComplaintParty = (typeof COMPLAINT_PARTIES)[number];

/** A complaint as the domain sees it. */
export interface ComplaintView {
  readonly id: string;
  readonly number: string;
  readonly kind: ComplaintKind;
  readonly category: ComplaintCategory;
  readonly status: ComplaintStatus;
  /** The tenant's own words, as written. */
  readonly text: string;
  /** The shop whose tenant may see it ('' for none). */
  readonly shopCode: string;
  /** The unit the complaint is about, when named. */
  readonly unit: string;
  readonly place: string;
  readonly floor: string;
  readonly reporterId: string;
  readonly channel: Channel;
  /** The rung (or function) that owns it now; moves up the ladder on 上报. */
  readonly ownerRole: StaffRole;
  /** Roles told at filing that may also take it (the function responsible, the assistant). */
  readonly routedRoles: readonly StaffRole[];
  readonly ownerId?: string;
  /** Bumped whenever status or ownership changes: cards of an older stage are stale. */
  readonly stage: number;
  readonly version: number;
  readonly checkpoints: Readonly<Partial<Record<Checkpoint, Date>>>;
  /** The time promised to the tenant for the next reply. */
  readonly replyDueAt?: Date;
  readonly firstRepliedAt?: Date;
  readonly closedAt?: Date;
  readonly escalationLevel: number;
  /** Latest reply the tenant received, and the handling record. */
  readonly lastReply: string;
  readonly record: string;
  readonly rating?: number;
  readonly ratingComment: string;
  /** The callback visit (回访) after closing: when, by whom, and what the tenant said. */
  readonly callbackDoneAt?: Date;
  readonly callbackById?: string;
  readonly callbackNote: string;
  /** Written complaints: the incoming-document number and the complainant. */
  readonly docNo: string;
  readonly complainant: string;
  readonly attachmentIds: readonly string[];
  /** Present while the complaint waits (挂起). */
  readonly wait?: TicketWait<ComplaintStatus>;
  /** Wall time spent in finished waits (the digest's time to close leaves it out). */
  readonly pausedMs: number;
  readonly history: readonly HistoryEntry[];
  readonly createdAt: Date;
}
