import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardRepository } from '../../../src/persistence/repositories/dashboard.repository.js';
import type { Platform } from '../../../src/platforms/inbound-event.js';
import { seedDemoMall } from '../../../src/seed/demo-mall.js';
import type { ChatDriver } from '../../helpers/chat-driver.js';
import type { TestBot } from '../../helpers/test-bot.js';
import { moveClock, settle } from '../../helpers/timers.js';
import { eventually } from '../../helpers/wait.js';
import { type ChatKit, chatKit } from './lifecycle.helpers.js';

export interface DeadlinesEnv {
  readonly bot: TestBot;
  readonly chat: ChatDriver;
}

const TENANT = 'tenant-b1-23';
const SENIOR = 'staff-chen';
const MANAGER = 'staff-zheng';
const ENGINEER = 'staff-ma';
const DEPUTY = 'staff-wu';
const ASSISTANT = 'staff-liu';
const USERS = [
  TENANT,
  SENIOR,
  'staff-lin',
  'staff-wu',
  MANAGER,
  'staff-sun',
  ENGINEER,
  'staff-liu',
  'staff-huang',
  'staff-zhao',
  'staff-zhou',
];

/**
 * Reminders and escalations of complaints and work orders as people see them in chat: a tenant
 * files through the conversation, the dev clock moves, the next rung's person gets the ping with
 * the ticket's card, and acts on it from that card.
 */
export const deadlineScenarios = (platform: Platform, setup: () => Promise<DeadlinesEnv>): void => {
  describe(`complaint and repair deadlines on ${platform}`, () => {
    let env: DeadlinesEnv;
    let k: ChatKit;
    beforeAll(async () => {
      env = await setup();
      for (const u of USERS) env.chat.addUser(u);
      const deps = env.bot.running.deps;
      await seedDemoMall(deps.db, deps.repos.shops, deps.repos.people, [platform]);
      deps.units.invalidate();
      const allDay = [0, 1, 2, 3, 4, 5, 6].flatMap((weekday) =>
        (['early', 'middle', 'night'] as const).map((shift) => ({ weekday, shift })),
      );
      await deps.db.models.Person.updateMany({ kind: 'staff' }, { $set: { duty: allDay } });
      k = chatKit(env.bot, env.chat, platform);
    });
    afterAll(async () => {
      await env?.bot.close();
    });

    /** Moves the dev clock by minutes through the real route and lets what fell due go out. */
    const advance = async (minutes: number) => {
      await moveClock(env.bot, { advanceMinutes: minutes });
      await settle(env.bot);
    };
    /** The ping `user` got about `number` after `at`, with the card that came with it. */
    const ping = async (user: string, number: string, head: string, at: number, tag: string) => {
      const text = await k.expectText(user, (t) => t.startsWith(head) && t.includes(number), at);
      const card = await env.chat.waitForCard(
        user,
        (c) => c.title.includes(number) && c.cardId.endsWith(tag),
      );
      return { text, card };
    };

    it('a major complaint nobody takes reaches the manager after 30 minutes, who takes it from the ping; the promised reply reminds the manager', async () => {
      // Monday 10:00 (a working day), office hours for the manager.
      await moveClock(env.bot, { to: '2026-12-07T10:00:00+08:00' });
      const { number, reply } = await k.file(TENANT, '隔壁店员骂人，再不处理我就投诉到12345');
      expect(reply).toContain('重大投诉');
      const managerAt = k.mark(MANAGER);
      await advance(29);
      expect(env.chat.texts(MANAGER, managerAt).filter((t) => t.includes(number))).toEqual([]);
      await advance(2);
      const { text, card } = await ping(MANAGER, number, '【投诉超时未受理】', managerAt, '-ct0');
      expect(text).toContain('30分钟未受理，报营运部经理');
      expect(text).toMatch(/已等待3[01]分钟/);
      const take = card.keys.find((x) => x.split(':')[1] === 'take');
      expect(take).toBeDefined();
      await env.chat.click(MANAGER, card.cardId, take ?? '');
      await k.settled(MANAGER);
      const c = await eventually(async () => {
        const x = await k.complaint(number);
        return x.status === 'handling' ? x : undefined;
      });
      expect(c.ownerRole).toBe('senior_assistant');
      // The reply was promised for 12:00: at 11:00 its owner, the manager now, is reminded.
      const remindAt = k.mark(MANAGER);
      await advance(30);
      await ping(MANAGER, number, '【回复提醒】', remindAt, '-cr0');
      expect(env.chat.texts(MANAGER, remindAt).filter((t) => t.includes(number))).toHaveLength(1);
      const history = (await k.complaint(number)).history.map((h) => h.action);
      expect(history).toEqual(['filed', 'deadline.complaint-take', 'take', 'deadline.complaint-reply']);
    });

    it('a work order nobody accepts reminds engineering after its acknowledgement target; accepting from the ping stops it', async () => {
      await moveClock(env.bot, { to: '2026-12-08T10:00:00+08:00' });
      const { number } = await k.file(TENANT, 'B1中庭的灯坏了');
      const engAt = k.mark(ENGINEER);
      await advance(59);
      expect(env.chat.texts(ENGINEER, engAt).filter((t) => t.startsWith('【接单'))).toEqual([]);
      await advance(2);
      const { text, card } = await ping(ENGINEER, number, '【接单提醒】', engAt, '-ra0');
      expect(text).toContain('超过响应时限未接单');
      const accept = card.keys.find((x) => x.split(':')[1] === 'accept');
      expect(accept).toBeDefined();
      await env.chat.click(ENGINEER, card.cardId, accept ?? '');
      await k.settled(ENGINEER);
      const r = await eventually(async () => {
        const x = await k.repair(number);
        return x.status === 'accepted' ? x : undefined;
      });
      expect(r.assigneeId).toBeDefined();
      // Two business hours later the deputy would have been told; accepted, nobody is, and the
      // step that fell due removed the ladder.
      const deputyAt = k.mark('staff-wu');
      await advance(180);
      expect(env.chat.texts('staff-wu', deputyAt).filter((t) => t.includes(number))).toEqual([]);
      expect((await k.repair(number)).ackRemindAt).toBeUndefined();
    });
    it('the weekly digest lists the week’s closed complaints awaiting a callback visit as cards; 已回访 asks for a note, records it once, closes every copy, refuses a tenant and answers a second press', async () => {
      // Wednesday: a noise complaint is taken, answered, recorded and closed by the assistant.
      await moveClock(env.bot, { to: '2026-12-09T10:00:00+08:00' });
      const { number } = await k.file(TENANT, '隔壁商铺音乐太吵了');
      await k.press(ASSISTANT, number, 'take');
      await k.press(ASSISTANT, number, 'reply');
      await k.answer(ASSISTANT, '已提醒隔壁降低音量');
      await k.press(ASSISTANT, number, 'record');
      await k.answer(ASSISTANT, '现场提醒，音量已调低');
      await k.press(ASSISTANT, number, 'close');
      expect((await k.complaint(number)).status).toBe('closed');
      const dashboard = new DashboardRepository(env.bot.running.deps.db.models);
      const listed = async () =>
        (await dashboard.callbacksDue({ all: true }, { limit: 100 })).some((r) => r.number === number);
      expect(await listed()).toBe(true);

      // Monday 09:00: the weekly summary names it, and the deputy manager gets its callback card.
      const deputyAt = k.mark(DEPUTY);
      await moveClock(env.bot, { to: '2026-12-14T09:00:00+08:00' });
      await settle(env.bot);
      const digest = await k.expectText(DEPUTY, (t) => t.includes('待回访清单'), deputyAt);
      expect(digest).toContain(number);
      const card = await env.chat.waitForCard(
        DEPUTY,
        (c) => c.title.includes(number) && c.cardId.endsWith('-cb') && !c.closedLabel,
      );
      const key = card.keys.find((x) => x.split(':')[1] === 'callback') ?? '';
      expect(key).not.toBe('');

      // A tenant pressing it (a forwarded key) is refused and audited.
      const tenantAt = k.mark(TENANT);
      await env.chat.forgeClick(TENANT, card.cardId, key);
      await k.expectText(TENANT, (t) => t.includes('您无权进行此操作'), tenantAt);
      const c0 = await k.complaint(number);
      expect(c0.callbackDoneAt).toBeUndefined();
      const refused = await k
        .models()
        .Audit.find({ targetId: c0._id.toString(), action: 'complaint.callback' })
        .lean();
      expect(refused.map((a) => a.outcome)).toEqual(['refused']);

      // The deputy presses 已回访, is asked for the note, answers.
      const askAt = k.mark(DEPUTY);
      await env.chat.click(DEPUTY, card.cardId, key);
      await k.expectText(DEPUTY, (t) => t.includes('请输入回访记录'), askAt);
      await k.answer(DEPUTY, '商户表示满意，音量问题未再出现');
      await k.expectText(DEPUTY, (t) => t.startsWith('已回访') && t.includes(number), askAt);
      const c1 = await k.complaint(number);
      expect(c1.callbackDoneAt).toBeInstanceOf(Date);
      expect(c1.callbackNote).toBe('商户表示满意，音量问题未再出现');
      expect(c1.history.at(-1)).toMatchObject({ action: 'callback', note: '商户表示满意，音量问题未再出现' });
      // Every copy of the callback card now shows who visited and when.
      const closed = await env.chat.waitForCard(DEPUTY, (c) => c.cardId === card.cardId && !!c.closedLabel);
      expect(closed.closedLabel).toMatch(/^已回访 · 吴/);
      expect(await listed()).toBe(false);

      // A second press (an assistant with the same key) is told who visited, and changes nothing.
      const againAt = k.mark(ASSISTANT);
      await env.chat.forgeClick(ASSISTANT, card.cardId, key);
      const again = await k.expectText(ASSISTANT, (t) => t.includes(number) && t.includes('回访'), againAt);
      expect(again).toMatch(new RegExp(`${number} 已由吴\\S*于 .+ 回访：商户表示满意`));
      expect((await k.complaint(number)).callbackById?.toString()).toBe(c1.callbackById?.toString());
      const audits = await k
        .models()
        .Audit.find({ targetId: c0._id.toString(), action: 'complaint.callback' })
        .lean();
      expect(audits.map((a) => a.outcome)).toEqual(['refused', 'allowed']);
    });

    it('the engineer puts a repair on 等配件 with a reason and a date; the tenant is told; the reminder arrives on that date; the engineer resumes and fixes it', async () => {
      // Wednesday 10:00: filed, accepted and started from the engineer's card.
      await moveClock(env.bot, { to: '2026-12-09T10:00:00+08:00' });
      const { number } = await k.file(TENANT, 'B1中庭的空调不制冷了');
      await k.press(ENGINEER, number, 'accept');
      await k.press(ENGINEER, number, 'start');
      // 挂起: the bot asks what it waits on, why, and until when, in chat.
      const askedAt = k.mark(ENGINEER);
      await k.press(ENGINEER, number, 'wait');
      expect(await k.expectText(ENGINEER, (t) => t.startsWith('挂起在等什么'), askedAt)).toContain(
        '2. 等配件',
      );
      const whyAt = k.mark(ENGINEER);
      await k.answer(ENGINEER, '2');
      await k.expectText(ENGINEER, (t) => t.startsWith('请说明挂起原因'), whyAt);
      const whenAt = k.mark(ENGINEER);
      await k.answer(ENGINEER, '压缩机缺货，厂家发货中');
      await k.expectText(ENGINEER, (t) => t.startsWith('预计哪天恢复处理'), whenAt);
      const tenantAt = k.mark(TENANT);
      await k.answer(ENGINEER, '3天后');
      const r = await eventually(async () => {
        const x = await k.repair(number);
        return x.status === 'waiting' ? x : undefined;
      });
      expect(r.wait).toMatchObject({ on: 'parts', reason: '压缩机缺货，厂家发货中', from: 'in_progress' });
      expect(r.wait?.resumeBy).toEqual(new Date('2026-12-12T09:00:00+08:00'));
      const told = await k.expectText(TENANT, (t) => t.includes(number) && t.includes('挂起'), tenantAt);
      expect(told).toBe(
        `您的报修 ${number} 暂时挂起：等配件（压缩机缺货，厂家发货中）。预计 12月12日 09:00 恢复处理，届时我们会继续跟进。`,
      );
      // The engineer's card says it waits, and offers 恢复处理 and 已修好.
      const waiting = await k.card(ENGINEER, number, 'resume');
      expect(waiting.card.keys.some((x) => x.split(':')[1] === 'fix')).toBe(true);
      // Saturday 08:59 nothing; 09:00 the reminder with the card.
      await moveClock(env.bot, { to: '2026-12-12T08:59:00+08:00' });
      await settle(env.bot);
      const remindAt = k.mark(ENGINEER);
      expect(env.chat.texts(ENGINEER, remindAt).filter((t) => t.includes(number))).toEqual([]);
      await advance(2);
      const { text, card } = await ping(ENGINEER, number, '【挂起到期提醒】', remindAt, '-rw0');
      expect(text).toContain('挂起原因：等配件（压缩机缺货，厂家发货中）');
      expect(text).toContain('已到预计恢复处理日期');
      // Resumed from the reminder's card, then fixed; the tenant is asked to confirm.
      const resume = card.keys.find((x) => x.split(':')[1] === 'resume') ?? '';
      expect(resume).not.toBe('');
      const backAt = k.mark(TENANT);
      await env.chat.click(ENGINEER, card.cardId, resume);
      await k.settled(ENGINEER);
      await k.expectText(TENANT, (t) => t === `您的报修 ${number} 已恢复处理。`, backAt);
      await k.press(ENGINEER, number, 'fix');
      await k.card(TENANT, number, 'verify');
      // A day later nothing more: the reminder fired once.
      await advance(24 * 60);
      expect(env.chat.texts(ENGINEER, remindAt).filter((t) => t.startsWith('【挂起到期提醒】'))).toHaveLength(
        1,
      );
      const done = await k.repair(number);
      expect(done.status).toBe('fixed');
      expect(Math.round((done.pausedMs ?? 0) / 3600_000)).toBe(71);
      expect(done.history.map((h) => h.action)).toEqual([
        'filed',
        'accept',
        'start',
        'wait',
        'deadline.repair-wait',
        'resume',
        'fix',
      ]);
    });
  });
};
