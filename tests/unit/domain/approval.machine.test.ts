import { describe, expect, it } from 'vitest';
import {
  approvalMachine,
  approvalParties,
  approverConflict,
} from '../../../src/domain/approval/approval.machine.js';
import { chainFor } from '../../../src/domain/approval/approval.rules.js';
import { applyApprovalAction } from '../../../src/domain/approval/approval.transition.js';
import { buildApproval, DEPUTY, MANAGER, SENIOR, SENIOR2, T0, TENANT } from '../../factories/tickets.js';
import { expectExactly } from './machine-check.js';

const LEGAL = [
  'pending approve approver -> approved',
  'pending reject approver -> rejected',
  'pending pass_up approver -> =',
  'pending cancel requester -> cancelled',
  'approved gate_release gate -> released',
  'approved expire system -> expired',
  'approved hand_over keeper -> handed_over',
  'handed_over take_back keeper -> returned',
  'pending mark_important archivist -> =',
  'approved mark_important archivist -> pending',
  'approved file_out archivist -> handing_out',
  'handing_out confirm_out requester -> checked_out',
  'handing_out ask_extension requester -> =',
  'checked_out ask_extension requester -> =',
  'handing_out grant_extension overseer -> =',
  'checked_out grant_extension overseer -> =',
  'handing_out refuse_extension overseer -> =',
  'checked_out refuse_extension overseer -> =',
  'handing_out file_back archivist -> returning',
  'checked_out file_back archivist -> returning',
  'returning confirm_back requester -> filed_back',
  // Follow-up tasks (with every guard passing, each is the last open task and completes the request).
  'approved settle_fees finance -> completed',
  'approved return_keys keeper -> completed',
  'approved refund_deposit finance -> completed',
  'approved report_done requester -> completed',
  'approved inspect_pass engineering -> completed',
  'approved inspect_fail engineering -> =',
  'approved change_lock engineering -> completed',
  'approved issue_pass gate -> completed',
  'approved remind_removal system -> =',
];

const at = new Date(T0.getTime() + 600_000);

describe('approval machine', () => {
  it('allows exactly the listed moves', () => {
    expect(expectExactly(approvalMachine, LEGAL, buildApproval())).toBe(13 * 25 * 9);
  });

  it('approving a step of a longer chain keeps it pending and moves to the next step', () => {
    const a = buildApproval({
      type: 'space_use',
      steps: [
        { role: 'senior_assistant', status: 'pending', reason: '' },
        { role: 'deputy_manager', status: 'waiting', reason: '' },
      ],
    });
    const r = applyApprovalAction(a, { action: 'approve', actor: SENIOR, input: {}, at });
    if (!r.ok) throw new Error('refused');
    expect(r.next).toMatchObject({ status: 'pending', currentStep: 1, stage: 1 });
    expect(r.next.steps.map((s) => s.status)).toEqual(['approved', 'pending']);
    const last = applyApprovalAction(r.next, { action: 'approve', actor: DEPUTY, input: {}, at });
    expect(last.ok && last.next.status).toBe('approved');
  });

  it('separation of duties: nobody decides their own request, and one person decides at most one step', () => {
    const own = buildApproval({ requesterId: SENIOR.id });
    expect(approverConflict(own, SENIOR)).toBe('own_request');
    expect(approvalParties(own, SENIOR).has('approver')).toBe(false);
    expect(approvalParties(own, SENIOR2).has('approver')).toBe(true);
    const second = buildApproval({
      currentStep: 1,
      steps: [
        { role: 'deputy_manager', status: 'approved', reason: '', deciderId: MANAGER.id, decidedAt: T0 },
        { role: 'manager', status: 'pending', reason: '' },
      ],
    });
    expect(approverConflict(second, MANAGER)).toBe('decided_earlier_step');
    expect(applyApprovalAction(second, { action: 'approve', actor: MANAGER, input: {}, at })).toMatchObject({
      ok: false,
      verdict: { why: 'party' },
    });
  });

  it('reject records the reason and skips the rest; pass-up hands the step to the next rung; cancel is the requester’s', () => {
    const two = buildApproval({
      steps: [
        { role: 'senior_assistant', status: 'pending', reason: '' },
        { role: 'deputy_manager', status: 'waiting', reason: '' },
      ],
    });
    const rej = applyApprovalAction(two, {
      action: 'reject',
      actor: SENIOR,
      input: { text: '超出营业时间' },
      at,
    });
    if (!rej.ok) throw new Error('refused');
    expect(rej.next.steps).toMatchObject([
      { status: 'rejected', reason: '超出营业时间', deciderId: SENIOR.id },
      { status: 'skipped' },
    ]);
    const up = applyApprovalAction(two, {
      action: 'pass_up',
      actor: SENIOR,
      input: { text: '金额较大' },
      at,
    });
    expect(up.ok && up.next.steps[0]).toMatchObject({ role: 'deputy_manager', status: 'pending' });
    expect(applyApprovalAction(two, { action: 'cancel', actor: SENIOR, input: {}, at }).ok).toBe(false);
    expect(applyApprovalAction(two, { action: 'cancel', actor: TENANT, input: {}, at })).toMatchObject({
      ok: true,
      next: { status: 'cancelled' },
    });
  });

  it('chains: copying an archive adds the manager, an important one the leader too; an overnight key the manager', () => {
    expect(chainFor('archive_access', { copying: 'none' })).toEqual(['deputy_manager']);
    expect(chainFor('archive_access', { copying: 'copy' })).toEqual(['deputy_manager', 'manager']);
    expect(chainFor('archive_access', { copying: 'important' })).toEqual([
      'deputy_manager',
      'manager',
      'leader',
    ]);
    expect(chainFor('key_loan', { keptOvernight: true })).toEqual(['senior_assistant', 'manager']);
  });
});
