/**
 * What an approval means once granted, for the types whose approval starts work: tasks done by
 * button, each by its party (move-out clearance, a renovation's completion and inspection, a lock
 * change, a staff pass). The request completes when every task is done.
 */
export const FOLLOW_UP_TASKS = [
  'settle_fees',
  'return_keys',
  'refund_deposit',
  'report_done',
  'inspect',
  'change_lock',
  'issue_pass',
] as const;
export type FollowUpTask = (typeof FOLLOW_UP_TASKS)[number];

/**
 * The buttons that do the tasks: one per task, and two for an inspection (pass, or fail with the
 * defects, which sends the work back to the requester).
 */
export const FOLLOW_UP_ACTIONS = [
  'settle_fees',
  'return_keys',
  'refund_deposit',
  'report_done',
  'inspect_pass',
  'inspect_fail',
  'change_lock',
  'issue_pass',
] as const;
export type FollowUpAction = (typeof FOLLOW_UP_ACTIONS)[number];

/** Who does a task: the requester, finance, the key keeper, engineering, security at the gate. */
export const FOLLOW_UP_PARTIES = ['requester', 'finance', 'keeper', 'engineering', 'gate'] as const;
export type FollowUpParty = (typeof FOLLOW_UP_PARTIES)[number];

/** One task of an approved request, as recorded. */
export interface FollowUpState {
  readonly task: FollowUpTask;
  readonly status: 'open' | 'done';
  readonly doneById?: string;
  readonly doneAt?: Date;
  /** The last words about it (an inspection's defects). */
  readonly note: string;
}

export const isFollowUpAction = (a: string): a is FollowUpAction =>
  (FOLLOW_UP_ACTIONS as readonly string[]).includes(a);
