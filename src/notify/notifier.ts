import type { TicketItem } from '../desk/ticket-queries.js';
import type { ApprovalOutcome } from '../domain/approval/approval.service.js';
import type { ApprovalView } from '../domain/approval/approval.types.js';
import type { ComplaintOutcome } from '../domain/complaint/complaint.service.js';
import type { ComplaintView } from '../domain/complaint/complaint.types.js';
import type { PersonView } from '../domain/people/people.types.js';
import type { RepairOutcome } from '../domain/repair/repair.service.js';
import type { RepairView } from '../domain/repair/repair.types.js';
import type { MessageBatch } from '../outbound/message-batch.js';
import { approvalCardFor, approvalChanged, approvalFiled } from './approval.notices.js';
import {
  complaintCardFor,
  complaintChanged,
  complaintFiled,
  complaintPhotoAdded,
} from './complaint.notices.js';
import { NoticeKit, type NotifierDeps } from './kit.js';
import { repairCardFor, repairChanged, repairFiled, repairPhotoAdded } from './repair.notices.js';

/**
 * The one place outcomes become messages and cards, for handlers and timer jobs alike. Services
 * decide and return outcomes; the notifier works out who must be told and what they see.
 */
export class Notifier {
  constructor(private readonly d: NotifierDeps) {}

  kit(batch: MessageBatch): NoticeKit {
    return new NoticeKit(this.d, batch);
  }

  complaintFiled(c: ComplaintView, batch: MessageBatch): Promise<void> {
    return complaintFiled(this.kit(batch), c);
  }

  repairFiled(r: RepairView, batch: MessageBatch): Promise<void> {
    return repairFiled(this.kit(batch), r);
  }

  approvalSubmitted(a: ApprovalView, batch: MessageBatch): Promise<number> {
    return approvalFiled(this.kit(batch), a);
  }

  /** A photo added to a ticket after filing reaches whoever handles it now. */
  async photoAdded(
    item: { kind: 'complaint'; view: ComplaintView } | { kind: 'repair'; view: RepairView },
    attachmentId: string,
    batch: MessageBatch,
  ): Promise<void> {
    if (item.kind === 'complaint') await complaintPhotoAdded(this.kit(batch), item.view, attachmentId);
    else await repairPhotoAdded(this.kit(batch), item.view, attachmentId);
  }

  /** Tells everyone concerned about a done action; other outcomes are answered by the caller. */
  async complaint(o: ComplaintOutcome, batch: MessageBatch): Promise<void> {
    if (o.kind === 'done') await complaintChanged(this.kit(batch), o);
  }

  async repair(o: RepairOutcome, batch: MessageBatch): Promise<void> {
    if (o.kind === 'done') await repairChanged(this.kit(batch), o);
  }

  async approval(o: ApprovalOutcome, batch: MessageBatch): Promise<void> {
    if (o.kind === 'done') await approvalChanged(this.kit(batch), o);
  }

  /**
   * A fresh copy of each ticket's card for one person (their to-do list), each with the buttons
   * they may press now; `suffix` keeps the copies' ids unique. Returns how many cards were queued.
   */
  async cardsFor(
    person: PersonView,
    items: readonly TicketItem[],
    suffix: string,
    batch: MessageBatch,
  ): Promise<number> {
    const k = this.kit(batch);
    let n = 0;
    for (const i of items) {
      if (i.kind === 'complaint') n += await complaintCardFor(k, i.view, person, suffix);
      else if (i.kind === 'repair') n += await repairCardFor(k, i.view, person, suffix);
      else n += await approvalCardFor(k, i.view, person, suffix);
    }
    return n;
  }
}
