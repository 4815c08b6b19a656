import type { BindingService } from '../../src/conversation/binding.service.js';
import type { TicketQueries } from '../../src/desk/ticket-queries.js';
import type { ApprovalService } from '../../src/domain/approval/approval.service.js';
import type { ComplaintService } from '../../src/domain/complaint/complaint.service.js';
import type { DutyService } from '../../src/domain/duty/duty.service.js';
import type { RepairService } from '../../src/domain/repair/repair.service.js';
import type { AuditLog } from '../../src/domain/shared/audit.js';
import type { InspectionDesk } from '../../src/inspections/inspection-desk.js';
import type { Notifier } from '../../src/notify/notifier.js';
import type { ShopView } from '../../src/persistence/repositories/shop.repository.js';
import type { AttachmentInbox } from '../../src/state/attachment-inbox.store.js';
import type { DialogStore } from '../../src/state/dialog.store.js';
import type { ActFlowDeps } from '../actions/act-flow.js';

/** Everything the conversation (understanding, dialogs, filing, questions about tickets) uses. */
export interface ConversationDeps {
  readonly dialogs: DialogStore;
  readonly units: { codes(): Promise<ReadonlySet<string>> };
  readonly shops: { get(code: string): Promise<ShopView | null> };
  readonly complaints: Pick<ComplaintService, 'file'>;
  readonly repairs: Pick<RepairService, 'file'>;
  readonly approvals: Pick<ApprovalService, 'submit' | 'request' | 'revealBorrowerId'>;
  /** Who holds a role now ("我的申请" names the current step's holders). */
  readonly duty?: Pick<DutyService, 'resolve'>;
  readonly notifier: Pick<Notifier, 'complaintFiled' | 'repairFiled' | 'approvalSubmitted' | 'cardsFor'>;
  readonly queries: TicketQueries;
  /** Typed confirmations ("修好了", "没修好") act on tickets like buttons. */
  readonly flow: ActFlowDeps;
  readonly binding: Pick<BindingService, 'issue'>;
  /** Photos waiting for the report they belong to, and the ticket "补充照片" names. */
  readonly inbox: AttachmentInbox;
  readonly audit: AuditLog;
  /** Inspection work in "待办": violations to re-inspect, records to review, deductions, notices. */
  readonly inspectionTodo: Pick<InspectionDesk, 'waitingOn' | 'cardFor'>;
}
