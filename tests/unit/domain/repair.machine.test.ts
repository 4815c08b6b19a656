import { describe, expect, it } from 'vitest';
import type { PersonView } from '../../../src/domain/people/people.types.js';
import { repairMachine, repairParties } from '../../../src/domain/repair/repair.machine.js';
import {
  applyRepairAction,
  depositFor,
  repairActionsFor,
} from '../../../src/domain/repair/repair.transition.js';
import type { RepairAction, RepairView } from '../../../src/domain/repair/repair.types.js';
import {
  ASSISTANT,
  buildRepair,
  CLERK,
  ENGINEER,
  ENGINEER2,
  SENIOR,
  T0,
  TENANT,
} from '../../factories/tickets.js';
import { expectExactly } from './machine-check.js';

/** The work-order lifecycle, written out by hand (5.1.5, 8, 9.3.3). */
const OPEN = ['reported', 'dispatched', 'accepted', 'quoted', 'in_progress', 'fixed', 'waiting'];
const LEGAL = [
  'reported accept engineer -> accepted',
  'dispatched accept owner -> accepted',
  ...['reported', 'dispatched', 'accepted'].flatMap((s) => [
    `${s} dispatch supervisor -> dispatched`,
    `${s} dispatch clerk -> dispatched`,
  ]),
  'accepted price_free owner -> =',
  'accepted quote owner -> quoted',
  'quoted accept_quote reporter -> accepted',
  'quoted decline_quote reporter -> cancelled',
  'accepted start owner -> in_progress',
  'in_progress fix owner -> fixed',
  ...['reporter', 'supervisor', 'clerk'].flatMap((p) => [
    `fixed verify ${p} -> closed`,
    `fixed reopen ${p} -> in_progress`,
  ]),
  ...['accepted', 'in_progress', 'fixed', 'waiting'].map((s) => `${s} damage owner -> =`),
  ...['fixed', 'closed'].flatMap((s) => [`${s} refund owner -> =`, `${s} refund engineer -> =`]),
  ...OPEN.flatMap((s) => [`${s} link supervisor -> =`, `${s} link clerk -> =`]),
  ...['accepted', 'in_progress', 'fixed'].map((s) => `${s} compensate owner -> =`),
  ...[...OPEN, 'closed'].flatMap((s) => [
    `${s} reassess supervisor -> =`,
    `${s} compensation_paid clerk -> =`,
    `${s} compensation_paid supervisor -> =`,
    `${s} deduct supervisor -> =`,
  ]),
  ...['dispatched', 'accepted', 'in_progress', 'waiting'].map((s) => `${s} release system -> reported`),
  // 挂起: the engineer on it puts an accepted or started order to wait; the engineer or a supervisor
  // resumes it (to where it was: the first row when every guard passes); the desk may raise urgency.
  'accepted wait owner -> waiting',
  'in_progress wait owner -> waiting',
  'waiting resume owner -> accepted',
  'waiting resume supervisor -> accepted',
  ...OPEN.flatMap((s) => [`${s} raise supervisor -> =`, `${s} raise clerk -> =`]),
  ...['reported', 'dispatched', 'accepted'].flatMap((s) => [
    `${s} cancel reporter -> cancelled`,
    `${s} cancel supervisor -> cancelled`,
  ]),
];

const at = new Date(T0.getTime() + 3600_000);
const act = (r: RepairView, action: RepairAction, actor: PersonView, input: Record<string, string> = {}) => {
  const x = applyRepairAction(r, { action, actor, input, at });
  if (!x.ok) throw new Error(`${action} refused: ${JSON.stringify(x.verdict)}`);
  return x.next;
};

describe('repair machine', () => {
  it('allows exactly the listed moves, for every state, action and party', () => {
    expect(expectExactly(repairMachine, LEGAL, buildRepair())).toBe(9 * 22 * 6);
  });

  it('guards: billing decided once, start only when settled, one damage record, refund only of a held deposit', () => {
    const g = repairMachine.guards;
    expect(g.billing_undecided(buildRepair({ billing: 'free' }))).toBe(false);
    expect(g.billing_settled(buildRepair({ billing: 'to_assess' }))).toBe(false);
    expect(g.billing_settled(buildRepair({ billing: 'paid', quoteStatus: 'pending' }))).toBe(false);
    expect(g.billing_settled(buildRepair({ billing: 'paid', quoteStatus: 'accepted' }))).toBe(true);
    expect(g.billing_settled(buildRepair({ billing: 'free' }))).toBe(true);
    expect(g.quote_possible(buildRepair({ billing: 'free' }))).toBe(false);
    expect(g.quote_possible(buildRepair({ billing: 'paid', quoteStatus: 'accepted' }))).toBe(false);
    expect(g.no_damage(buildRepair({ depositStatus: 'held' }))).toBe(false);
    expect(g.deposit_held(buildRepair({ depositStatus: 'held' }))).toBe(true);
    expect(g.linkable(buildRepair({ unit: 'B1-24', shopCode: '' }))).toBe(true);
    expect(g.linkable(buildRepair({ unit: '', shopCode: '' }))).toBe(false);
  });

  it('parties: any engineer may take a new order; only the assigned one works it; senior assistants supervise', () => {
    const mine = buildRepair({ assigneeId: ENGINEER.id, status: 'accepted' });
    expect([...repairParties(mine, ENGINEER)].sort()).toEqual(['engineer', 'owner']);
    expect([...repairParties(mine, ENGINEER2)]).toEqual(['engineer']);
    expect([...repairParties(mine, SENIOR)]).toEqual(['supervisor']);
    expect([...repairParties(mine, CLERK)]).toEqual(['clerk']);
    expect([...repairParties(mine, ASSISTANT)]).toEqual([]);
    expect([...repairParties(mine, TENANT)]).toEqual(['reporter']);
  });
});

describe('repair transitions', () => {
  it('a paid repair: quoted, accepted by the tenant, started, fixed, reopened, fixed, verified', () => {
    let r = act(buildRepair(), 'accept', ENGINEER);
    expect(r).toMatchObject({ status: 'accepted', assigneeId: ENGINEER.id, acceptedAt: at, stage: 1 });
    expect(applyRepairAction(r, { action: 'start', actor: ENGINEER, input: {}, at })).toMatchObject({
      ok: false,
      verdict: { guard: 'billing_settled' },
    });
    r = act(r, 'quote', ENGINEER, { amount: '800' });
    expect(r).toMatchObject({ status: 'quoted', billing: 'paid', quoteAmount: 800, quoteStatus: 'pending' });
    r = act(r, 'accept_quote', TENANT);
    expect(r).toMatchObject({ status: 'accepted', quoteStatus: 'accepted' });
    r = act(r, 'start', ENGINEER);
    expect(r.repairStartedAt).toEqual(at);
    r = act(r, 'fix', ENGINEER);
    r = act(r, 'reopen', TENANT, { text: '还在漏' });
    expect(r).toMatchObject({ status: 'in_progress', reopenCount: 1 });
    r = act(r, 'fix', ENGINEER);
    r = act(r, 'verify', TENANT);
    expect(r).toMatchObject({ status: 'closed', closedAt: at });
    expect(r.history.map((h) => h.action)).toEqual([
      'filed',
      'accept',
      'quote',
      'accept_quote',
      'start',
      'fix',
      'reopen',
      'fix',
      'verify',
    ]);
  });

  it('two engineers pressing 接单: the second sees a state that no longer offers it', () => {
    const r = act(buildRepair(), 'accept', ENGINEER);
    expect(applyRepairAction(r, { action: 'accept', actor: ENGINEER2, input: {}, at })).toMatchObject({
      ok: false,
      verdict: { why: 'state' },
    });
  });

  it('damage: the deposit is 20-50% of the estimate, held, then refunded', () => {
    expect(depositFor(2000, 30)).toBe(600);
    expect(depositFor(999, 50)).toBe(500);
    let r = act(
      buildRepair({ status: 'in_progress', assigneeId: ENGINEER.id, billing: 'free' }),
      'damage',
      ENGINEER,
      {
        estimate: '2000',
        percent: '30',
      },
    );
    expect(r).toMatchObject({ damageEstimate: 2000, depositAmount: 600, depositStatus: 'held' });
    r = act(r, 'fix', ENGINEER);
    r = act(r, 'refund', ENGINEER2);
    expect(r.depositStatus).toBe('refunded');
  });

  it('dispatch names the engineer; only that engineer can accept it', () => {
    const r = act(buildRepair(), 'dispatch', SENIOR, { engineer: ENGINEER2.id });
    expect(r).toMatchObject({ status: 'dispatched', assigneeId: ENGINEER2.id });
    expect(applyRepairAction(r, { action: 'accept', actor: ENGINEER, input: {}, at }).ok).toBe(false);
    expect(act(r, 'accept', ENGINEER2).status).toBe('accepted');
  });
});

describe('damage paid for (9.3.3 B, C)', () => {
  const damaged = () =>
    buildRepair({ status: 'in_progress', assigneeId: ENGINEER.id, billing: 'free', shopCode: 'B1-23' });

  it('compensation: assessed by the engineer, re-assessed by a senior assistant, paid at the front desk', () => {
    let r = act(damaged(), 'compensate', ENGINEER, { amount: '1200' });
    expect(r).toMatchObject({ compensationAmount: 1200, compensationStatus: 'due', damageEstimate: 1200 });
    expect(r.stage).toBe(1);
    // One damage record: no deposit on top of compensation, and no second assessment by button.
    expect(applyRepairAction(r, { action: 'damage', actor: ENGINEER, input: {}, at })).toMatchObject({
      ok: false,
      verdict: { guard: 'no_damage' },
    });
    r = act(r, 'reassess', SENIOR, { amount: '900' });
    expect(r).toMatchObject({ compensationAmount: 900, compensationStatus: 'due', stage: 2 });
    expect(r.history.at(-1)?.note).toBe('赔偿金由 1200 元改为 900 元');
    r = act(r, 'compensation_paid', CLERK);
    expect(r).toMatchObject({ compensationStatus: 'paid', stage: 3 });
    expect(applyRepairAction(r, { action: 'compensation_paid', actor: CLERK, input: {}, at })).toMatchObject({
      ok: false,
      verdict: { guard: 'compensation_due' },
    });
    expect(applyRepairAction(r, { action: 'deduct', actor: SENIOR, input: {}, at })).toMatchObject({
      ok: false,
      verdict: { guard: 'deductible' },
    });
  });

  it('deduction from the shop’s security deposit when the shop pays neither; never without a shop or over a deposit', () => {
    const due = act(damaged(), 'compensate', ENGINEER, { amount: '1200' });
    const r = act(due, 'deduct', SENIOR, { amount: '1200' });
    expect(r).toMatchObject({ compensationStatus: 'deducted', compensationAmount: 1200 });
    expect(r.history.at(-1)?.note).toBe('从 B1-23 保证金扣除 1200 元');
    const g = repairMachine.guards;
    const owed = { compensationStatus: 'due', compensationAmount: 80 } as const;
    expect(g.deductible(buildRepair({ ...owed, shopCode: '', unit: '' }))).toBe(false);
    const onUnit = buildRepair({ ...owed, status: 'accepted', shopCode: '', unit: 'B1-24' });
    expect(act(onUnit, 'deduct', SENIOR, { amount: '80' }).shopCode).toBe('B1-24');
    // Only once compensation is assessed and unpaid: never on an ordinary work order or a deposit.
    expect(g.deductible(buildRepair({ shopCode: 'B1-23' }))).toBe(false);
    expect(g.deductible(buildRepair({ shopCode: 'B1-23', depositStatus: 'held' }))).toBe(false);
    expect(g.deductible(buildRepair({ ...owed, shopCode: 'B1-23' }))).toBe(true);
    // Only a senior assistant or above deducts; the front desk only records money paid.
    expect(applyRepairAction(due, { action: 'deduct', actor: CLERK, input: {}, at })).toMatchObject({
      ok: false,
      verdict: { why: 'party' },
    });
  });
});

describe('waiting (挂起) on a work order', () => {
  const H = 3600_000;
  const t = (h: number) => new Date(T0.getTime() + h * H);
  const step = (r: RepairView, action: RepairAction, actor: PersonView, h: number, input = {}) => {
    const x = applyRepairAction(r, { action, actor, input, at: t(h) });
    if (!x.ok) throw new Error(`${action} refused: ${JSON.stringify(x.verdict)}`);
    return x.next;
  };
  const started = buildRepair({ status: 'in_progress', assigneeId: ENGINEER.id, billing: 'free' });
  const waitInput = { on: 'parts', text: '压缩机缺货', resumeBy: t(48).toISOString() };

  it('waits on parts with a reason and a date, and resumes to where it was with the time waited kept', () => {
    let r = step(started, 'wait', ENGINEER, 1, waitInput);
    expect(r).toMatchObject({
      status: 'waiting',
      stage: started.stage + 1,
      wait: { on: 'parts', reason: '压缩机缺货', since: t(1), resumeBy: t(48), from: 'in_progress' },
    });
    expect(applyRepairAction(r, { action: 'wait', actor: ENGINEER, input: waitInput, at: t(2) }).ok).toBe(
      false,
    );
    r = step(r, 'resume', ENGINEER, 25);
    expect(r).toMatchObject({ status: 'in_progress', wait: undefined, pausedMs: 24 * H });
    expect(r.history.slice(-2).map((h) => [h.action, h.note])).toEqual([
      ['wait', '压缩机缺货'],
      ['resume', ''],
    ]);
  });

  it('only the engineer on it may wait; a supervisor may resume; a tenant may do neither', () => {
    expect(applyRepairAction(started, { action: 'wait', actor: ENGINEER2, input: waitInput, at }).ok).toBe(
      false,
    );
    expect(applyRepairAction(started, { action: 'wait', actor: SENIOR, input: waitInput, at }).ok).toBe(
      false,
    );
    const r = step(started, 'wait', ENGINEER, 1, waitInput);
    expect(applyRepairAction(r, { action: 'resume', actor: TENANT, input: {}, at }).ok).toBe(false);
    expect(step(r, 'resume', SENIOR, 3).status).toBe('in_progress');
  });

  it('acting on it again resumes it: 已修好 on a waiting order ends the wait and is fixed', () => {
    const r = step(step(started, 'wait', ENGINEER, 1, waitInput), 'fix', ENGINEER, 5);
    expect(r).toMatchObject({ status: 'fixed', wait: undefined, pausedMs: 4 * H });
    expect(r.history.at(-1)).toMatchObject({ action: 'fix', note: '（恢复处理）' });
  });

  it('a note (人为损坏) or a raised urgency does not end the wait; an action its old state refuses stays refused', () => {
    let r = step(started, 'wait', ENGINEER, 1, waitInput);
    r = step(r, 'raise', SENIOR, 2);
    expect(r).toMatchObject({ status: 'waiting', urgency: 'urgent' });
    expect(applyRepairAction(r, { action: 'start', actor: ENGINEER, input: {}, at: t(3) })).toMatchObject({
      ok: false,
      verdict: { why: 'state' },
    });
  });

  it('a waiting order from accepted offers 恢复处理 and the accepted actions on the engineer’s card', () => {
    const accepted = buildRepair({ status: 'accepted', assigneeId: ENGINEER.id, billing: 'free' });
    const r = step(accepted, 'wait', ENGINEER, 1, { ...waitInput, on: 'tenant' });
    expect(repairActionsFor(r, new Set(['owner']))).toEqual(['start', 'damage', 'compensate', 'resume']);
    expect(step(r, 'start', ENGINEER, 4)).toMatchObject({ status: 'in_progress', pausedMs: 3 * H });
  });
});
