import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { WeComEmulator } from '../../emulators/wecom/wecom-emulator.js';
import type { ComplaintView } from '../../src/domain/complaint/complaint.types.js';
import type { PersonView, Role, Shift } from '../../src/domain/people/people.types.js';
import type { RepairUrgency, RepairView } from '../../src/domain/repair/repair.types.js';
import { MessageBatch } from '../../src/outbound/message-batch.js';
import { addStaff, addTenant } from '../helpers/fixtures.js';
import { deleteKeys, startTestBot, type TestBot } from '../helpers/test-bot.js';
import { moveClock, settle } from '../helpers/timers.js';

const every = (...shifts: Shift[]) =>
  [0, 1, 2, 3, 4, 5, 6].flatMap((weekday) => shifts.map((shift) => ({ weekday, shift })));

const SENIOR = 'dt-senior';
const ASSISTANT = 'dt-assistant';
const DEPUTY = 'dt-deputy';
const MANAGER = 'dt-manager';
const LEADER = 'dt-leader';
const ENGINEER = 'dt-engineer';
const TENANT = 'dt-tenant';
const users = [SENIOR, ASSISTANT, DEPUTY, MANAGER, LEADER, ENGINEER, TENANT];

/**
 * Complaint and repair deadlines against real FerretDB and Redis, the clock moved through days and
 * weeks with the dev clock: each rung fires once, at its business time, for whom the ladder says.
 */
describe('complaint and repair deadlines, through holidays, make-up days and shifts', () => {
  let bot: TestBot;
  let emu: WeComEmulator;
  let tenant: PersonView;
  let n = 0;

  beforeAll(async () => {
    // Weeks pass in seconds of real time: the per-member send limit (real time) would hold the
    // senior assistant's pings and duty summaries for minutes; it has its own tests.
    bot = await startTestBot({
      wecom: { users, memberLimitPerMinute: 1000 },
      overrides: { wecomMemberLimit: { limit: 1000, windowMs: 60_000 } },
      env: { DEV_CLOCK: '1' },
    });
    emu = bot.wecom as WeComEmulator;
    const deps = bot.running.deps;
    const staff = async (name: string, userId: string, roles: Role[], duty: ReturnType<typeof every>) => {
      const p = await addStaff(deps, {
        name,
        roles,
        employeeNo: userId,
        accounts: [{ platform: 'wecom', userId }],
      });
      await deps.db.models.Person.updateOne({ _id: p.id }, { $set: { duty } });
    };
    await staff('陈高助', SENIOR, ['senior_assistant'], every('early', 'middle', 'night'));
    await staff('刘助理', ASSISTANT, ['assistant'], every('early'));
    await staff('吴副经理', DEPUTY, ['deputy_manager'], []);
    await staff('郑经理', MANAGER, ['manager'], []);
    await staff('孙总', LEADER, ['leader'], []);
    await staff('马工', ENGINEER, ['engineering'], every('early'));
    tenant = await addTenant(deps, {
      name: '王老板',
      shopCode: 'B1-23',
      accounts: [{ platform: 'wecom', userId: TENANT }],
    });
  });
  afterAll(async () => {
    await bot?.close();
  });

  /**
   * Moves the clock half a minute past `to` and lets what fell due go out: tickets are filed a few
   * milliseconds after a move, so a rung due at 11:00 is due at 11:00:00.0xx (one sweep a minute).
   */
  const at = async (to: string) => {
    await moveClock(bot, { to: new Date(new Date(to).getTime() + 30_000).toISOString() });
    await settle(bot);
  };
  const fileAt = async (to: string) => {
    await moveClock(bot, { to });
    await settle(bot);
    await moveClock(bot, { to });
  };

  const complaint = async (when: string, text: string): Promise<ComplaintView> => {
    await fileAt(when);
    const deps = bot.running.deps;
    n++;
    const batch = new MessageBatch(`dt-c-${n}`, deps.repos.people, ['wecom']);
    const { complaint: c } = await deps.services.complaints.file({
      reporter: tenant,
      channel: { platform: 'wecom', userId: TENANT, conversationId: '' },
      text,
      shopCode: 'B1-23',
      unit: 'B1-23',
      place: '',
      floor: 'B1',
      urgency: 'normal',
      sourceKey: `dt-c-${n}`,
    });
    await deps.services.notifier.complaintFiled(c, batch);
    await batch.flush(deps.outbound);
    await settle(bot);
    return c;
  };

  const repair = async (when: string, text: string, urgency: RepairUrgency): Promise<RepairView> => {
    await fileAt(when);
    const deps = bot.running.deps;
    n++;
    const batch = new MessageBatch(`dt-r-${n}`, deps.repos.people, ['wecom']);
    const { repair: r } = await deps.services.repairs.file({
      reporter: tenant,
      channel: { platform: 'wecom', userId: TENANT, conversationId: '' },
      text,
      shopCode: '',
      unit: '',
      place: 'B1中庭',
      floor: 'B1',
      urgency,
      sourceKey: `dt-r-${n}`,
    });
    await deps.services.notifier.repairFiled(r, batch);
    await batch.flush(deps.outbound);
    await settle(bot);
    return r;
  };

  /** The deadline pings a user got about one ticket. */
  const pings = (user: string, number: string) =>
    emu.texts(user).filter((t) => t.includes(number) && /^【(投诉|回复|接单|维修)/.test(t));
  const heads = (user: string, number: string) =>
    pings(user, number).map((t) => t.slice(0, t.indexOf('】') + 1));
  const takeHeads = (user: string, number: string) =>
    heads(user, number).filter((h) => h.startsWith('【投诉'));
  /** Cards a user holds about a ticket, with the ticket actions they offer. */
  const cardsOf = (user: string, id: string) => emu.cards(user).filter((c) => c.taskId.includes(id));
  const fired = async (model: 'Complaint' | 'Repair', id: string, action: string) => {
    const models = bot.running.deps.db.models;
    const row =
      model === 'Complaint'
        ? await models.Complaint.findById(id).lean()
        : await models.Repair.findById(id).lean();
    // To the minute: a ticket's deadlines count from the moment it was filed.
    return (row?.history ?? [])
      .filter((h) => h.action === action)
      .map((h) => h.at.toISOString().slice(0, 16));
  };

  it('a major complaint not taken: the manager after 30 minutes, leadership after 2 hours at night; the promise reminds, then escalates', async () => {
    // Wednesday 17:00, the eve of National Day.
    const c = await complaint('2026-09-30T17:00:00+08:00', '隔壁店一直放音乐，已经第二次了，我要投诉到12345');
    expect(c.kind).toBe('major');
    await at('2026-09-30T17:29:00+08:00');
    expect(pings(MANAGER, c.number)).toEqual([]);
    await at('2026-09-30T17:30:00+08:00');
    const toManager = pings(MANAGER, c.number);
    expect(toManager).toHaveLength(1);
    expect(toManager[0]).toMatch(/^【投诉超时未受理】重大投诉 TS\d{8}-\d{3}（噪音 · B1-23）/);
    expect(toManager[0]).toContain('王老板');
    expect(toManager[0]).toMatch(/已等待3[01]分钟/);
    expect(toManager[0]).toContain('30分钟未受理，报营运部经理');
    // The ping carries the card with the buttons the manager may press (a supervisor may take it).
    const card = cardsOf(MANAGER, c.id).at(-1);
    expect(card?.keys.some((k) => k.includes(':take:'))).toBe(true);
    // 18:00: one hour before the promised reply (19:00), the owner's rung on duty is reminded.
    await at('2026-09-30T18:00:00+08:00');
    expect(heads(SENIOR, c.number)).toEqual(['【回复提醒】']);
    expect(pings(SENIOR, c.number)[0]).toContain('还有1小时');
    // 19:00, off office hours: leadership is told at once (safety-grade rung); the missed promise
    // goes to the owner and the rung above at once too, since the owner's rung is on shift.
    await at('2026-09-30T19:00:00+08:00');
    expect(heads(LEADER, c.number)).toEqual(['【投诉超时未受理】']);
    expect(heads(SENIOR, c.number)).toEqual(['【回复提醒】', '【回复超时】']);
    expect(heads(DEPUTY, c.number)).toEqual(['【回复超时】']);
    // A day after the missed promise is National Day: the manager's rung waits for 10-08 09:00.
    await at('2026-10-01T19:00:00+08:00');
    await at('2026-10-08T08:59:00+08:00');
    expect(heads(MANAGER, c.number)).toEqual(['【投诉超时未受理】']);
    await at('2026-10-08T09:00:00+08:00');
    expect(heads(MANAGER, c.number)).toEqual(['【投诉超时未受理】', '【回复超时】']);
    // Weeks later nothing more, and every rung fired once.
    await at('2026-10-29T09:00:00+08:00');
    expect([SENIOR, DEPUTY, MANAGER, LEADER].map((u) => pings(u, c.number).length)).toEqual([2, 1, 2, 1]);
    expect(await fired('Complaint', c.id, 'deadline.complaint-take')).toEqual([
      '2026-09-30T09:30',
      '2026-09-30T11:00',
    ]);
    expect(await fired('Complaint', c.id, 'deadline.complaint-reply')).toEqual([
      '2026-09-30T10:00',
      '2026-09-30T11:00',
      '2026-10-08T01:00',
    ]);
  });

  it('a general complaint counts business hours: a make-up Saturday counts, a plain weekend does not', async () => {
    // Friday 10-09 17:00; Saturday 10-10 is a make-up working day (调休).
    const c = await complaint('2026-10-09T17:00:00+08:00', '隔壁店门口堆满了纸箱');
    expect(c.kind).toBe('general');
    await at('2026-10-10T09:59:00+08:00');
    expect(takeHeads(ASSISTANT, c.number)).toEqual([]);
    await at('2026-10-10T10:00:00+08:00');
    expect(takeHeads(ASSISTANT, c.number)).toEqual(['【投诉待受理】']);
    await at('2026-10-10T12:00:00+08:00');
    expect(takeHeads(SENIOR, c.number)).toEqual(['【投诉超时未受理】']);

    // Friday 10-16 17:00: the weekend is off, so the first rung is Monday 10:00.
    const d = await complaint('2026-10-16T17:00:00+08:00', '隔壁店门口又堆满了纸箱');
    await at('2026-10-17T10:00:00+08:00');
    await at('2026-10-19T09:59:00+08:00');
    expect(takeHeads(ASSISTANT, d.number)).toEqual([]);
    await at('2026-10-19T10:00:00+08:00');
    expect(takeHeads(ASSISTANT, d.number)).toEqual(['【投诉待受理】']);
    // Taken from the reminder's card: the take-up ladder stops (nothing to the rung above at 12:00).
    const card = cardsOf(ASSISTANT, d.id).at(-1);
    const key = card?.keys.find((k) => k.includes(':take:')) ?? '';
    expect(key).not.toBe('');
    await emu.click(ASSISTANT, card?.taskId ?? '', key);
    await settle(bot);
    expect((await bot.running.deps.repos.complaints.get(d.id))?.status).toBe('handling');
    await at('2026-10-19T12:00:00+08:00');
    expect(takeHeads(SENIOR, d.number)).toEqual([]);
    // The step that fell due found it taken and removed the ladder.
    const row = await bot.running.deps.db.models.Complaint.findById(d.id).lean();
    expect(row?.takeRemindAt).toBeUndefined();
    expect(await fired('Complaint', d.id, 'deadline.complaint-take')).toEqual(['2026-10-19T02:00']);
  });

  it('a repair: the acknowledgement target goes to engineering, the resolution target to engineering then the deputy', async () => {
    // Monday 2026-11-02 10:00, a normal repair in a public area: 1 business hour to accept.
    const r = await repair('2026-11-02T10:00:00+08:00', 'B1中庭的灯坏了', 'normal');
    await at('2026-11-02T10:59:00+08:00');
    expect(pings(ENGINEER, r.number)).toEqual([]);
    await at('2026-11-02T11:00:00+08:00');
    expect(heads(ENGINEER, r.number)).toEqual(['【接单提醒】']);
    expect(pings(ENGINEER, r.number)[0]).toContain('响应时限 11月2日 11:00');
    // Accepted from the reminder's card: the acknowledgement ladder stops (no deputy at 13:00).
    const card = cardsOf(ENGINEER, r.id).at(-1);
    await emu.click(ENGINEER, card?.taskId ?? '', card?.keys.find((k) => k.includes(':accept:')) ?? '');
    await settle(bot);
    await at('2026-11-02T13:00:00+08:00');
    expect(pings(DEPUTY, r.number)).toEqual([]);
    // Three working days to fix it: Thursday 10:00, engineering is told; four business hours
    // later (Thursday 14:00) the deputy manager.
    await at('2026-11-05T09:59:00+08:00');
    expect(heads(ENGINEER, r.number)).toEqual(['【接单提醒】']);
    await at('2026-11-05T10:00:00+08:00');
    expect(heads(ENGINEER, r.number)).toEqual(['【接单提醒】', '【维修超时】']);
    await at('2026-11-05T14:00:00+08:00');
    expect(heads(DEPUTY, r.number)).toEqual(['【维修超时】']);
    expect(pings(DEPUTY, r.number)[0]).toContain('已超时4小时');
    expect(await fired('Repair', r.id, 'deadline.repair-target')).toEqual([
      '2026-11-05T02:00',
      '2026-11-05T06:00',
    ]);
  });

  it('an emergency repair at night: engineering is paged at once off shift, then the deputy', async () => {
    // Tuesday 23:00: the engineer's shift is over, but an emergency is never held.
    const r = await repair('2026-11-03T23:00:00+08:00', 'B1中庭水管爆了，水漫出来了', 'emergency');
    await at('2026-11-03T23:15:00+08:00');
    expect(heads(ENGINEER, r.number)).toEqual(['【接单超时】']);
    await at('2026-11-03T23:30:00+08:00');
    expect(heads(DEPUTY, r.number)).toEqual(['【接单超时】']);
  });

  it("a non-urgent reminder is held outside the owner's shift and delivered when it starts", async () => {
    // A general complaint owned by the assistant (early shift, 08:00-16:00) filed Monday 15:30
    // reaches its first rung (two business hours) at 17:30, off shift: held until Tuesday 08:00.
    const c = await complaint('2026-11-09T15:30:00+08:00', '商场门口有人发传单');
    await at('2026-11-09T17:30:00+08:00');
    expect(takeHeads(ASSISTANT, c.number)).toEqual([]);
    await at('2026-11-10T07:59:00+08:00');
    expect(takeHeads(ASSISTANT, c.number)).toEqual([]);
    await at('2026-11-10T08:00:00+08:00');
    expect(takeHeads(ASSISTANT, c.number)).toEqual(['【投诉待受理】']);
    expect(await fired('Complaint', c.id, 'deadline.complaint-take')).toEqual(['2026-11-10T00:00']);
  });

  it('sweeping twice, rerunning a step, a claim whose worker died and a flushed Redis still send one message per step', async () => {
    const deps = bot.running.deps;
    const c = await complaint('2026-11-16T10:00:00+08:00', '隔壁店员打人了，有人受伤');
    expect(c.kind).toBe('major');
    const due = (await deps.db.models.Complaint.findById(c.id).lean())?.takeRemindAt ?? new Date(0);
    expect(due.toISOString().slice(0, 16)).toBe('2026-11-16T02:30');
    // The claim happens, then the worker dies before storing the messages.
    await Promise.all(bot.running.workers.map((w) => w.close()));
    await moveClock(bot, { to: '2026-11-16T10:30:30+08:00' });
    const kind = deps.timers.registry.get('complaint-take');
    expect(await kind?.claim({ id: c.id, dueAt: due }, deps.clock.now())).toMatchObject({
      outcome: 'claimed',
    });
    // Redis is flushed; a fresh process sweeps twice at once and the step's job runs again.
    await deleteKeys(inject('redisUrl'), bot.prefix);
    await bot.restart();
    await moveClock(bot, { to: '2026-11-16T10:30:30+08:00' });
    const d = bot.running.deps;
    await Promise.all([d.timers.deadlines.sweep(), d.timers.deadlines.sweep()]);
    expect(await d.timers.deadlines.run('complaint-take', { id: c.id, dueAt: due })).toBe('sent');
    expect(await d.timers.deadlines.run('complaint-take', { id: c.id, dueAt: due })).toBe('sent');
    await settle(bot);
    expect(heads(MANAGER, c.number)).toEqual(['【投诉超时未受理】']);
    await deleteKeys(inject('redisUrl'), bot.prefix);
    await bot.restart();
    await at('2026-11-16T10:31:00+08:00');
    expect(heads(MANAGER, c.number)).toEqual(['【投诉超时未受理】']);
    expect(await fired('Complaint', c.id, 'deadline.complaint-take')).toEqual(['2026-11-16T02:30']);
  });
});
