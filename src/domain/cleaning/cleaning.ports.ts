import type { PatrolShift } from '../patrol/patrol.types.js';
import type { Channel, HistoryEntry } from '../shared/ticket.types.js';
import type { CleaningPatch } from './cleaning.transition.js';
import type { CleaningStatus, CleaningView } from './cleaning.types.js';

export interface NewCleaning {
  readonly sourceKey: string;
  readonly status: Extract<CleaningStatus, 'minor' | 'pending'>;
  readonly itemCode: string;
  readonly item: string;
  readonly points: number;
  readonly text: string;
  readonly inspectorId: string;
  readonly channel: Channel;
  readonly dayKey: string;
  readonly monthKey: string;
  readonly shift: PatrolShift;
  readonly at: Date;
}

/** What the cleaning service needs from storage. */
export interface CleaningStore {
  create(number: string, c: NewCleaning): Promise<{ record: CleaningView; created: boolean }>;
  get(id: string): Promise<CleaningView | null>;
  /** Every record of a settlement month (equality on the indexed month key). */
  ofMonth(monthKey: string): Promise<CleaningView[]>;
  /** Records in one status, oldest first (equality on the indexed status): deductions to answer. */
  withStatus(status: CleaningStatus, limit: number): Promise<CleaningView[]>;
  /** Every record of a business day (equality on the indexed day key). */
  ofDay(dayKey: string): Promise<CleaningView[]>;
  update(
    before: CleaningView,
    patch: CleaningPatch,
    entry: HistoryEntry,
    after: CleaningView,
  ): Promise<CleaningView | null>;
}
