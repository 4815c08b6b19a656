/** Shapes every ticket kind shares. */

export const PLATFORMS = ['wecom', 'dingtalk'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Where a request came from, so replies and reminders can reach the person again. */
export interface Channel {
  readonly platform: Platform;
  readonly userId: string;
  readonly conversationId: string;
}

/** One line of a ticket's history: who did what, when, in their words. */
export interface HistoryEntry {
  readonly at: Date;
  /** Absent when the product itself acted (a sweep, a hand-over). */
  readonly actorId?: string;
  readonly action: string;
  readonly note: string;
}

/** The kinds of ticket a person can act on from a card. */
export const TICKET_KINDS = ['complaint', 'repair', 'approval'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

/** Upper-case ticket number prefixes: 投诉 TS, 维修 WX, 审批 SP. */
export const TICKET_PREFIX: Record<TicketKind, string> = { complaint: 'TS', repair: 'WX', approval: 'SP' };
