import type { Channel, HistoryEntry } from '../shared/ticket.types.js';
import type { TicketWait } from '../shared/ticket-wait.js';

export const REPAIR_CATEGORIES = [
  'leak',
  'power',
  'lighting',
  'aircon',
  'door',
  'lock',
  'lift',
  'plumbing',
  'alarm',
  'other',
] as const;
export type RepairCategory = (typeof REPAIR_CATEGORIES)[number];

export const REPAIR_URGENCIES = ['normal', 'urgent', 'emergency'] as const;
export type RepairUrgency = (typeof REPAIR_URGENCIES)[number];

/**
 * reported → (dispatched →) accepted → [quoted → accepted] → in_progress → fixed → closed, with
 * 没修好 from fixed back to in_progress; cancelled when withdrawn or a quote is declined; waiting
 * (挂起) while an accepted or started repair waits on the tenant, parts or a contractor.
 */
export const REPAIR_STATUSES = [
  'reported',
  'dispatched',
  'accepted',
  'quoted',
  'in_progress',
  'fixed',
  'waiting',
  'closed',
  'cancelled',
] as const;
export type RepairStatus = (typeof REPAIR_STATUSES)[number];

/** Free (public areas, handover defects), paid (a tenant's own unit, 有偿维修), or not decided yet. */
export const BILLINGS = ['free', 'paid', 'to_assess'] as const;
export type Billing = (typeof BILLINGS)[number];

export const QUOTE_STATUSES = ['none', 'pending', 'accepted', 'declined'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

export const DEPOSIT_STATUSES = ['none', 'held', 'refunded'] as const;
export type DepositStatus = (typeof DEPOSIT_STATUSES)[number];

/**
 * Damage paid for instead of repaired on a deposit (9.3.3 B, C): compensation assessed and due,
 * paid at finance, or deducted from the shop's security deposit when neither is accepted.
 */
export const COMPENSATION_STATUSES = ['none', 'due', 'paid', 'deducted'] as const;
export type CompensationStatus = (typeof COMPENSATION_STATUSES)[number];

export const REPAIR_ACTIONS = [
  'accept',
  'dispatch',
  'price_free',
  'quote',
  'accept_quote',
  'decline_quote',
  'start',
  'fix',
  'verify',
  'reopen',
  'damage',
  'refund',
  'compensate',
  'reassess',
  'compensation_paid',
  'deduct',
  'link',
  'cancel',
  'release',
  'wait',
  'resume',
  'raise',
] as const;
export type RepairAction = (typeof REPAIR_ACTIONS)[number];

/**
 * How a person stands to a work order: who reported it, the engineer it is assigned to, anyone in
 * engineering, a senior assistant or above, the front desk.
 */
export const REPAIR_PARTIES = ['reporter', 'owner', 'engineer', 'supervisor', 'clerk', 'system'] as const;
export type RepairParty = (typeof REPAIR_PARTIES)[number];

/** A repair work order (工程单) as the domain sees it. */
export interface RepairView {
  readonly id: string;
  readonly number: string;
  readonly category: RepairCategory;
  readonly urgency: RepairUrgency;
  readonly status: RepairStatus;
  readonly billing: Billing;
  /** The reporter's own words. */
  readonly text: string;
  /** The shop whose tenant may see it ('' for none): a report about another unit is not shown there. */
  readonly shopCode: string;
  /** Where the fault is: a unit code, and/or a place. */
  readonly unit: string;
  readonly place: string;
  readonly floor: string;
  readonly reporterId: string;
  readonly channel: Channel;
  /** The engineer it is dispatched to or who accepted it. */
  readonly assigneeId?: string;
  readonly stage: number;
  readonly version: number;
  /** Lift rule: when the fault was found, when repair started, when service was restored. */
  readonly faultFoundAt: Date;
  readonly acceptedAt?: Date;
  readonly repairStartedAt?: Date;
  readonly restoredAt?: Date;
  readonly closedAt?: Date;
  /** The resolution target, when the time rules set one. */
  readonly targetAt?: Date;
  readonly reopenCount: number;
  readonly quoteAmount?: number;
  readonly quoteStatus: QuoteStatus;
  /** Damage by a person (9.3.3): the estimate and the deposit of 20-50% held until accepted. */
  readonly damageEstimate?: number;
  readonly depositAmount?: number;
  readonly depositStatus: DepositStatus;
  /** 9.3.3 B/C: compensation assessed by engineering (or re-assessed), paid or deducted. */
  readonly compensationAmount?: number;
  readonly compensationStatus: CompensationStatus;
  readonly attachmentIds: readonly string[];
  /** Present while the order waits (挂起); the resolution target does not count meanwhile. */
  readonly wait?: TicketWait<RepairStatus>;
  /** Wall time spent in finished waits. */
  readonly pausedMs: number;
  /** The same waits in business time (kept by the deadline planner, which owns the calendar). */
  readonly pausedBusinessMs?: number;
  readonly history: readonly HistoryEntry[];
  readonly createdAt: Date;
}
