import type { Move } from '../shared/machine.js';
import { APPROVAL_TYPE_DEFS } from './approval.rules.js';
import type { ApprovalParty, ApprovalStatus, ApprovalView } from './approval.types.js';
import { FOLLOW_UP_TASK_DEFS, TASK_OF, taskLast, taskReady } from './follow-up.rules.js';
import { FOLLOW_UP_TASKS, type FollowUpAction, type FollowUpTask } from './follow-up.types.js';

/**
 * `<task>_ready`: the task can be done now and others stay open; `<task>_last`: it is the last one
 * open (doing it completes the request); `removal_due`: an approved posting's removal reminder is
 * still to come.
 */
export type FollowUpGuard = `${FollowUpTask}_ready` | `${FollowUpTask}_last` | 'removal_due';

type Row = Move<ApprovalStatus, ApprovalParty, FollowUpGuard>;

const rows = (action: FollowUpAction): Row[] => {
  const t = TASK_OF[action];
  const by = [FOLLOW_UP_TASK_DEFS[t].party];
  // A failed inspection never completes the request: the work goes back to the requester.
  const last = action === 'inspect_fail' ? null : 'completed';
  return [
    { from: ['approved'], by, to: last, guard: `${t}_last` },
    { from: ['approved'], by, to: null, guard: `${t}_ready` },
  ];
};

/** The table rows of the follow-up buttons, derived from the task data (who does what, in which order). */
export const FOLLOW_UP_TABLE: Record<FollowUpAction, readonly Row[]> = {
  settle_fees: rows('settle_fees'),
  return_keys: rows('return_keys'),
  refund_deposit: rows('refund_deposit'),
  report_done: rows('report_done'),
  inspect_pass: rows('inspect_pass'),
  inspect_fail: rows('inspect_fail'),
  change_lock: rows('change_lock'),
  issue_pass: rows('issue_pass'),
};

/** The product's reminder that an approved posting must come down (once, at its end date). */
export const REMIND_REMOVAL_ROWS: readonly Row[] = [
  { from: ['approved'], by: ['system'], to: null, guard: 'removal_due' },
];

export const FOLLOW_UP_GUARDS = {
  ...Object.fromEntries(
    FOLLOW_UP_TASKS.flatMap((t) => [
      [`${t}_ready`, (a: ApprovalView) => taskReady(a, t) && !taskLast(a, t)],
      [`${t}_last`, (a: ApprovalView) => taskLast(a, t)],
    ]),
  ),
  removal_due: (a: ApprovalView) =>
    APPROVAL_TYPE_DEFS[a.type].remindRemoval === true && a.removeDueAt !== undefined,
} as Record<FollowUpGuard, (a: ApprovalView) => boolean>;
