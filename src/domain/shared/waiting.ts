import { APPROVAL_TYPE_DEFS } from '../approval/approval.rules.js';
import type { ApprovalView } from '../approval/approval.types.js';
import { FOLLOW_UP_TASK_DEFS, readyTasks } from '../approval/follow-up.rules.js';
import type { FollowUpParty } from '../approval/follow-up.types.js';
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

/** The role that does a follow-up task (the requester's own tasks are in their 我的申请). */
const TASK_ROLE: Record<FollowUpParty, string> = {
  requester: '',
  finance: 'finance',
  keeper: 'senior_assistant',
  engineering: 'engineering',
  gate: 'security',
};

/**
 * A pending approval waits on the role of its current step, or on the first person a step names.
 * After approval what the rulebook still expects keeps it on someone's list: a gate pass on the
 * gate until used or expired; a key out on the keepers (已归还); an archive file on the archive
 * clerk until filed back, or on the deputy managers while a next-day return is asked; an
 * approved request's next ready follow-up task on the role that does it.
 */
export const approvalWaitingOn = (a: ApprovalView): WaitingOn => {
  const role = (r: string): WaitingOn => (r ? { role: r, personId: '' } : none);
  const ledger = APPROVAL_TYPE_DEFS[a.type].ledger;
  switch (a.status) {
    case 'pending': {
      const step = a.steps[a.currentStep];
      if (!step) return none;
      return step.personIds?.length
        ? { role: '', personId: step.personIds[0] ?? '' }
        : { role: step.role, personId: '' };
    }
    case 'approved': {
      if (ledger === 'gate_pass') return role('security');
      if (ledger === 'archive') return role('archive_clerk');
      if (ledger === 'key_loan') return role('senior_assistant');
      const next = readyTasks(a)[0];
      return next ? role(TASK_ROLE[FOLLOW_UP_TASK_DEFS[next].party]) : none;
    }
    case 'handed_over':
      return role('senior_assistant');
    case 'handing_out':
    case 'checked_out':
      return role(a.extension?.status === 'pending' ? 'deputy_manager' : 'archive_clerk');
    default:
      return none;
  }
};
