import { APPROVAL_ACTION_SPECS } from '../domain/approval/approval.actions.js';
import type { ApprovalService } from '../domain/approval/approval.service.js';
import { APPROVAL_ACTIONS, type ApprovalAction } from '../domain/approval/approval.types.js';
import { COMPLAINT_ACTION_SPECS } from '../domain/complaint/complaint.actions.js';
import type { ComplaintService } from '../domain/complaint/complaint.service.js';
import { COMPLAINT_ACTIONS, type ComplaintAction } from '../domain/complaint/complaint.types.js';
import { REPAIR_ACTION_SPECS } from '../domain/repair/repair.actions.js';
import type { RepairService } from '../domain/repair/repair.service.js';
import { REPAIR_ACTIONS, type RepairAction } from '../domain/repair/repair.types.js';
import type { ActOutcome, ActRequest } from '../domain/shared/act.js';
import type { ActionSpec } from '../domain/shared/action-spec.js';
import type { HistoryEntry, TicketKind } from '../domain/shared/ticket.types.js';
import type { Notifier } from '../notify/notifier.js';
import type { MessageBatch } from '../outbound/message-batch.js';

/** What every ticket view shares: enough to answer "already handled by X at …". */
export interface TicketRef {
  readonly id: string;
  readonly number: string;
  readonly stage: number;
  readonly history: readonly HistoryEntry[];
}

export type DeskOutcome = ActOutcome<TicketRef, string>;

const ACTIONS: Record<TicketKind, readonly string[]> = {
  complaint: COMPLAINT_ACTIONS,
  repair: REPAIR_ACTIONS,
  approval: APPROVAL_ACTIONS,
};

/**
 * The front desk of every ticket action, for handlers and timer jobs alike: the service of the
 * ticket's kind decides and applies, the notifier tells everyone concerned.
 */
export class TicketDesk {
  constructor(
    private readonly complaints: ComplaintService,
    private readonly repairs: RepairService,
    private readonly approvals: ApprovalService,
    private readonly notifier: Notifier,
  ) {}

  /** The spec of an action of a kind, or undefined when the kind has no such action. */
  spec(kind: TicketKind, action: string): ActionSpec | undefined {
    if (!ACTIONS[kind].includes(action)) return undefined;
    if (kind === 'complaint') return COMPLAINT_ACTION_SPECS[action as ComplaintAction];
    if (kind === 'repair') return REPAIR_ACTION_SPECS[action as RepairAction];
    return APPROVAL_ACTION_SPECS[action as ApprovalAction];
  }

  /** Applies one action and queues every message it causes into `batch`. */
  async act(kind: TicketKind, req: ActRequest<string>, batch: MessageBatch): Promise<DeskOutcome> {
    if (!this.spec(kind, req.action)) return { kind: 'not_found' };
    switch (kind) {
      case 'complaint': {
        const o = await this.complaints.act(req as ActRequest<ComplaintAction>);
        await this.notifier.complaint(o, batch);
        return o;
      }
      case 'repair': {
        const o = await this.repairs.act(req as ActRequest<RepairAction>);
        await this.notifier.repair(o, batch);
        return o;
      }
      case 'approval': {
        const o = await this.approvals.act(req as ActRequest<ApprovalAction>);
        await this.notifier.approval(o, batch);
        return o;
      }
    }
  }

  /**
   * Adds a photo to a complaint or work order (approvals take theirs through their forms) and
   * sends it to whoever handles the ticket now. False when the ticket is gone or closed.
   */
  async attach(kind: TicketKind, id: string, attachmentId: string, batch: MessageBatch): Promise<boolean> {
    if (kind === 'complaint') {
      const c = await this.complaints.get(id);
      if (!c || c.status === 'closed') return false;
      await this.complaints.addAttachment(id, attachmentId);
      await this.notifier.photoAdded({ kind, view: c }, attachmentId, batch);
      return true;
    }
    if (kind === 'repair') {
      const r = await this.repairs.get(id);
      if (!r || r.status === 'closed' || r.status === 'cancelled') return false;
      await this.repairs.addAttachment(id, attachmentId);
      await this.notifier.photoAdded({ kind, view: r }, attachmentId, batch);
      return true;
    }
    return false;
  }

  get(kind: TicketKind, id: string): Promise<TicketRef | null> {
    if (kind === 'complaint') return this.complaints.get(id);
    if (kind === 'repair') return this.repairs.get(id);
    return this.approvals.get(id);
  }
}
