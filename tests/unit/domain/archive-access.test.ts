import { describe, expect, it } from 'vitest';
import { approvalParties } from '../../../src/domain/approval/approval.machine.js';
import {
  APPROVAL_TYPE_DEFS,
  declaredConditions,
  filingRefusal,
  markFor,
  needsSignerConfirmation,
  type ReleaseSigners,
  stepsFor,
} from '../../../src/domain/approval/approval.rules.js';
import { applyApprovalAction } from '../../../src/domain/approval/approval.transition.js';
import type { ApprovalView } from '../../../src/domain/approval/approval.types.js';
import { archiveDueTimes, archiveNextMorning } from '../../../src/domain/approval/archive-times.js';
import { BusinessTime } from '../../../src/lib/business-time.js';
import {
  buildApproval,
  buildPerson,
  DEPUTY,
  LEADER,
  MANAGER,
  SENIOR,
  SENIOR2,
  T0,
  TENANT,
} from '../../factories/tickets.js';

const at = new Date(T0.getTime() + 600_000);
const ARCHIVIST = buildPerson({ id: 'e'.repeat(24), name: '周文员', roles: ['cs_clerk', 'archive_clerk'] });

/** An archive request by a senior assistant, copying, at its first step. */
const copyRequest = (o: Partial<ApprovalView> = {}): ApprovalView =>
  buildApproval({
    type: 'archive_access',
    requesterId: SENIOR.id,
    channel: { platform: 'wecom', userId: 'staff-chen', conversationId: 'staff-chen' },
    shopCode: '',
    details: [{ key: 'subject', label: '查阅档案', value: 'B1-23的租赁合同' }],
    conditions: ['copying'],
    steps: [
      { role: 'deputy_manager', status: 'pending', reason: '' },
      { role: 'manager', status: 'waiting', reason: '' },
    ],
    ...o,
  });

const ok = (r: ReturnType<typeof applyApprovalAction>) => {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.verdict)}`);
  return r;
};

describe('archive access as data (7.2)', () => {
  it('viewing: the deputy manager; copying adds the manager; an important copy adds a vice-president', () => {
    expect(stepsFor('archive_access', [])).toEqual(['deputy_manager']);
    expect(stepsFor('archive_access', ['copying'])).toEqual(['deputy_manager', 'manager']);
    expect(stepsFor('archive_access', ['copying', 'important'])).toEqual([
      'deputy_manager',
      'manager',
      'leader',
    ]);
    expect(APPROVAL_TYPE_DEFS.archive_access.ledger).toBe('archive');
    expect(APPROVAL_TYPE_DEFS.archive_access.askers).toBe('staff');
  });

  it('"important" is never self-declared: a requester saying so files an ordinary copy', () => {
    expect(declaredConditions('archive_access', { copying: 'important' })).toEqual(['copying']);
    expect(declaredConditions('archive_access', { copying: 'none' })).toEqual([]);
    // Other types keep what the requester declares.
    expect(declaredConditions('key_loan', { keptOvernight: true })).toEqual(['overnight']);
  });

  it('staff only: a tenant is refused with the reason', () => {
    expect(filingRefusal('archive_access', TENANT, { code: 'B1-23', release: null })).toContain(
      '仅限本公司员工',
    );
  });

  it('only the archive clerk marks, only a copy, only once', () => {
    expect(markFor('archive_access', ['copying'], ['archive_clerk'])).toBe('important');
    expect(markFor('archive_access', ['copying'], ['deputy_manager'])).toBeUndefined();
    expect(markFor('archive_access', [], ['archive_clerk'])).toBeUndefined();
    expect(markFor('archive_access', ['copying', 'important'], ['archive_clerk'])).toBeUndefined();
    const a = copyRequest();
    expect(approvalParties(a, ARCHIVIST).has('archivist')).toBe(true);
    expect(approvalParties(a, DEPUTY).has('archivist')).toBe(false);
    // The clerk's own request: they are the borrower, never the clerk of it.
    expect(approvalParties(copyRequest({ requesterId: ARCHIVIST.id }), ARCHIVIST).has('archivist')).toBe(
      false,
    );
    expect(applyApprovalAction(a, { action: 'mark_important', actor: DEPUTY, input: {}, at })).toMatchObject({
      ok: false,
      verdict: { why: 'party' },
    });
  });

  it('the clerk’s mark adds the vice-president’s step, while pending or reopening an approved request', () => {
    const pending = ok(
      applyApprovalAction(copyRequest(), { action: 'mark_important', actor: ARCHIVIST, input: {}, at }),
    );
    expect(pending.next.status).toBe('pending');
    expect(pending.next.conditions).toEqual(['copying', 'important']);
    expect(pending.next.steps.map((s) => [s.role, s.status])).toEqual([
      ['deputy_manager', 'pending'],
      ['manager', 'waiting'],
      ['leader', 'waiting'],
    ]);
    expect(pending.next.currentStep).toBe(0);
    expect(
      applyApprovalAction(pending.next, { action: 'mark_important', actor: ARCHIVIST, input: {}, at }),
    ).toMatchObject({
      ok: false,
      verdict: { why: 'guard', guard: 'can_mark' },
    });
    // Deputy, manager, then the vice-president: three different people.
    const one = ok(applyApprovalAction(pending.next, { action: 'approve', actor: DEPUTY, input: {}, at }));
    const two = ok(applyApprovalAction(one.next, { action: 'approve', actor: MANAGER, input: {}, at }));
    expect(two.next.status).toBe('pending');
    const three = ok(applyApprovalAction(two.next, { action: 'approve', actor: LEADER, input: {}, at }));
    expect(three.next.status).toBe('approved');

    const approved = copyRequest({
      status: 'approved',
      currentStep: 1,
      steps: [
        { role: 'deputy_manager', status: 'approved', reason: '', deciderId: DEPUTY.id, decidedAt: T0 },
        { role: 'manager', status: 'approved', reason: '', deciderId: MANAGER.id, decidedAt: T0 },
      ],
    });
    const reopened = ok(
      applyApprovalAction(approved, { action: 'mark_important', actor: ARCHIVIST, input: {}, at }),
    );
    expect(reopened.next).toMatchObject({ status: 'pending', currentStep: 2 });
    expect(reopened.next.steps[2]).toMatchObject({ role: 'leader', status: 'pending' });
    expect(approvalParties(reopened.next, LEADER).has('approver')).toBe(true);
    // A view-only request has nothing to mark.
    const view = copyRequest({ conditions: [] });
    expect(applyApprovalAction(view, { action: 'mark_important', actor: ARCHIVIST, input: {}, at }).ok).toBe(
      false,
    );
  });
});

describe('the archive ledger (7.2.5-7.2.8)', () => {
  const due = { sameDay: new Date(at.getTime() + 3_600_000), nextDay: new Date(at.getTime() + 86_400_000) };
  const approved = copyRequest({
    status: 'approved',
    conditions: [],
    steps: [{ role: 'deputy_manager', status: 'approved', reason: '', deciderId: DEPUTY.id }],
  });

  it('out and back, each recorded by the clerk and confirmed by the borrower, with times', () => {
    expect(
      applyApprovalAction(approved, { action: 'file_out', actor: SENIOR2, input: {}, at, due }),
    ).toMatchObject({
      ok: false,
      verdict: { why: 'party' },
    });
    const out = ok(
      applyApprovalAction(approved, { action: 'file_out', actor: ARCHIVIST, input: {}, at, due }),
    );
    expect(out.next.status).toBe('handing_out');
    expect(out.patch).toMatchObject({ dueAt: due.sameDay, archiveDueAt: due.sameDay, archiveChase: 0 });
    // Only the borrower confirms receipt.
    expect(applyApprovalAction(out.next, { action: 'confirm_out', actor: ARCHIVIST, input: {}, at }).ok).toBe(
      false,
    );
    const mine = ok(applyApprovalAction(out.next, { action: 'confirm_out', actor: SENIOR, input: {}, at }));
    expect(mine.next.status).toBe('checked_out');
    const back = ok(applyApprovalAction(mine.next, { action: 'file_back', actor: ARCHIVIST, input: {}, at }));
    expect(back.next.status).toBe('returning');
    expect(back.patch.archiveDueAt).toBeNull();
    expect(back.entry.note).toBe('');
    const done = ok(applyApprovalAction(back.next, { action: 'confirm_back', actor: SENIOR, input: {}, at }));
    expect(done.next.status).toBe('filed_back');
    expect(done.next.history.map((h) => h.action).slice(-4)).toEqual([
      'file_out',
      'confirm_out',
      'file_back',
      'confirm_back',
    ]);
    // Back after the due time is noted.
    const late = new Date(due.sameDay.getTime() + 60_000);
    const lateBack = ok(
      applyApprovalAction(mine.next, { action: 'file_back', actor: ARCHIVIST, input: {}, at: late }),
    );
    expect(lateBack.entry.note).toBe('逾期归档');
  });

  it('a next-day return: the borrower gives a reason, a deputy manager or above (not the borrower) grants it', () => {
    const out = ok(
      applyApprovalAction(approved, { action: 'file_out', actor: ARCHIVIST, input: {}, at, due }),
    ).next;
    const asked = ok(
      applyApprovalAction(out, {
        action: 'ask_extension',
        actor: SENIOR,
        input: { text: '核对合同需两天' },
        at,
      }),
    );
    expect(asked.next.extension).toMatchObject({ status: 'pending', reason: '核对合同需两天' });
    expect(
      applyApprovalAction(asked.next, { action: 'ask_extension', actor: SENIOR, input: { text: '再问' }, at })
        .ok,
    ).toBe(false);
    expect(
      applyApprovalAction(asked.next, { action: 'grant_extension', actor: SENIOR2, input: {}, at, due }).ok,
    ).toBe(false);
    const granted = ok(
      applyApprovalAction(asked.next, { action: 'grant_extension', actor: DEPUTY, input: {}, at, due }),
    );
    expect(granted.next.extension).toMatchObject({ status: 'granted', deciderId: DEPUTY.id });
    expect(granted.patch).toMatchObject({ dueAt: due.nextDay, archiveDueAt: due.nextDay, archiveChase: 0 });
    const refused = ok(
      applyApprovalAction(asked.next, {
        action: 'refuse_extension',
        actor: MANAGER,
        input: { text: '今天必须归还' },
        at,
        due,
      }),
    );
    expect(refused.next.extension).toMatchObject({ status: 'refused', answer: '今天必须归还' });
    expect(refused.patch.dueAt).toBeUndefined();
    // A deputy manager who is the borrower does not grant their own.
    const own = { ...asked.next, requesterId: DEPUTY.id };
    expect(approvalParties(own, DEPUTY).has('overseer')).toBe(false);
  });

  it('due times: closing time today; the next working day’s closing time; the manager the next morning', () => {
    const time = new BusinessTime({ now: () => at }, 'Asia/Shanghai');
    // Monday 2026-11-30 10:10 Shanghai.
    const { sameDay, nextDay } = archiveDueTimes(time, new Date('2026-11-30T02:10:00Z'));
    expect(sameDay.toISOString()).toBe('2026-11-30T10:00:00.000Z');
    expect(nextDay.toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect(archiveNextMorning(time, sameDay).toISOString()).toBe('2026-12-01T01:00:00.000Z');
    // Out after closing: back by the end of that day. Friday's next day is Monday.
    expect(archiveDueTimes(time, new Date('2026-11-30T11:00:00Z')).sameDay.toISOString()).toBe(
      '2026-11-30T15:59:59.999Z',
    );
    expect(archiveDueTimes(time, new Date('2026-12-04T02:00:00Z')).nextDay.toISOString()).toBe(
      '2026-12-07T10:00:00.000Z',
    );
  });
});

describe('goods release, "signer confirms first" mode', () => {
  const release = (mode: ReleaseSigners['mode']): ReleaseSigners => ({
    mode,
    occupantName: '王先生',
    signers: [{ name: '王先生' }],
  });
  const hand = buildPerson({
    id: 'f'.repeat(24),
    name: '店员小张',
    kind: 'tenant',
    roles: ['tenant'],
    shopCodes: ['B1-23'],
  });
  const shop = (mode: ReleaseSigners['mode']) => ({ code: 'B1-23', release: release(mode) });

  it('a non-signer of the shop files, to be confirmed by a signer; any other mode refuses as before', () => {
    expect(filingRefusal('goods_release', hand, shop('signer_confirms'))).toBeUndefined();
    expect(needsSignerConfirmation('goods_release', hand, shop('signer_confirms'))).toBe(true);
    expect(needsSignerConfirmation('goods_release', TENANT, shop('signer_confirms'))).toBe(false);
    expect(needsSignerConfirmation('goods_release', hand, shop('any_signer'))).toBe(false);
    expect(filingRefusal('goods_release', hand, shop('any_signer'))).toContain(
      '不是铺位 B1-23 登记的物品放行签字人',
    );
    // Someone from another shop is not confirmed into this one.
    const other = { ...hand, shopCodes: ['A1023'] };
    expect(filingRefusal('goods_release', other, shop('signer_confirms'))).toContain('不是铺位 B1-23 的商户');
  });

  it('the signer’s step is theirs alone and cannot be passed up; then the senior assistant decides', () => {
    const a = buildApproval({
      requesterId: hand.id,
      steps: [
        { role: 'tenant', personIds: [TENANT.id], status: 'pending', reason: '' },
        { role: 'senior_assistant', status: 'waiting', reason: '' },
      ],
    });
    expect(approvalParties(a, SENIOR).has('approver')).toBe(false);
    expect(approvalParties(a, hand).has('approver')).toBe(false);
    expect(approvalParties(a, TENANT).has('approver')).toBe(true);
    expect(
      applyApprovalAction(a, { action: 'pass_up', actor: TENANT, input: { text: 'x' }, at }),
    ).toMatchObject({
      ok: false,
      verdict: { why: 'guard', guard: 'can_pass_up' },
    });
    const confirmed = ok(applyApprovalAction(a, { action: 'approve', actor: TENANT, input: {}, at }));
    expect(confirmed.next).toMatchObject({ status: 'pending', currentStep: 1 });
    expect(approvalParties(confirmed.next, TENANT).has('approver')).toBe(false);
    expect(
      ok(applyApprovalAction(confirmed.next, { action: 'approve', actor: SENIOR, input: {}, at })).next
        .status,
    ).toBe('approved');
  });
});
