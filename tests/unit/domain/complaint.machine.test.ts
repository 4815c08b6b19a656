import { describe, expect, it } from 'vitest';
import { complaintMachine, complaintParties } from '../../../src/domain/complaint/complaint.machine.js';
import { applyComplaintAction } from '../../../src/domain/complaint/complaint.transition.js';
import { decide } from '../../../src/domain/shared/machine.js';
import {
  ASSISTANT,
  buildComplaint,
  CLERK,
  DEPUTY,
  ENGINEER,
  GUARD,
  LEADER,
  MANAGER,
  SENIOR,
  T0,
  TENANT,
} from '../../factories/tickets.js';
import { expectExactly } from './machine-check.js';

/** The complaint lifecycle, written out by hand from rulebook 11 (not derived from the table). */
const LEGAL = [
  'open take assignee -> handling',
  'open take supervisor -> handling',
  ...['open', 'handling', 'replied', 'waiting'].flatMap((s) =>
    ['owner', 'assignee', 'supervisor', 'clerk'].map((p) => `${s} ask ${p} -> =`),
  ),
  ...['handling', 'replied'].flatMap((s) => [
    `${s} progress owner -> =`,
    `${s} progress supervisor -> =`,
    `${s} reply owner -> replied`,
    `${s} reply supervisor -> replied`,
    `${s} reply clerk -> replied`,
    `${s} record owner -> =`,
    `${s} record supervisor -> =`,
    `${s} close owner -> closed`,
    `${s} close supervisor -> closed`,
  ]),
  ...['open', 'handling', 'replied', 'waiting'].flatMap((s) =>
    ['owner', 'assignee', 'supervisor'].map((p) => `${s} escalate ${p} -> open`),
  ),
  // 挂起: the handler puts a taken complaint to wait; notes and records go on while it waits; the
  // handler or a supervisor resumes it (to where it was: the first row when every guard passes).
  'handling wait owner -> waiting',
  'replied wait owner -> waiting',
  'waiting progress owner -> =',
  'waiting progress supervisor -> =',
  'waiting record owner -> =',
  'waiting record supervisor -> =',
  'waiting resume owner -> handling',
  'waiting resume supervisor -> handling',
  'waiting release system -> open',
  'closed rate reporter -> =',
  'closed comment reporter -> =',
  'closed callback visitor -> =',
  'handling release system -> open',
  'replied release system -> open',
];

const at = new Date(T0.getTime() + 3600_000);

describe('complaint machine', () => {
  it('allows exactly the listed moves, for every state, action and party', () => {
    const n = expectExactly(complaintMachine, LEGAL, buildComplaint());
    expect(n).toBe(5 * 13 * 7);
  });

  it('guards: close needs a reply and a record; escalation needs a rung above; a written complaint is answered by the clerk and not rated', () => {
    const g = complaintMachine.guards;
    expect(g.ready_to_close(buildComplaint({ checkpoints: { replied: at } }))).toBe(false);
    expect(g.ready_to_close(buildComplaint({ checkpoints: { replied: at, recorded: at } }))).toBe(true);
    expect(g.has_rung_above(buildComplaint({ ownerRole: 'manager' }))).toBe(true);
    expect(g.has_rung_above(buildComplaint({ ownerRole: 'leader' }))).toBe(false);
    expect(g.has_rung_above(buildComplaint({ ownerRole: 'engineering' }))).toBe(true);
    expect(g.is_written(buildComplaint({ kind: 'written' }))).toBe(true);
    expect(g.can_rate(buildComplaint({ kind: 'written' }))).toBe(false);
    expect(g.can_rate(buildComplaint({ rating: 4 }))).toBe(false);
    expect(g.can_comment(buildComplaint({ rating: 4 }))).toBe(true);
    expect(g.can_comment(buildComplaint({ rating: 4, ratingComment: '好' }))).toBe(false);
    expect(g.needs_callback(buildComplaint({ status: 'closed' }))).toBe(true);
    expect(g.needs_callback(buildComplaint({ status: 'closed', callbackDoneAt: at }))).toBe(false);
  });

  it('works out parties: the function and routed roles take; senior assistants and above supervise at or over the rung', () => {
    const fees = buildComplaint({ ownerRole: 'cs_clerk', routedRoles: ['assistant'] });
    expect([...complaintParties(fees, CLERK)].sort()).toEqual(['assignee', 'clerk']);
    expect([...complaintParties(fees, ASSISTANT)]).toEqual(['assignee', 'visitor']);
    expect([...complaintParties(fees, SENIOR)]).toEqual(['supervisor', 'visitor']);
    expect([...complaintParties(fees, TENANT)]).toEqual(['reporter']);
    expect([...complaintParties(fees, ENGINEER)]).toEqual([]);
    const atManager = buildComplaint({ ownerRole: 'manager', routedRoles: ['manager'] });
    expect(complaintParties(atManager, SENIOR).has('supervisor')).toBe(false);
    expect(complaintParties(atManager, DEPUTY).has('supervisor')).toBe(false);
    expect(complaintParties(atManager, LEADER).has('supervisor')).toBe(true);
    expect(complaintParties(buildComplaint({ ownerId: GUARD.id }), GUARD).has('owner')).toBe(true);
    expect(complaintParties(buildComplaint(), { ...TENANT, active: false }).size).toBe(0);
  });

  it('a tenant pressing a staff button is refused by party, a stale click by state', () => {
    const c = buildComplaint();
    expect(decide(complaintMachine, c.status, 'take', complaintParties(c, TENANT), c)).toMatchObject({
      ok: false,
      why: 'party',
    });
    const taken = buildComplaint({ status: 'handling', ownerId: ASSISTANT.id });
    expect(
      decide(complaintMachine, taken.status, 'take', complaintParties(taken, SENIOR), taken),
    ).toMatchObject({
      ok: false,
      why: 'state',
    });
  });
});

describe('complaint transitions', () => {
  const act = (
    c: ReturnType<typeof buildComplaint>,
    action: Parameters<typeof applyComplaintAction>[1]['action'],
    actor: typeof TENANT,
    input: Record<string, string> = {},
  ) => applyComplaintAction(c, { action, actor, input, at });

  it('take: the actor owns it, the stage moves, and the to-do key follows', () => {
    const r = act(buildComplaint(), 'take', ASSISTANT);
    if (!r.ok) throw new Error('refused');
    expect(r.next).toMatchObject({ status: 'handling', ownerId: ASSISTANT.id, stage: 1, version: 1 });
    expect(r.entry).toMatchObject({ action: 'take', actorId: ASSISTANT.id });
  });

  it('checkpoints are set by real actions, once, and a reply clears the promise', () => {
    let c = buildComplaint({ status: 'handling', ownerId: ASSISTANT.id, stage: 1 });
    for (const [action, input] of [
      ['ask', { text: '商户说晚上10点后最吵' }],
      ['progress', { text: '已提醒隔壁店主' }],
      ['reply', { text: '已要求隔壁降低音量' }],
      ['record', { text: '现场提醒，音量已调低' }],
    ] as const) {
      const r = act(c, action, ASSISTANT, input);
      if (!r.ok) throw new Error(`${action} refused`);
      c = r.next;
    }
    expect(Object.keys(c.checkpoints).sort()).toEqual(['asked', 'followed', 'heard', 'recorded', 'replied']);
    expect(c).toMatchObject({
      status: 'replied',
      lastReply: '已要求隔壁降低音量',
      record: '现场提醒，音量已调低',
    });
    expect(c.replyDueAt).toBeUndefined();
    expect(c.firstRepliedAt).toEqual(at);
    // Recording after the reply makes 办结 possible: the owner's card is re-issued (stage moves).
    expect(c.stage).toBeGreaterThan(2);
    const closed = act(c, 'close', ASSISTANT);
    expect(closed.ok && closed.next.status).toBe('closed');
  });

  it('close is refused until replied and recorded, naming the guard', () => {
    const r = act(buildComplaint({ status: 'handling', ownerId: ASSISTANT.id }), 'close', ASSISTANT);
    expect(r).toMatchObject({ ok: false, verdict: { why: 'guard', guard: 'ready_to_close' } });
  });

  it('escalate moves one rung up, hands it to that rung, and records the promise; the top cannot escalate', () => {
    const promise = new Date(at.getTime() + 6 * 3600_000).toISOString();
    const r = act(
      buildComplaint({
        kind: 'major',
        ownerRole: 'senior_assistant',
        status: 'handling',
        ownerId: SENIOR.id,
      }),
      'escalate',
      SENIOR,
      {
        text: '涉及赔偿',
        promise,
      },
    );
    if (!r.ok) throw new Error('refused');
    expect(r.next).toMatchObject({
      status: 'open',
      ownerRole: 'deputy_manager',
      routedRoles: ['deputy_manager'],
      ownerId: undefined,
      escalationLevel: 1,
    });
    expect(r.next.replyDueAt?.toISOString()).toBe(promise);
    const top = act(
      buildComplaint({ ownerRole: 'leader', status: 'handling', ownerId: LEADER.id }),
      'escalate',
      LEADER,
      { text: 'x', promise },
    );
    expect(top).toMatchObject({ ok: false, verdict: { guard: 'has_rung_above' } });
    const fromFunction = act(
      buildComplaint({ ownerRole: 'security', status: 'handling', ownerId: GUARD.id }),
      'escalate',
      GUARD,
      { text: 'x', promise },
    );
    expect(fromFunction.ok && fromFunction.next.ownerRole).toBe('senior_assistant');
  });

  it('closing a major complaint reports it; rating and comment are the reporter’s', () => {
    const ready = buildComplaint({
      kind: 'major',
      ownerRole: 'senior_assistant',
      status: 'replied',
      ownerId: SENIOR.id,
      checkpoints: { heard: T0, replied: at, recorded: at },
    });
    const closed = act(ready, 'close', SENIOR);
    if (!closed.ok) throw new Error('refused');
    expect(closed.next.checkpoints.reported).toEqual(at);
    expect(act(closed.next, 'rate', MANAGER, { score: '5' }).ok).toBe(false);
    const rated = act(closed.next, 'rate', TENANT, { score: '4' });
    expect(rated.ok && rated.next.rating).toBe(4);
    // The callback visit (回访): assistants and above, once, with a note; the stage stays (the
    // tenant's rating card is not made stale by it).
    expect(act(closed.next, 'callback', TENANT, { text: 'x' })).toMatchObject({
      ok: false,
      verdict: { why: 'party' },
    });
    expect(act(closed.next, 'callback', ENGINEER, { text: 'x' })).toMatchObject({
      ok: false,
      verdict: { why: 'party' },
    });
    const visited = act(closed.next, 'callback', ASSISTANT, { text: '商户满意' });
    if (!visited.ok) throw new Error('refused');
    expect(visited.next).toMatchObject({
      callbackById: ASSISTANT.id,
      callbackNote: '商户满意',
      stage: closed.next.stage,
    });
    expect(visited.next.callbackDoneAt).toEqual(at);
    expect(act(visited.next, 'callback', DEPUTY, { text: 'again' })).toMatchObject({
      ok: false,
      verdict: { why: 'guard', guard: 'needs_callback' },
    });
    if (!rated.ok) return;
    const skipped = act(rated.next, 'comment', TENANT, { text: '无' });
    expect(skipped.ok && skipped.next.ratingComment).toBe('（无）');
  });
});

describe('waiting (挂起) on a complaint', () => {
  const H = 3600_000;
  const t = (h: number) => new Date(T0.getTime() + h * H);
  const handling = buildComplaint({ status: 'handling', ownerId: ASSISTANT.id, ownerRole: 'assistant' });
  const input = { on: 'contractor', text: '等外协清洁公司处理', resumeBy: t(24).toISOString() };

  it('the handler puts it to wait; a progress note keeps it waiting; 回复商户 resumes it and keeps the time waited', () => {
    const w = applyComplaintAction(handling, { action: 'wait', actor: ASSISTANT, input, at: t(1) });
    if (!w.ok) throw new Error('wait refused');
    expect(w.next).toMatchObject({ status: 'waiting', wait: { on: 'contractor', from: 'handling' } });
    const note = applyComplaintAction(w.next, {
      action: 'progress',
      actor: ASSISTANT,
      input: { text: '已催外协' },
      at: t(2),
    });
    expect(note.ok && note.next.status).toBe('waiting');
    const reply = applyComplaintAction(w.next, {
      action: 'reply',
      actor: ASSISTANT,
      input: { text: '已安排外协明早处理' },
      at: t(5),
    });
    if (!reply.ok) throw new Error('reply refused');
    expect(reply.next).toMatchObject({ status: 'replied', wait: undefined, pausedMs: 4 * H });
    expect(reply.next.history.at(-1)?.note).toBe('已安排外协明早处理（恢复处理）');
  });

  it('only its handler may put it to wait; the tenant cannot resume it; a supervisor can', () => {
    expect(applyComplaintAction(handling, { action: 'wait', actor: SENIOR, input, at }).ok).toBe(false);
    const w = applyComplaintAction(handling, { action: 'wait', actor: ASSISTANT, input, at });
    if (!w.ok) throw new Error('wait refused');
    expect(applyComplaintAction(w.next, { action: 'resume', actor: TENANT, input: {}, at }).ok).toBe(false);
    const r = applyComplaintAction(w.next, { action: 'resume', actor: SENIOR, input: {}, at: t(3) });
    expect(r.ok && r.next.status).toBe('handling');
  });
});
