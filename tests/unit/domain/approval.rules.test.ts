import { describe, expect, it } from 'vitest';
import { FORMS } from '../../../handlers/conversation/forms.js';
import { approvalParties, standInFor } from '../../../src/domain/approval/approval.machine.js';
import {
  APPROVAL_TYPE_DEFS,
  chainFor,
  filingRefusal,
  type ReleaseSigners,
} from '../../../src/domain/approval/approval.rules.js';
import { applyApprovalAction } from '../../../src/domain/approval/approval.transition.js';
import { APPROVAL_TYPES, type StandIn } from '../../../src/domain/approval/approval.types.js';
import { nextUp } from '../../../src/domain/duty/duty.rules.js';
import {
  buildApproval,
  buildPerson,
  DEPUTY,
  GUARD,
  LEADER,
  MANAGER,
  SENIOR,
  SENIOR2,
  T0,
  TENANT,
} from '../../factories/tickets.js';

const at = new Date(T0.getTime() + 600_000);
const day = 86_400_000;

/** `deputy` stands in for `principal` from an hour before `at` to a day after. */
const standIn = (principal: typeof MANAGER): StandIn => ({
  principal: { id: principal.id, name: principal.name, roles: principal.roles, active: true },
  from: new Date(at.getTime() - 3_600_000),
  until: new Date(at.getTime() + day),
});

describe('request types as data', () => {
  it('every type has a label, at least one unconditional step, and rungs that can be passed up to', () => {
    for (const t of APPROVAL_TYPES) {
      const def = APPROVAL_TYPE_DEFS[t];
      expect(def.label.length, t).toBeGreaterThan(1);
      expect(
        def.steps.some((s) => !s.when),
        t,
      ).toBe(true);
      expect(chainFor(t).length, t).toBeGreaterThan(0);
    }
  });

  it('chains by the rulebook: goods release and keys the senior assistant, archives the deputy manager', () => {
    expect(chainFor('goods_release')).toEqual(['senior_assistant']);
    expect(chainFor('key_loan')).toEqual(['senior_assistant']);
    expect(chainFor('key_loan', { keptOvernight: true })).toEqual(['senior_assistant', 'manager']);
    expect(chainFor('archive_access')).toEqual(['deputy_manager']);
    expect(chainFor('archive_access', { copying: 'copy' })).toEqual(['deputy_manager', 'manager']);
    expect(chainFor('archive_access', { copying: 'important' })).toEqual([
      'deputy_manager',
      'manager',
      'leader',
    ]);
    expect(chainFor('renovation')).toEqual(['deputy_manager']);
    expect(chainFor('space_use')).toEqual(['senior_assistant', 'deputy_manager']);
    expect(chainFor('move_out')).toEqual(['senior_assistant', 'deputy_manager']);
    for (const t of ['lock_change', 'staff_pass', 'after_hours', 'posting'] as const)
      expect(chainFor(t), t).toEqual(['senior_assistant']);
  });

  it('what an approval opens or tells: the gate pass for goods, engineering and security for renovation', () => {
    expect(APPROVAL_TYPE_DEFS.goods_release.ledger).toBe('gate_pass');
    expect(APPROVAL_TYPE_DEFS.key_loan.ledger).toBe('key_loan');
    expect(APPROVAL_TYPE_DEFS.renovation.tellOnApproval.map((t) => t.role)).toEqual([
      'engineering',
      'security',
    ]);
    expect(APPROVAL_TYPE_DEFS.after_hours.tellOnApproval.map((t) => t.role)).toEqual(['security']);
    // A lock change gives engineering a task card (换锁) rather than a text.
    expect(APPROVAL_TYPE_DEFS.lock_change.followUp).toEqual(['change_lock']);
  });
});

describe('who may ask', () => {
  const shop = (release: ReleaseSigners | null) => ({ code: 'B1-23', release });
  const signers: ReleaseSigners = {
    mode: 'any_signer',
    occupantName: '李先生',
    signers: [{ name: '李先生' }, { name: '王小姐' }],
  };
  const li = buildPerson({ id: 'a'.repeat(24), name: '李先生', kind: 'tenant', roles: ['tenant'] });
  const wang = buildPerson({ id: 'b'.repeat(24), name: '王小姐', kind: 'tenant', roles: ['tenant'] });
  const clerk = buildPerson({ id: 'c'.repeat(24), name: '店员小张', kind: 'tenant', roles: ['tenant'] });

  it('goods release: a registered signer may ask; anyone else is refused with the signers named', () => {
    expect(filingRefusal('goods_release', li, shop(signers))).toBeUndefined();
    expect(filingRefusal('goods_release', wang, shop(signers))).toBeUndefined();
    expect(filingRefusal('goods_release', clerk, shop(signers))).toMatch(
      /不是铺位 B1-23 登记的物品放行签字人.*李先生、王小姐/,
    );
    expect(filingRefusal('goods_release', li, shop(null))).toContain('尚未登记物品放行签字人');
  });

  it('goods release in owner-only mode: only the occupant; a signer bound by person id matches by id', () => {
    const owner: ReleaseSigners = { ...signers, mode: 'owner_only' };
    expect(filingRefusal('goods_release', li, shop(owner))).toBeUndefined();
    expect(filingRefusal('goods_release', wang, shop(owner))).toContain('仅限铺主');
    const byId: ReleaseSigners = { ...signers, signers: [{ name: '改了名', personId: clerk.id }] };
    expect(filingRefusal('goods_release', clerk, shop(byId))).toBeUndefined();
    expect(filingRefusal('goods_release', li, shop(byId))).toContain('不是');
  });

  it('archives are for staff only; tenant-only types refuse staff', () => {
    expect(filingRefusal('archive_access', TENANT, shop(null))).toContain('仅限本公司员工');
    expect(filingRefusal('archive_access', SENIOR, shop(null))).toBeUndefined();
    expect(filingRefusal('move_out', SENIOR, shop(null))).toContain('须由商户本人申请');
    expect(filingRefusal('key_loan', TENANT, shop(null))).toBeUndefined();
  });
});

describe('decision rules', () => {
  const pending = buildApproval();

  it('self-approval is refused, and audited as a party refusal by the act loop', () => {
    const own = buildApproval({ requesterId: SENIOR.id });
    const r = applyApprovalAction(own, { action: 'approve', actor: SENIOR, input: {}, at });
    expect(r).toMatchObject({ ok: false, verdict: { why: 'party' } });
  });

  it('one person one step: the decider of step 1 may not decide step 2, even as a stand-in', () => {
    const two = buildApproval({
      type: 'space_use',
      currentStep: 1,
      steps: [
        { role: 'senior_assistant', status: 'approved', reason: '', deciderId: DEPUTY.id, decidedAt: T0 },
        { role: 'deputy_manager', status: 'pending', reason: '' },
      ],
    });
    expect(approvalParties(two, DEPUTY).has('approver')).toBe(false);
    // Someone standing in for the deputy who signed step 1 cannot sign step 2 for them either.
    expect(approvalParties(two, SENIOR2, [standIn(DEPUTY)], at).has('approver')).toBe(false);
    expect(approvalParties(two, MANAGER).has('approver')).toBe(true);
  });

  it('a stand-in decides the step their principal holds, recorded as "代 X 审批"', () => {
    const manager = buildApproval({
      type: 'key_loan',
      currentStep: 1,
      steps: [
        { role: 'senior_assistant', status: 'approved', reason: '', deciderId: SENIOR.id, decidedAt: T0 },
        { role: 'manager', status: 'pending', reason: '' },
      ],
    });
    expect(approvalParties(manager, SENIOR2).has('approver')).toBe(false);
    const ins = [standIn(MANAGER)];
    expect(standInFor(manager, SENIOR2, ins, at)?.id).toBe(MANAGER.id);
    const r = applyApprovalAction(manager, {
      action: 'approve',
      actor: SENIOR2,
      input: {},
      at,
      standIns: ins,
    });
    if (!r.ok) throw new Error('refused');
    expect(r.next.status).toBe('approved');
    expect(r.next.steps[1]).toMatchObject({ deciderId: SENIOR2.id, onBehalfOfId: MANAGER.id });
    expect(r.entry.note).toBe(`代${MANAGER.name}审批`);
    // Outside the range, or for the requester's own request, the stand-in gives nothing.
    const later = new Date(at.getTime() + 2 * day);
    expect(approvalParties(manager, SENIOR2, ins, later).has('approver')).toBe(false);
    const own = buildApproval({ ...manager, requesterId: SENIOR2.id });
    expect(approvalParties(own, SENIOR2, ins, at).has('approver')).toBe(false);
    // The senior who signed step 1 may not sign step 2 as the manager's stand-in.
    expect(approvalParties(manager, SENIOR, ins, at).has('approver')).toBe(false);
  });

  it('pass-up hands the step to the next rung; the passer may not then decide it', () => {
    const r = applyApprovalAction(pending, { action: 'pass_up', actor: SENIOR, input: { text: '量大' }, at });
    if (!r.ok) throw new Error('refused');
    expect(r.next.steps[0]?.role).toBe(nextUp('senior_assistant'));
    expect(r.next.status).toBe('pending');
    expect(approvalParties(r.next, SENIOR).has('approver')).toBe(false);
    expect(approvalParties(r.next, DEPUTY).has('approver')).toBe(true);
    const top = buildApproval({ steps: [{ role: 'leader', status: 'pending', reason: '' }] });
    expect(
      applyApprovalAction(top, { action: 'pass_up', actor: LEADER, input: { text: 'x' }, at }),
    ).toMatchObject({
      ok: false,
      verdict: { why: 'guard', guard: 'can_pass_up' },
    });
  });

  it('cancel: the requester while pending, nobody once decided', () => {
    expect(applyApprovalAction(pending, { action: 'cancel', actor: TENANT, input: {}, at }).ok).toBe(true);
    const done = buildApproval({ status: 'approved' });
    expect(applyApprovalAction(done, { action: 'cancel', actor: TENANT, input: {}, at })).toMatchObject({
      ok: false,
      verdict: { why: 'state' },
    });
  });

  it('the gate: security marks an approved goods release released; other approved types have no gate', () => {
    const approved = buildApproval({
      status: 'approved',
      steps: [{ role: 'senior_assistant', status: 'approved', reason: '' }],
    });
    expect(
      applyApprovalAction(approved, { action: 'gate_release', actor: SENIOR, input: {}, at }),
    ).toMatchObject({
      ok: false,
      verdict: { why: 'party' },
    });
    expect(
      applyApprovalAction(approved, { action: 'gate_release', actor: GUARD, input: {}, at }),
    ).toMatchObject({
      ok: true,
      next: { status: 'released', stage: 1 },
    });
    const key = buildApproval({ ...approved, type: 'key_loan' });
    expect(applyApprovalAction(key, { action: 'gate_release', actor: GUARD, input: {}, at })).toMatchObject({
      ok: false,
      verdict: { why: 'guard', guard: 'gate_pass' },
    });
  });

  it('the key ledger: a senior assistant or above hands over and takes back; a late return is noted', () => {
    const approved = buildApproval({
      type: 'key_loan',
      status: 'approved',
      dueAt: new Date(at.getTime() + 3_600_000),
      steps: [{ role: 'senior_assistant', status: 'approved', reason: '' }],
    });
    expect(applyApprovalAction(approved, { action: 'hand_over', actor: GUARD, input: {}, at })).toMatchObject(
      {
        ok: false,
        verdict: { why: 'party' },
      },
    );
    const out = applyApprovalAction(approved, { action: 'hand_over', actor: SENIOR, input: {}, at });
    if (!out.ok) throw new Error('refused');
    expect(out.patch.keyDueAt).toEqual(approved.dueAt);
    expect(out.next.status).toBe('handed_over');
    const late = new Date(at.getTime() + 2 * 3_600_000);
    const back = applyApprovalAction(out.next, { action: 'take_back', actor: MANAGER, input: {}, at: late });
    if (!back.ok) throw new Error('refused');
    expect(back.next.status).toBe('returned');
    expect(back.patch.keyDueAt).toBeNull();
    expect(back.entry.note).toBe('逾期归还');
    const onTime = applyApprovalAction(out.next, { action: 'take_back', actor: SENIOR2, input: {}, at });
    expect(onTime.ok && onTime.entry.note).toBe('');
  });
});

describe('forms are part of the request type data', () => {
  it('every type declares its form, the conversation asks exactly that form, and each field can be asked', () => {
    for (const t of APPROVAL_TYPES) {
      const form = APPROVAL_TYPE_DEFS[t].form;
      expect(form.length, t).toBeGreaterThan(0);
      expect(FORMS[t], t).toBe(form);
      expect(new Set(form.map((f) => f.key)).size, `${t}: field keys are unique`).toBe(form.length);
      for (const f of form) expect(f.question.length, `${t}.${f.key}`).toBeGreaterThan(4);
    }
    // The rulebook's records: a posting says until when, an outside borrower's ID is asked.
    expect(APPROVAL_TYPE_DEFS.posting.form.map((f) => f.kind)).toContain('when');
    expect(APPROVAL_TYPE_DEFS.key_loan.form.find((f) => f.kind === 'id')?.outsidersOnly).toBe(true);
  });
});
