import type { CardButton } from '../../cards/ticket-card.types.js';
import { approvalMachine, approvalParties } from '../domain/approval/approval.machine.js';
import type { ApprovalView, StandIn } from '../domain/approval/approval.types.js';
import { complaintParties } from '../domain/complaint/complaint.machine.js';
import { complaintActionsFor } from '../domain/complaint/complaint.transition.js';
import type { ComplaintView } from '../domain/complaint/complaint.types.js';
import type { PersonView } from '../domain/people/people.types.js';
import { repairParties } from '../domain/repair/repair.machine.js';
import { repairActionsFor } from '../domain/repair/repair.transition.js';
import type { RepairView } from '../domain/repair/repair.types.js';
import { availableActions } from '../domain/shared/machine.js';

/** Actions that never show as ordinary buttons (rating has its own card; a comment is asked for). */
const NOT_BUTTONS = new Set(['rate', 'comment', 'link', 'release']);

/**
 * 恢复处理 leads a waiting ticket's card: WeCom shows at most six buttons and drops the last, so
 * the one button a waiting ticket is about must not come last.
 */
const buttons = (actions: readonly string[]): CardButton[] =>
  [...actions.filter((a) => a === 'resume'), ...actions.filter((a) => a !== 'resume')]
    .filter((a) => !NOT_BUTTONS.has(a))
    .map((action) => ({ action }));

/** The buttons `person` may press on a complaint now (what the table allows them). */
export const complaintButtons = (c: ComplaintView, person: PersonView): CardButton[] =>
  buttons(complaintActionsFor(c, complaintParties(c, person)));

/** A waiting order also shows the actions that would resume it (acting resumes it). */
export const repairButtons = (r: RepairView, person: PersonView): CardButton[] =>
  buttons(repairActionsFor(r, repairParties(r, person)));

/** `standIns`: whom the person stands in for at `at` ("代 X 审批"). */
export const approvalButtons = (
  a: ApprovalView,
  person: PersonView,
  standIns: readonly StandIn[] = [],
  at: Date = new Date(0),
): CardButton[] =>
  buttons(availableActions(approvalMachine, a.status, approvalParties(a, person, standIns, at), a));
