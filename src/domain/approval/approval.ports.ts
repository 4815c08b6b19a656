import type { HistoryEntry } from '../shared/ticket.types.js';
import type { ApprovalPatch } from './approval.transition.js';
import type { ApprovalView } from './approval.types.js';

export type NewApproval = Omit<ApprovalView, 'id' | 'createdAt' | 'version' | 'stage' | 'history'> & {
  readonly sourceKey: string;
  readonly at: Date;
};

export interface ApprovalStore {
  create(a: NewApproval): Promise<{ approval: ApprovalView; created: boolean }>;
  get(id: string): Promise<ApprovalView | null>;
  update(
    before: ApprovalView,
    patch: ApprovalPatch,
    entry: HistoryEntry,
    after: ApprovalView,
  ): Promise<ApprovalView | null>;
}
