import { describe, expect, it } from 'vitest';
import { actionKey } from '../../../cards/action-key.js';
import { readAnswer } from '../../../handlers/actions/read-answer.js';
import { HandlerContext } from '../../../handlers/context.js';
import { hintsFrom, matchTickets } from '../../../handlers/conversation/ticket-match.js';
import { ticketActionHandler } from '../../../handlers/ticket-action.handler.js';
import type { DeskOutcome, TicketDesk } from '../../../src/desk/ticket-desk.js';
import type { PersonView } from '../../../src/domain/people/people.types.js';
import { REPAIR_ACTION_SPECS } from '../../../src/domain/repair/repair.actions.js';
import { WAIT_ACTION_SPEC } from '../../../src/domain/shared/wait-action.js';
import { BusinessTime, dayjs } from '../../../src/lib/business-time.js';
import { ManualClock } from '../../../src/lib/clock.js';
import { MessageBatch } from '../../../src/outbound/message-batch.js';
import type { PeopleRepository } from '../../../src/persistence/repositories/people.repository.js';
import type { InboundEvent } from '../../../src/platforms/inbound-event.js';
import type { PendingInput, PendingInputStore } from '../../../src/state/pending-input.store.js';
import { buildComplaint, buildRepair, ENGINEER, ENGINEER2, T0, TENANT } from '../../factories/tickets.js';

const now = dayjs.tz('2026-11-30 10:00', 'Asia/Shanghai');
const ctxFor = (actor: PersonView, key: string) => {
  const time = new BusinessTime(new ManualClock(T0), 'Asia/Shanghai');
  const event: InboundEvent = {
    platform: 'wecom',
    dedupeKey: 'k',
    kind: 'action',
    userId: 'staff-ma',
    at: T0.toISOString(),
    conversation: { type: 'direct', id: 'staff-ma' },
    action: { cardId: 'rp-1', key, responseCode: 'rc1' },
  };
  const batch = new MessageBatch('in-1', {} as PeopleRepository, ['wecom']);
  return new HandlerContext(event, '0123456789abcdef01234567', actor, batch, time);
};
const texts = (ctx: HandlerContext) =>
  (ctx.batch as unknown as { items: { message: { type: string; text?: string } }[] }).items.flatMap((i) =>
    i.message.type === 'text' ? [i.message.text ?? ''] : [],
  );

/** A desk that answers what the test says, and records what it was asked. */
const fakeDesk = (answer: DeskOutcome) => {
  const calls: { kind: string; action: string; stage?: number }[] = [];
  const desk = {
    spec: (_k: string, a: string) => REPAIR_ACTION_SPECS[a as keyof typeof REPAIR_ACTION_SPECS],
    act: async (kind: string, req: { action: string; stage?: number }) => {
      calls.push({ kind, action: req.action, ...(req.stage !== undefined ? { stage: req.stage } : {}) });
      return answer;
    },
  } as unknown as TicketDesk;
  return { desk, calls };
};
const deps = (desk: TicketDesk, saved: PendingInput[] = [], names: Record<string, string> = {}) => ({
  desk,
  pending: {
    save: async (_p: string, _u: string, p: PendingInput) => void saved.push(p),
    clear: async () => {},
    get: async () => undefined,
  } as unknown as PendingInputStore,
  people: {
    get: async (id: string) => (names[id] ? { ...TENANT, id, name: names[id] } : null),
    staffWithRole: async () => [ENGINEER, ENGINEER2],
  },
  cards: { setResponseCode: async () => {} },
});

describe('the ticket action handler', () => {
  const r = buildRepair();
  const key = actionKey({ kind: 'repair', action: 'accept', id: r.id, stage: 0 });

  it('passes the card’s stage to the desk; a stage change speaks through the card, not a text', async () => {
    const after = { ...r, stage: 1 };
    const { desk, calls } = fakeDesk({
      kind: 'done',
      action: 'accept',
      before: r,
      after,
      actor: ENGINEER,
      input: {},
      at: T0,
    });
    const ctx = ctxFor(ENGINEER, key);
    await ticketActionHandler(deps(desk)).handle(ctx);
    expect(calls).toEqual([{ kind: 'repair', action: 'accept', stage: 0 }]);
    expect(texts(ctx)).toEqual([]);
  });

  it('answers a stale click with who handled it and when', async () => {
    const current = {
      ...r,
      stage: 1,
      history: [...r.history, { at: T0, actorId: ENGINEER2.id, action: 'accept', note: '' }],
    };
    const { desk } = fakeDesk({ kind: 'stale', current });
    const ctx = ctxFor(ENGINEER, key);
    await ticketActionHandler(deps(desk, [], { [ENGINEER2.id]: '钱工' })).handle(ctx);
    expect(texts(ctx)).toEqual(['WX20261130-001 已由钱工于 11月30日 10:00 处理（已接单），无需重复操作。']);
  });

  it('asks for the first missing input and keeps the question pending', async () => {
    const { desk } = fakeDesk({
      kind: 'missing_input',
      current: r,
      missing: REPAIR_ACTION_SPECS.quote.inputs,
    });
    const ctx = ctxFor(ENGINEER, actionKey({ kind: 'repair', action: 'quote', id: r.id, stage: 0 }));
    const saved: PendingInput[] = [];
    await ticketActionHandler(deps(desk, saved)).handle(ctx);
    expect(texts(ctx)[0]).toContain('请输入维修报价');
    for (const fn of ctx.afterFlush) await fn();
    expect(saved).toMatchObject([
      { kind: 'repair', id: r.id, action: 'quote', stage: 0, asking: ['amount'] },
    ]);
  });

  it('refuses a party that may not act, saying it was recorded', async () => {
    const { desk } = fakeDesk({ kind: 'refused', current: r, why: 'party' });
    const ctx = ctxFor(TENANT, key);
    await ticketActionHandler(deps(desk)).handle(ctx);
    expect(texts(ctx)).toEqual(['您无权进行此操作。本次操作已记录。']);
  });
});

describe('reading the words an action asked for', () => {
  const ctx = { now, staff: [ENGINEER, ENGINEER2], human: (d: Date) => d.toISOString() };
  it('money, percent, time and a staff name are checked; text is kept as written', () => {
    expect(readAnswer({ key: 'a', kind: 'money', question: '' }, '八百元', ctx)).toMatchObject({
      ok: true,
      value: '800',
    });
    expect(readAnswer({ key: 'a', kind: 'money', question: '' }, '不知道', ctx).ok).toBe(false);
    expect(
      readAnswer({ key: 'p', kind: 'percent', question: '', min: 20, max: 50 }, '三十%', ctx),
    ).toMatchObject({ value: '30' });
    expect(readAnswer({ key: 'p', kind: 'percent', question: '', min: 20, max: 50 }, '60%', ctx).ok).toBe(
      false,
    );
    expect(readAnswer({ key: 't', kind: 'datetime', question: '' }, '明天下午5点', ctx)).toMatchObject({
      ok: true,
      value: '2026-12-01T09:00:00.000Z',
    });
    expect(readAnswer({ key: 't', kind: 'datetime', question: '' }, '昨天下午5点', ctx).ok).toBe(false);
    expect(readAnswer({ key: 's', kind: 'staff', question: '' }, '钱工', ctx)).toMatchObject({
      ok: true,
      value: ENGINEER2.id,
    });
    expect(readAnswer({ key: 's', kind: 'staff', question: '' }, '张工', ctx)).toMatchObject({ ok: false });
    expect(readAnswer({ key: 'x', kind: 'text', question: '' }, '已提醒，音量调低了。', ctx)).toMatchObject({
      value: '已提醒，音量调低了。',
    });
    expect(readAnswer({ key: 'x', kind: 'text', question: '', optional: true }, '无', ctx)).toMatchObject({
      ok: true,
      value: '',
    });
  });
});

describe('the questions of 挂起 (waiting)', () => {
  const ctx = { now, staff: [], human: (d: Date) => d.toISOString() };
  const [on, , date] = WAIT_ACTION_SPEC.inputs;
  it('what it waits on by number or word; the resume date as a day (office opening) or a time', () => {
    if (!on || !date) throw new Error('the wait action asks three questions');
    expect(readAnswer(on, '2', ctx)).toMatchObject({ ok: true, value: 'parts', shown: '等配件' });
    expect(readAnswer(on, '等外协厂家来修', ctx)).toMatchObject({ value: 'contractor' });
    expect(readAnswer(on, '商户不开门', ctx)).toMatchObject({ value: 'tenant' });
    expect(readAnswer(on, '不知道', ctx).ok).toBe(false);
    expect(readAnswer(date, '明天', ctx)).toMatchObject({ ok: true, value: '2026-12-01T01:00:00.000Z' });
    expect(readAnswer(date, '12月3日', ctx)).toMatchObject({ value: '2026-12-03T01:00:00.000Z' });
    expect(readAnswer(date, '3天后', ctx)).toMatchObject({ value: '2026-12-03T01:00:00.000Z' });
    expect(readAnswer(date, '两天后下午3点', ctx)).toMatchObject({ value: '2026-12-02T07:00:00.000Z' });
    expect(readAnswer(date, '昨天', ctx).ok).toBe(false);
    expect(readAnswer(date, '过几天', ctx).ok).toBe(false);
  });
});

describe('which ticket a question means', () => {
  const leak = { kind: 'repair' as const, view: buildRepair({ id: 'a'.repeat(24), category: 'leak' }) };
  const aircon = { kind: 'repair' as const, view: buildRepair({ id: 'b'.repeat(24), category: 'aircon' }) };
  const noise = { kind: 'complaint' as const, view: buildComplaint({ id: 'c'.repeat(24) }) };
  const lastWeek = {
    kind: 'repair' as const,
    view: buildRepair({
      id: 'd'.repeat(24),
      category: 'lighting',
      createdAt: new Date('2026-11-25T02:00:00Z'),
    }),
  };
  const all = [leak, aircon, noise, lastWeek];
  it('narrows by kind, category and time, and says when it had to widen', () => {
    expect(matchTickets(all, hintsFrom('我报的漏水修好了吗', now))).toMatchObject({
      items: [leak],
      exact: true,
    });
    expect(matchTickets(all, hintsFrom('投诉有结果了吗', now))).toMatchObject({
      items: [noise],
      exact: true,
    });
    expect(matchTickets(all, hintsFrom('上周那个单呢', now))).toMatchObject({
      items: [lastWeek],
      exact: true,
    });
    expect(matchTickets(all, hintsFrom('我报的电梯修好了吗', now))).toMatchObject({ exact: false });
    expect(matchTickets(all, hintsFrom('我的报修怎么样了', now)).items).toHaveLength(3);
  });
});
