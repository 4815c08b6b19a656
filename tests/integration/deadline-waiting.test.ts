import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WeComEmulator } from '../../emulators/wecom/wecom-emulator.js';
import { DashboardService } from '../../src/dashboard/dashboard.service.js';
import { ComplaintStats } from '../../src/digests/complaint-stats.js';
import type { PersonView, Role, Shift } from '../../src/domain/people/people.types.js';
import type { RepairView } from '../../src/domain/repair/repair.types.js';
import { MessageBatch } from '../../src/outbound/message-batch.js';
import { DashboardRepository } from '../../src/persistence/repositories/dashboard.repository.js';
import { addStaff, addTenant } from '../helpers/fixtures.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { moveClock, settle } from '../helpers/timers.js';

const every = (...shifts: Shift[]) =>
  [0, 1, 2, 3, 4, 5, 6].flatMap((weekday) => shifts.map((shift) => ({ weekday, shift })));

const ENGINEER = 'dw-engineer';
const SENIOR = 'dw-senior';
const DEPUTY = 'dw-deputy';
const TENANT = 'dw-tenant';
const ASSISTANT = 'dw-assistant';

/**
 * Waiting (挂起) against real FerretDB and Redis, the dev clock moved through days: the resolution
 * escalation does not fire while a work order waits, fires at target + time waited after it
 * resumes (also after its urgency was raised), and the resume-date reminder fires exactly once.
 */
describe('a waiting work order pauses its resolution target', () => {
  let bot: TestBot;
  let emu: WeComEmulator;
  let tenant: PersonView;
  let engineer: PersonView;
  let senior: PersonView;
  let assistant: PersonView;
  let n = 0;

  beforeAll(async () => {
    bot = await startTestBot({
      wecom: { users: [ENGINEER, SENIOR, DEPUTY, TENANT, ASSISTANT] },
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
      return (await deps.repos.people.get(p.id)) ?? p;
    };
    engineer = await staff('马工', ENGINEER, ['engineering'], every('early'));
    senior = await staff('陈高助', SENIOR, ['senior_assistant'], every('early', 'middle', 'night'));
    await staff('吴副经理', DEPUTY, ['deputy_manager'], []);
    assistant = await staff('刘助理', ASSISTANT, ['assistant'], every('early'));
    tenant = await addTenant(deps, {
      name: '王老板',
      shopCode: 'B1-23',
      accounts: [{ platform: 'wecom', userId: TENANT }],
    });
  });
  afterAll(async () => {
    await bot?.close();
  });

  const at = async (to: string) => {
    await moveClock(bot, { to: new Date(new Date(to).getTime() + 30_000).toISOString() });
    await settle(bot);
  };

  const repair = async (when: string, text: string): Promise<RepairView> => {
    await moveClock(bot, { to: when });
    await settle(bot);
    await moveClock(bot, { to: when });
    const deps = bot.running.deps;
    n++;
    const batch = new MessageBatch(`dw-r-${n}`, deps.repos.people, ['wecom']);
    const { repair: r } = await deps.services.repairs.file({
      reporter: tenant,
      channel: { platform: 'wecom', userId: TENANT, conversationId: '' },
      text,
      shopCode: '',
      unit: '',
      place: 'B1中庭',
      floor: 'B1',
      urgency: 'normal',
      sourceKey: `dw-r-${n}`,
    });
    await deps.services.notifier.repairFiled(r, batch);
    await batch.flush(deps.outbound);
    await settle(bot);
    return r;
  };

  /** One action through the desk, as a button press would run it (notices included). */
  const act = async (
    who: PersonView,
    user: string,
    id: string,
    action: string,
    input = {},
    kind: 'repair' | 'complaint' = 'repair',
  ) => {
    const deps = bot.running.deps;
    n++;
    const batch = new MessageBatch(`dw-a-${n}`, deps.repos.people, ['wecom']);
    const o = await deps.services.desk.act(
      kind,
      { id, action, actor: { person: who, account: { platform: 'wecom', userId: user } }, input },
      batch,
    );
    await batch.flush(deps.outbound);
    await settle(bot);
    expect(o.kind === 'refused' ? `${o.kind} ${o.why} ${o.guard}` : o.kind).toBe('done');
  };

  const dashboard = () => {
    const deps = bot.running.deps;
    return new DashboardService({
      repo: new DashboardRepository(deps.db.models),
      time: deps.time,
      reporting: () => deps.timers.reporting.connection(),
      mediaSecret: 'test-media-secret-0123456789abcdef',
    });
  };
  const heads = (user: string, number: string) =>
    emu
      .texts(user)
      .filter((t) => t.includes(number) && t.startsWith('【'))
      .map((t) => t.slice(0, t.indexOf('】') + 1));
  const row = (id: string) => bot.running.deps.db.models.Repair.findById(id).lean();
  /** To the nearest minute: a ticket's times are a few ms off the moves of the clock (filed, waited, resumed). */
  const minute = (d: Date | null | undefined) =>
    d ? new Date(Math.round(d.getTime() / 60_000) * 60_000).toISOString().slice(0, 16) : undefined;
  const fired = async (id: string, action: string) =>
    ((await row(id))?.history ?? []).filter((h) => h.action === action).map((h) => minute(h.at));

  it('waits on parts Tuesday to Friday: no escalation at the old target, the reminder once on the resume date, the escalation at target + 3 working days', async () => {
    // Monday 2026-12-07 10:00: a normal repair, three working days to fix (Thursday 10:00).
    const r = await repair('2026-12-07T10:00:00+08:00', 'B1中庭的空调不制冷');
    expect(minute((await row(r.id))?.targetAt)).toBe(minute(new Date('2026-12-10T10:00:00+08:00')));
    await act(engineer, ENGINEER, r.id, 'accept');
    await act(engineer, ENGINEER, r.id, 'start');
    // Tuesday 10:00: waiting on parts, expected back Thursday (office opening).
    await moveClock(bot, { to: '2026-12-08T10:00:00+08:00' });
    await act(engineer, ENGINEER, r.id, 'wait', {
      on: 'parts',
      text: '压缩机缺货，厂家周四到货',
      resumeBy: new Date('2026-12-10T09:00:00+08:00').toISOString(),
    });
    expect((await row(r.id))?.status).toBe('waiting');
    // The dashboard lists it as 挂起, not against its target, with the wait on its page.
    const listed = (await dashboard().items({ kind: 'repair' }, { all: true })).items.find(
      (i) => i.number === r.number,
    );
    expect(listed).toMatchObject({ statusLabel: '挂起', target: 'none', dueAt: null });
    const page = await dashboard().ticket(r.number, { all: true });
    expect(page?.fields).toContainEqual({
      label: '挂起中',
      value: '等配件（压缩机缺货，厂家周四到货），12月8日 10:00 起，预计 12月10日 09:00 恢复',
    });
    expect(page?.timeline.map((e) => e.what)).toContain('挂起');
    const told = emu.texts(TENANT).filter((t) => t.includes(r.number) && t.includes('挂起'));
    expect(told).toEqual([
      `您的报修 ${r.number} 暂时挂起：等配件（压缩机缺货，厂家周四到货）。预计 12月10日 09:00 恢复处理，届时我们会继续跟进。`,
    ]);
    // Thursday 08:59 nothing; 09:00 the engineer (on shift) is reminded, with the card to resume.
    await at('2026-12-10T08:59:00+08:00');
    expect(heads(ENGINEER, r.number)).toEqual([]);
    await at('2026-12-10T09:00:00+08:00');
    expect(heads(ENGINEER, r.number)).toEqual(['【挂起到期提醒】']);
    const ping = emu.texts(ENGINEER).find((t) => t.startsWith('【挂起到期提醒】')) ?? '';
    expect(ping).toContain('挂起原因：等配件（压缩机缺货，厂家周四到货）');
    const card = emu
      .cards(ENGINEER)
      .filter((c) => c.taskId.includes(r.id))
      .at(-1);
    expect(card?.keys.some((k) => k.includes(':resume:'))).toBe(true);
    // Thursday 10:00, the old target: the order waits, so nobody is told it is late.
    await at('2026-12-10T10:00:00+08:00');
    await at('2026-12-10T14:00:00+08:00');
    expect(heads(ENGINEER, r.number)).toEqual(['【挂起到期提醒】']);
    expect(heads(DEPUTY, r.number)).toEqual([]);
    // Friday 10:00 it resumes: 3 working days waited (27 business hours), target Tuesday 10:00.
    await moveClock(bot, { to: '2026-12-11T10:00:00+08:00' });
    await act(engineer, ENGINEER, r.id, 'resume');
    const resumed = await row(r.id);
    expect(resumed?.status).toBe('in_progress');
    expect(Math.round((resumed?.pausedMs ?? 0) / 60_000)).toBe(3 * 24 * 60);
    expect(Math.round((resumed?.pausedBusinessMs ?? 0) / 60_000)).toBe(27 * 60);
    expect(minute(resumed?.targetAt)).toBe(minute(new Date('2026-12-15T10:00:00+08:00')));
    expect(emu.texts(TENANT).filter((t) => t.includes(`${r.number} 已恢复处理`))).toHaveLength(1);
    // Waiting time apart from working time: 3 days waited, 1 day worked (Monday 10:00 to Friday 10:00).
    const fields = (await dashboard().ticket(r.number, { all: true }))?.fields ?? [];
    expect(fields).toContainEqual({ label: '累计挂起', value: '3天0小时' });
    expect(fields).toContainEqual({ label: '已处理（不含挂起）', value: '1天0小时' });
    await at('2026-12-15T09:59:00+08:00');
    expect(heads(ENGINEER, r.number)).toEqual(['【挂起到期提醒】']);
    await at('2026-12-15T10:00:00+08:00');
    expect(heads(ENGINEER, r.number)).toEqual(['【挂起到期提醒】', '【维修超时】']);
    await at('2026-12-15T14:00:00+08:00');
    expect(heads(DEPUTY, r.number)).toEqual(['【维修超时】']);
    // Weeks later: the reminder fired once, the escalation ladder once per rung.
    await at('2026-12-29T10:00:00+08:00');
    expect(heads(ENGINEER, r.number)).toEqual(['【挂起到期提醒】', '【维修超时】']);
    expect(await fired(r.id, 'deadline.repair-wait')).toEqual(['2026-12-10T01:00']);
    expect(await fired(r.id, 'deadline.repair-target')).toEqual(['2026-12-15T02:00', '2026-12-15T06:00']);
  });

  it('raised to urgent after a wait: the new target still leaves the wait out', async () => {
    // Monday 2027-01-04 09:00 (a working Monday), started at once.
    const r = await repair('2027-01-04T09:00:00+08:00', 'B1中庭的卷闸门卡住了');
    await act(engineer, ENGINEER, r.id, 'accept');
    await act(engineer, ENGINEER, r.id, 'start');
    // Waits on the tenant 10:00 to Tuesday 10:00 (9 business hours), resumed by acting again.
    await moveClock(bot, { to: '2027-01-04T10:00:00+08:00' });
    await act(engineer, ENGINEER, r.id, 'wait', {
      on: 'tenant',
      text: '商户今天不开门',
      resumeBy: new Date('2027-01-05T09:00:00+08:00').toISOString(),
    });
    await at('2027-01-05T09:00:00+08:00');
    await moveClock(bot, { to: '2027-01-05T10:00:00+08:00' });
    await act(senior, SENIOR, r.id, 'raise');
    // Still waiting: the raise plans nothing; the engineer resumes at 10:00 by pressing 恢复处理.
    await act(engineer, ENGINEER, r.id, 'resume');
    // Urgent: 8 business hours from Monday 09:00 plus the 9 waited = Tuesday 17:00 (not Monday 17:00).
    expect(minute((await row(r.id))?.targetAt)).toBe(minute(new Date('2027-01-05T17:00:00+08:00')));
    await at('2027-01-05T16:59:00+08:00');
    expect(heads(ENGINEER, r.number).filter((h) => h === '【维修超时】')).toEqual([]);
    // Due at 17:00, after the engineer's early shift: held for the shift's start, then told.
    await at('2027-01-05T17:00:00+08:00');
    expect(minute((await row(r.id))?.targetRemindAt)).toBe(minute(new Date('2027-01-06T08:00:00+08:00')));
    await at('2027-01-06T08:00:00+08:00');
    expect(heads(ENGINEER, r.number).filter((h) => h === '【维修超时】')).toEqual(['【维修超时】']);
  });

  it('a waiting complaint still owes its promised reply; its handler is reminded on the resume date; the digest totals the wait apart', async () => {
    // Monday 2027-01-11 10:00: a general complaint, reply promised within 24 hours.
    await moveClock(bot, { to: '2027-01-11T10:00:00+08:00' });
    const deps = bot.running.deps;
    const batch = new MessageBatch('dw-c-1', deps.repos.people, ['wecom']);
    const { complaint: c } = await deps.services.complaints.file({
      reporter: tenant,
      channel: { platform: 'wecom', userId: TENANT, conversationId: '' },
      text: '隔壁店门口堆满了纸箱',
      shopCode: 'B1-23',
      unit: 'B1-23',
      place: '',
      floor: 'B1',
      urgency: 'normal',
      sourceKey: 'dw-c-1',
    });
    await deps.services.notifier.complaintFiled(c, batch);
    await batch.flush(deps.outbound);
    await settle(bot);
    await act(assistant, ASSISTANT, c.id, 'take', {}, 'complaint');
    await moveClock(bot, { to: '2027-01-11T11:00:00+08:00' });
    await act(
      assistant,
      ASSISTANT,
      c.id,
      'wait',
      {
        on: 'contractor',
        text: '等物业外协清运',
        resumeBy: new Date('2027-01-13T09:00:00+08:00').toISOString(),
      },
      'complaint',
    );
    expect(emu.texts(TENANT).some((t) => t.includes(`您的投诉 ${c.number} 暂时挂起：等外协单位`))).toBe(true);
    // Tuesday 09:00, an hour before the promise: the reply reminder fires although it waits.
    await at('2027-01-12T09:00:00+08:00');
    expect(heads(ASSISTANT, c.number)).toEqual(['【回复提醒】']);
    await at('2027-01-13T08:59:00+08:00');
    expect(heads(ASSISTANT, c.number).filter((h) => h === '【挂起到期提醒】')).toEqual([]);
    await at('2027-01-13T09:00:00+08:00');
    expect(heads(ASSISTANT, c.number).filter((h) => h === '【挂起到期提醒】')).toEqual(['【挂起到期提醒】']);
    // Wednesday 09:30: replying resumes it (46.5 hours waited), then recorded and closed. (Not at
    // 10:00, when the missed promise's last rung fires: the ladder's claim is not a versioned
    // update yet and can race a person's change on FerretDB; see the report.)
    await moveClock(bot, { to: '2027-01-13T09:30:00+08:00' });
    await act(assistant, ASSISTANT, c.id, 'reply', { text: '纸箱已清运' }, 'complaint');
    await act(assistant, ASSISTANT, c.id, 'record', { text: '外协已清运' }, 'complaint');
    await act(assistant, ASSISTANT, c.id, 'close', {}, 'complaint');
    const closed = await deps.repos.complaints.get(c.id);
    expect(closed?.status).toBe('closed');
    expect(Math.round((closed?.pausedMs ?? 0) / 60_000)).toBe(46.5 * 60);
    // The week's digest: time to close without the wait, and the wait totalled apart.
    const now = deps.clock.now();
    const stats = await new ComplaintStats(await deps.timers.reporting.connection(), deps.time.tz).weekly(
      new Date('2027-01-11T00:00:00+08:00'),
      now,
      now,
    );
    expect(stats.close.n).toBe(1);
    expect(Math.round(stats.close.waitingMs / 60_000)).toBe(46.5 * 60);
    await at('2027-01-20T10:00:00+08:00');
    expect(heads(ASSISTANT, c.number).filter((h) => h === '【挂起到期提醒】')).toHaveLength(1);
  });
});
