import type { Role } from '../people/people.types.js';
import type { FollowUpAction, FollowUpParty, FollowUpState, FollowUpTask } from './follow-up.types.js';

/** A task as data: its name in chat, who does it, and which tasks must be done first. */
export interface FollowUpTaskDef {
  readonly label: string;
  readonly party: FollowUpParty;
  readonly after?: readonly FollowUpTask[];
  /** The line on the card of whoever does it: what to do and which button to press. */
  readonly hint: string;
}

/**
 * Every follow-up task. Move-out (退场): finance confirms the fees are settled, the senior
 * assistant that the keys came back, then finance refunds the deposit. Renovation: the tenant
 * reports the work done and engineering inspects it. A lock change is done by engineering; a staff
 * pass issued at the security office.
 */
export const FOLLOW_UP_TASK_DEFS: Record<FollowUpTask, FollowUpTaskDef> = {
  settle_fees: {
    label: '费用结清',
    party: 'finance',
    hint: '请核对该铺管理费、水电费等费用，结清后点击“费用已结清”。',
  },
  return_keys: {
    label: '钥匙交回',
    party: 'keeper',
    hint: '请收回该铺全部钥匙，交回后点击“钥匙已交回”。',
  },
  refund_deposit: {
    label: '押金退还',
    party: 'finance',
    after: ['settle_fees', 'return_keys'],
    hint: '费用已结清、钥匙已交回：请办理押金退还，退还后点击“押金已退还”。',
  },
  report_done: {
    label: '完工申报',
    party: 'requester',
    hint: '装修完工后请点击“已完工，申请验收”，工程部将到场验收。',
  },
  inspect: {
    label: '工程验收',
    party: 'engineering',
    after: ['report_done'],
    hint: '商户已申报完工：请到场验收，点击“验收通过”，或“验收不通过”并说明问题。',
  },
  change_lock: {
    label: '换锁',
    party: 'engineering',
    hint: '破/换门锁已批准：请安排处理，完成后点击“已换锁”。',
  },
  issue_pass: {
    label: '发放出入证',
    party: 'gate',
    hint: '营业员出入证已批准：请制证发放，发放后点击“已发证”。',
  },
};

/** The task each follow-up button does. */
export const TASK_OF: Record<FollowUpAction, FollowUpTask> = {
  settle_fees: 'settle_fees',
  return_keys: 'return_keys',
  refund_deposit: 'refund_deposit',
  report_done: 'report_done',
  inspect_pass: 'inspect',
  inspect_fail: 'inspect',
  change_lock: 'change_lock',
  issue_pass: 'issue_pass',
};

/** The staff role whose on-duty holders get a task's card (the requester gets theirs directly). */
export const PARTY_ROLE: Record<Exclude<FollowUpParty, 'requester'>, Role> = {
  finance: 'finance',
  keeper: 'senior_assistant',
  engineering: 'engineering',
  gate: 'security',
};

interface WithTasks {
  readonly tasks: readonly FollowUpState[];
}

const isDone = (a: WithTasks, t: FollowUpTask): boolean =>
  a.tasks.some((s) => s.task === t && s.status === 'done');

/** A task is ready when it is open and every task it waits for is done. */
export const taskReady = (a: WithTasks, t: FollowUpTask): boolean =>
  a.tasks.some((s) => s.task === t && s.status === 'open') &&
  (FOLLOW_UP_TASK_DEFS[t].after ?? []).every((p) => isDone(a, p));

/** Ready, and the only task still open: doing it completes the request. */
export const taskLast = (a: WithTasks, t: FollowUpTask): boolean =>
  taskReady(a, t) && a.tasks.every((s) => s.task === t || s.status === 'done');

/** The tasks that can be done now, in order. */
export const readyTasks = (a: WithTasks): FollowUpTask[] =>
  a.tasks.map((s) => s.task).filter((t) => taskReady(a, t));

/**
 * The tasks after one follow-up action: the task is done (by whom, when); a failed inspection
 * keeps the inspection open and sends the completion report back to the requester, with the defects.
 */
export const tasksAfter = (
  tasks: readonly FollowUpState[],
  action: FollowUpAction,
  by: string | undefined,
  at: Date,
  note: string,
): FollowUpState[] =>
  tasks.map((s): FollowUpState => {
    if (action === 'inspect_fail') {
      if (s.task === 'report_done') return { task: s.task, status: 'open', note };
      if (s.task === 'inspect') return { ...s, note };
      return s;
    }
    if (s.task !== TASK_OF[action]) return s;
    return { task: s.task, status: 'done', doneAt: at, note, ...(by ? { doneById: by } : {}) };
  });

/** "✓费用结清 ✓钥匙交回 ○押金退还": the progress a requester reads. */
export const progressLine = (a: WithTasks): string =>
  a.tasks.map((s) => `${s.status === 'done' ? '✓' : '○'}${FOLLOW_UP_TASK_DEFS[s.task].label}`).join(' ');
