import type { ApprovalView } from '../approval/approval.types.js';
import type { ComplaintView } from '../complaint/complaint.types.js';
import type { RepairView } from '../repair/repair.types.js';

/** Whom a matter waits on right now: a role (whoever on duty holds it) or one person. */
export interface WaitingOn {
  readonly role: string;
  readonly personId: string;
}

const none: WaitingOn = { role: '', personId: '' };

/** An open complaint waits on its rung; a taken one on its handler; a closed one on nobody. */
export const complaintWaitingOn = (c: ComplaintView): WaitingOn => {
  if (c.status === 'open') return { role: c.ownerRole, personId: '' };
  if (c.status === 'closed') return none;
  return { role: '', personId: c.ownerId ?? '' };
};

/**
 * A new work order waits on engineering; an assigned one on its engineer; a quote or a fixed
 * fault on the reporter (accept the price, confirm the repair).
 */
export const repairWaitingOn = (r: RepairView): WaitingOn => {
  switch (r.status) {
    case 'reported':
      return { role: 'engineering', personId: '' };
    case 'dispatched':
    case 'accepted':
    case 'in_progress':
    case 'waiting':
      return { role: '', personId: r.assigneeId ?? '' };
    case 'quoted':
    case 'fixed':
      return { role: '', personId: r.reporterId };
    case 'closed':
    case 'cancelled':
      return none;
  }
};

/** A pending approval waits on the role of its current step, or on the first person a step names. */
export const approvalWaitingOn = (a: ApprovalView): WaitingOn => {
  const step = a.steps[a.currentStep];
  if (a.status !== 'pending' || !step) return none;
  return step.personIds?.length
    ? { role: '', personId: step.personIds[0] ?? '' }
    : { role: step.role, personId: '' };
};
