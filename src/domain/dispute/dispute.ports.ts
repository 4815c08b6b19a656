import type { Channel, HistoryEntry } from '../shared/ticket.types.js';
import type { DisputePatch } from './dispute.transition.js';
import type { DisputeView } from './dispute.types.js';

export interface NewDispute {
  readonly sourceKey: string;
  readonly shopCode: string;
  readonly text: string;
  readonly mediatorId: string;
  readonly channel: Channel;
  readonly at: Date;
}

export interface DisputeStore {
  create(number: string, d: NewDispute): Promise<{ dispute: DisputeView; created: boolean }>;
  get(id: string): Promise<DisputeView | null>;
  update(
    before: DisputeView,
    patch: DisputePatch,
    entry: HistoryEntry,
    after: DisputeView,
  ): Promise<DisputeView | null>;
}
