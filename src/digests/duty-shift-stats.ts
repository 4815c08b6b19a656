import type { Connection } from 'mongoose';

/** One shift's figures for the on-duty senior assistant's summary (rulebook: 高级物业助理 daily summary). */
export interface DutyShiftStats {
  readonly complaints: {
    readonly created: number;
    readonly taken: number;
    readonly closed: number;
    /** Not closed and past the promised reply time at the end of the shift. */
    readonly overdue: number;
  };
  readonly repairs: {
    readonly created: number;
    readonly taken: number;
    readonly closed: number;
    /** Not closed or cancelled and past the repair target at the end of the shift. */
    readonly overdue: number;
  };
  /** Approval requests waiting for a decision at the end of the shift. */
  readonly approvalsWaiting: number;
  /** Keys handed over and due back before the end of the shift, not returned. */
  readonly keysNotBack: number;
}

const OPEN_REPAIR = ['reported', 'dispatched', 'accepted', 'quoted', 'in_progress', 'fixed'];

/**
 * The figures of one shift `[from, to)`, each a count on the server whose filter leads with an
 * indexed field: creation and close times (indexed dates, or equality on the indexed `status`),
 * takes from the audit log (equality on its indexed `action`, then its indexed `at`), the
 * promised-reply, repair-target and key-due indexes. Nothing is loaded into memory.
 */
export const dutyShiftStats = async (conn: Connection, from: Date, to: Date): Promise<DutyShiftStats> => {
  const count = (collection: string, filter: Record<string, unknown>) =>
    conn.collection(collection).countDocuments(filter);
  const range = { $gte: from, $lt: to };
  const taken = (action: string) => count('audit_log', { action, outcome: 'allowed', at: range });
  return {
    complaints: {
      created: await count('complaints', { createdAt: range }),
      taken: await taken('complaint.take'),
      closed: await count('complaints', { closedAt: range }),
      overdue: await count('complaints', { replyDueAt: { $lt: to }, status: { $in: ['open', 'handling'] } }),
    },
    repairs: {
      created: await count('repairs', { createdAt: range }),
      taken: await taken('repair.accept'),
      closed: await count('repairs', { status: 'closed', closedAt: range }),
      overdue: await count('repairs', { targetAt: { $lt: to }, status: { $in: OPEN_REPAIR } }),
    },
    approvalsWaiting: await count('approvals', { status: 'pending' }),
    keysNotBack: await count('approvals', { status: 'handed_over', keyDueAt: { $lt: to } }),
  };
};
