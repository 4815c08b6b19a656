import type { PatrolShift } from '../patrol/patrol.types.js';
import type { Channel, HistoryEntry } from '../shared/ticket.types.js';

/**
 * A cleaning inspection finding (6): a minor one is fixed on the spot and only logged; a deduction
 * waits for the cleaning company's supervisor to confirm (both sides sign, 双方签名确认) or dispute;
 * a disputed one is upheld or waived by the senior assistant.
 */
export const CLEANING_STATUSES = ['minor', 'pending', 'confirmed', 'disputed', 'upheld', 'waived'] as const;
export type CleaningStatus = (typeof CLEANING_STATUSES)[number];

export const CLEANING_ACTIONS = ['confirm', 'dispute', 'uphold', 'waive'] as const;
export type CleaningAction = (typeof CLEANING_ACTIONS)[number];

/** The cleaning company's supervisor, the assistant who inspected, a senior assistant or above. */
export const CLEANING_PARTIES = ['contractor', 'inspector', 'supervisor'] as const;
export type CleaningParty = (typeof CLEANING_PARTIES)[number];

/** Deductions that count in the month's settlement. */
export const COUNTED_STATUSES: readonly CleaningStatus[] = ['confirmed', 'upheld'];

/** One line of the deduction standard (清洁管理扣分标准), held as data. */
export interface DeductionItem {
  readonly code: string;
  readonly area: string;
  readonly item: string;
  readonly points: number;
  readonly description: string;
}

/** One cleaning inspection record (清洁监管扣分表 / 每天清洁检查表 line). */
export interface CleaningView {
  readonly id: string;
  readonly number: string;
  readonly status: CleaningStatus;
  readonly itemCode: string;
  readonly item: string;
  readonly points: number;
  /** Where and what, in the inspector's words. */
  readonly text: string;
  readonly inspectorId: string;
  readonly channel: Channel;
  readonly dayKey: string;
  /** `YYYY-MM`: the settlement month (equality-indexed). */
  readonly monthKey: string;
  readonly shift: PatrolShift;
  readonly contractorId: string | undefined;
  readonly confirmedAt: Date | undefined;
  readonly disputeReason: string | undefined;
  readonly decidedById: string | undefined;
  readonly stage: number;
  readonly version: number;
  readonly history: readonly HistoryEntry[];
  readonly createdAt: Date;
}
