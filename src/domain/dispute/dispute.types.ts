import type { Channel, HistoryEntry } from '../shared/ticket.types.js';

/**
 * A buyer–seller dispute at a shop (9.3.2): mediated by the assistant; settled with the outcome
 * recorded, or referred: to the market regulator when the shop refuses mediation or forces a sale,
 * to the police when there are threats or a fight, the time recorded.
 */
export const DISPUTE_STATUSES = ['mediating', 'settled', 'referred'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export const DISPUTE_ACTIONS = ['settle', 'refer_regulator', 'call_police'] as const;
export type DisputeAction = (typeof DISPUTE_ACTIONS)[number];

export const DISPUTE_PARTIES = ['mediator', 'supervisor'] as const;
export type DisputeParty = (typeof DISPUTE_PARTIES)[number];

/** Who a dispute was referred to. */
export const REFERRALS = ['regulator', 'police'] as const;
export type Referral = (typeof REFERRALS)[number];

export interface DisputeView {
  readonly id: string;
  readonly number: string;
  readonly shopCode: string;
  readonly text: string;
  readonly mediatorId: string;
  readonly channel: Channel;
  readonly status: DisputeStatus;
  readonly outcome: string | undefined;
  readonly referredTo: Referral | undefined;
  readonly referredAt: Date | undefined;
  readonly stage: number;
  readonly version: number;
  readonly history: readonly HistoryEntry[];
  readonly createdAt: Date;
}
