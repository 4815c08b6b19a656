import { describe, expect, it } from 'vitest';
import { approvalMachine, approvalParties } from '../../../src/domain/approval/approval.machine.js';
import { APPROVAL_TYPE_DEFS } from '../../../src/domain/approval/approval.rules.js';
import { applyApprovalAction } from '../../../src/domain/approval/approval.transition.js';
import { APPROVAL_TYPES, type ApprovalView } from '../../../src/domain/approval/approval.types.js';
import {
  FOLLOW_UP_TASK_DEFS,
  PARTY_ROLE,
  progressLine,
  readyTasks,
} from '../../../src/domain/approval/follow-up.rules.js';
import { FOLLOW_UP_TASKS } from '../../../src/domain/approval/follow-up.types.js';
import { findSpace, overlaps, PUBLIC_SPACES, type Slot } from '../../../src/domain/approval/space.rules.js';
import type { PersonView } from '../../../src/domain/people/people.types.js';
import { SYSTEM_PERSON } from '../../../src/domain/people/people.types.js';
import { availableActions } from '../../../src/domain/shared/machine.js';
import {
  buildApproval,
  buildPerson,
  ENGINEER,
  GUARD,
  SENIOR,
  SENIOR2,
  T0,
  TENANT,
} from '../../factories/tickets.js';

const FINANCE = buildPerson({ id: 'f'.repeat(24), name: '蔡会计', roles: ['finance'] });
const at = new Date(T0.getTime() + 600_000);

/** An approved request of `type` with its follow-up tasks all open. */
const approved = (type: ApprovalView['type'], o: Partial<ApprovalView> = {}): ApprovalView =>
  buildApproval({
    type,
    status: 'approved',
    steps: [{ role: 'senior_assistant', status: 'approved', reason: '', deciderId: SENIOR.id }],
    tasks: (APPROVAL_TYPE_DEFS[type].followUp ?? []).map((task) => ({ task, status: 'open', note: '' })),
    ...o,
  });

/** The follow-up buttons `person` has on `a` now. */
const buttonsOf = (a: ApprovalView, person: PersonView): string[] =>
  availableActions(approvalMachine, a.status, approvalParties(a, person), a);

/** Applies `action` by `person`, expecting it to go through; returns the request after it. */
const step = (a: ApprovalView, action: string, person: PersonView, text = ''): ApprovalView => {
  const r = applyApprovalAction(a, {
    action: action as never,
    actor: person,
    input: text ? { text } : {},
    at,
  });
  if (!r.ok) throw new Error(`${action} by ${person.name} refused: ${JSON.stringify(r.verdict)}`);
  return r.next;
};

describe('what each type’s approval means, as data', () => {
  it('declares the follow-up of every type: move-out clearance, renovation inspection, lock change, staff pass', () => {
    expect(APPROVAL_TYPE_DEFS.move_out.followUp).toEqual(['settle_fees', 'return_keys', 'refund_deposit']);
    expect(APPROVAL_TYPE_DEFS.renovation.followUp).toEqual(['report_done', 'inspect']);
    expect(APPROVAL_TYPE_DEFS.lock_change.followUp).toEqual(['change_lock']);
    expect(APPROVAL_TYPE_DEFS.staff_pass.followUp).toEqual(['issue_pass']);
    expect(APPROVAL_TYPE_DEFS.renovation.tellOnApproval.map((t) => t.role)).toEqual([
      'engineering',
      'security',
    ]);
    expect(APPROVAL_TYPE_DEFS.after_hours.tellOnApproval.map((t) => t.role)).toEqual(['security']);
    expect(APPROVAL_TYPE_DEFS.space_use.tellOnApproval.map((t) => t.role)).toEqual(['security']);
    expect(APPROVAL_TYPE_DEFS.space_use.booksSpace).toBe(true);
    expect(APPROVAL_TYPE_DEFS.posting.remindRemoval).toBe(true);
    const booking = APPROVAL_TYPES.filter((t) => APPROVAL_TYPE_DEFS[t].booksSpace);
    expect(booking).toEqual(['space_use']);
  });

  it('every task is done by a party that has people (a role on duty, or the requester), after tasks of its own type', () => {
    expect(FOLLOW_UP_TASK_DEFS.settle_fees.party).toBe('finance');
    expect(FOLLOW_UP_TASK_DEFS.refund_deposit.party).toBe('finance');
    expect(FOLLOW_UP_TASK_DEFS.return_keys.party).toBe('keeper');
    expect(FOLLOW_UP_TASK_DEFS.inspect.party).toBe('engineering');
    expect(FOLLOW_UP_TASK_DEFS.report_done.party).toBe('requester');
    expect(FOLLOW_UP_TASK_DEFS.issue_pass.party).toBe('gate');
    expect(PARTY_ROLE).toEqual({
      finance: 'finance',
      keeper: 'senior_assistant',
      engineering: 'engineering',
      gate: 'security',
    });
    for (const t of APPROVAL_TYPES) {
      const tasks = APPROVAL_TYPE_DEFS[t].followUp ?? [];
      for (const task of tasks)
        for (const before of FOLLOW_UP_TASK_DEFS[task].after ?? [])
          expect(tasks, `${t}: ${task}`).toContain(before);
    }
    const used = new Set(APPROVAL_TYPES.flatMap((t) => APPROVAL_TYPE_DEFS[t].followUp ?? []));
    expect([...used].sort()).toEqual([...FOLLOW_UP_TASKS].sort());
  });
});

describe('the space overlap rule', () => {
  const h = (hour: number, day = 5) => new Date(Date.UTC(2026, 11, day, hour - 8));
  const slot = (space: string, from: number, to: number, day = 5): Slot => ({
    space,
    start: h(from, day),
    end: h(to, day),
  });

  it('two slots of one space clash when they share a moment; back to back, or another space, do not', () => {
    const booked = slot('atrium', 14, 17);
    expect(overlaps(booked, slot('atrium', 16, 18))).toBe(true);
    expect(overlaps(booked, slot('atrium', 12, 15))).toBe(true);
    expect(overlaps(booked, slot('atrium', 15, 16))).toBe(true);
    expect(overlaps(booked, slot('atrium', 10, 20))).toBe(true);
    expect(overlaps(booked, slot('atrium', 17, 19))).toBe(false);
    expect(overlaps(booked, slot('atrium', 10, 14))).toBe(false);
    expect(overlaps(booked, slot('east_plaza', 14, 17))).toBe(false);
    expect(overlaps(booked, slot('atrium', 14, 17, 6))).toBe(false);
  });

  it('a space is named by any of its words, so "中庭" and "中央大厅" are one booking target', () => {
    expect(findSpace('周六下午在中庭搞活动')?.code).toBe('atrium');
    expect(findSpace('中央大厅')?.code).toBe('atrium');
    expect(findSpace('东门广场摆摊')?.code).toBe('east_plaza');
    expect(findSpace('b1连廊')?.code).toBe('b1_corridor');
    expect(findSpace('店门口')).toBeUndefined();
    expect(new Set(PUBLIC_SPACES.map((s) => s.code)).size).toBe(PUBLIC_SPACES.length);
  });
});

describe('follow-up tasks', () => {
  it('move-out: finance settles, the keeper takes the keys, then finance refunds the deposit and it completes', () => {
    let a = approved('move_out');
    expect(readyTasks(a)).toEqual(['settle_fees', 'return_keys']);
    expect(buttonsOf(a, FINANCE)).toEqual(['settle_fees']);
    expect(buttonsOf(a, SENIOR2)).toEqual(['return_keys']);
    expect(buttonsOf(a, TENANT)).toEqual([]);
    expect(buttonsOf(a, ENGINEER)).toEqual([]);
    a = step(a, 'settle_fees', FINANCE);
    expect(a.status).toBe('approved');
    // The deposit waits for the keys.
    expect(buttonsOf(a, FINANCE)).toEqual([]);
    expect(applyApprovalAction(a, { action: 'refund_deposit', actor: FINANCE, input: {}, at }).ok).toBe(
      false,
    );
    a = step(a, 'return_keys', SENIOR2);
    expect(buttonsOf(a, FINANCE)).toEqual(['refund_deposit']);
    expect(progressLine(a)).toBe('✓费用结清 ✓钥匙交回 ○押金退还');
    a = step(a, 'refund_deposit', FINANCE);
    expect(a.status).toBe('completed');
    expect(a.tasks.every((t) => t.status === 'done' && t.doneAt === at)).toBe(true);
    expect(a.tasks.find((t) => t.task === 'return_keys')?.doneById).toBe(SENIOR2.id);
  });

  it('renovation: the tenant reports it done; a failed inspection sends it back with the defects; a pass completes it', () => {
    let a = approved('renovation');
    expect(buttonsOf(a, TENANT)).toEqual(['report_done']);
    expect(buttonsOf(a, ENGINEER)).toEqual([]);
    a = step(a, 'report_done', TENANT);
    expect(buttonsOf(a, ENGINEER)).toEqual(['inspect_pass', 'inspect_fail']);
    const failed = applyApprovalAction(a, { action: 'inspect_fail', actor: ENGINEER, input: {}, at });
    expect(failed.ok).toBe(true);
    a = step(a, 'inspect_fail', ENGINEER, '吊顶未用难燃夹板');
    expect(a.status).toBe('approved');
    expect(a.tasks.find((t) => t.task === 'report_done')).toMatchObject({
      status: 'open',
      note: '吊顶未用难燃夹板',
    });
    expect(buttonsOf(a, ENGINEER)).toEqual([]);
    a = step(a, 'report_done', TENANT);
    a = step(a, 'inspect_pass', ENGINEER);
    expect(a.status).toBe('completed');
    expect(buttonsOf(a, TENANT)).toEqual([]);
  });

  it('lock change and staff pass: engineering marks the lock changed, security the pass issued', () => {
    const lock = approved('lock_change');
    expect(buttonsOf(lock, ENGINEER)).toEqual(['change_lock']);
    expect(buttonsOf(lock, GUARD)).toEqual([]);
    expect(step(lock, 'change_lock', ENGINEER).status).toBe('completed');
    const pass = approved('staff_pass');
    expect(buttonsOf(pass, GUARD)).toEqual(['issue_pass']);
    expect(step(pass, 'issue_pass', GUARD).status).toBe('completed');
  });

  it('types without follow-up tasks stay approved and offer no task buttons', () => {
    for (const type of ['space_use', 'after_hours', 'posting'] as const) {
      const a = approved(type);
      for (const p of [TENANT, FINANCE, SENIOR2, ENGINEER, GUARD]) expect(buttonsOf(a, p), type).toEqual([]);
    }
  });
});

describe('the posting removal reminder', () => {
  it('approval arms it at the posting’s end; the product reminds once and disarms it', () => {
    const end = new Date(T0.getTime() + 10 * 86_400_000);
    const pending = buildApproval({ type: 'posting', dueAt: end });
    const a = step(pending, 'approve', SENIOR);
    expect(a.status).toBe('approved');
    expect(a.removeDueAt).toEqual(end);
    const r = applyApprovalAction(a, { action: 'remind_removal', actor: SYSTEM_PERSON, input: {}, at: end });
    expect(r.ok && r.patch.removeDueAt).toBeNull();
    if (!r.ok) return;
    expect(r.next.removeDueAt).toBeUndefined();
    // A second run of the same reminder is refused by the table: it fires once.
    expect(
      applyApprovalAction(r.next, { action: 'remind_removal', actor: SYSTEM_PERSON, input: {}, at: end }).ok,
    ).toBe(false);
    // Nobody else may send it, and other types have none.
    expect(applyApprovalAction(a, { action: 'remind_removal', actor: SENIOR, input: {}, at: end }).ok).toBe(
      false,
    );
    const goods = step(buildApproval({ dueAt: end }), 'approve', SENIOR);
    expect(goods.removeDueAt).toBeUndefined();
  });
});
