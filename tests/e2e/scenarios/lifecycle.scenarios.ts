import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../../src/platforms/inbound-event.js';
import { seedDemoMall } from '../../../src/seed/demo-mall.js';
import type { ChatDriver } from '../../helpers/chat-driver.js';
import { addStaff } from '../../helpers/fixtures.js';
import { makePng } from '../../helpers/png.js';
import type { TestBot } from '../../helpers/test-bot.js';
import { eventually } from '../../helpers/wait.js';
import { type ChatKit, chatKit } from './lifecycle.helpers.js';

export interface LifecycleEnv {
  readonly bot: TestBot;
  readonly chat: ChatDriver;
}

const TENANT = 'tenant-b1-23';
const TENANT2 = 'tenant-a1023';
const ASSISTANT = 'staff-liu';
const ASSISTANT2 = 'staff-huang';
const SENIOR = 'staff-chen';
const DEPUTY = 'staff-wu';
const MANAGER = 'staff-zheng';
const LEADER = 'staff-sun';
const ENGINEER = 'staff-ma';
const ENGINEER2 = 'staff-qian';
const GUARD = 'staff-zhao';
const CLERK = 'staff-zhou';
const LIFT = 'lift-co';
const USERS = [
  TENANT,
  TENANT2,
  ASSISTANT,
  ASSISTANT2,
  SENIOR,
  'staff-lin',
  DEPUTY,
  MANAGER,
  LEADER,
  ENGINEER,
  ENGINEER2,
  GUARD,
  CLERK,
  LIFT,
];

/**
 * Complaints and work orders followed to the end, through the platform emulator and the real
 * signed callback path: staff act on cards, tenants are told and answer.
 */
export const lifecycleScenarios = (platform: Platform, setup: () => Promise<LifecycleEnv>): void => {
  describe(`complaint and repair lifecycles on ${platform}`, () => {
    let env: LifecycleEnv;
    let k: ChatKit;
    beforeAll(async () => {
      env = await setup();
      for (const u of USERS) env.chat.addUser(u);
      const deps = env.bot.running.deps;
      await seedDemoMall(deps.db, deps.repos.shops, deps.repos.people, [platform]);
      deps.units.invalidate();
      await addStaff(deps, {
        name: '钱工',
        roles: ['engineering'],
        employeeNo: 'E011',
        accounts: [{ platform, userId: ENGINEER2 }],
      });
      // Everyone on duty around the clock: duty resolution has its own tests.
      const allDay = [0, 1, 2, 3, 4, 5, 6].flatMap((weekday) =>
        (['early', 'middle', 'night'] as const).map((shift) => ({ weekday, shift })),
      );
      await deps.db.models.Person.updateMany({ kind: 'staff' }, { $set: { duty: allDay } });
      k = chatKit(env.bot, env.chat, platform);
    });
    beforeEach(async () => {
      const deps = env.bot.running.deps;
      for (const u of USERS) {
        await deps.dialogs.clear(platform, u);
        await deps.pending.clear(platform, u);
      }
    });
    afterAll(async () => {
      await env?.bot.close();
    });

    it('a general complaint: taken, facts asked, followed, replied, recorded, closed and rated', async () => {
      const { number, reply } = await k.file(TENANT, 'B1-24隔壁音乐太吵，影响我做生意');
      expect(reply).toContain('一般投诉');
      await k.press(ASSISTANT, number, 'take');
      await k.expectText(TENANT, (t) => t.includes(number) && t.includes('受理'));
      // Only one assistant owns it now: the other copy shows who took it.
      await env.chat.waitForCard(
        ASSISTANT2,
        (c) => c.title.includes(number) && (c.closedLabel ?? '').startsWith('已接手 · 刘助理'),
      );
      for (const [action, words] of [
        ['ask', '商户说晚上8点后最吵'],
        ['progress', '已到现场提醒B1-24店主'],
      ] as const) {
        const at = k.mark(ASSISTANT);
        await k.press(ASSISTANT, number, action);
        await k.expectText(ASSISTANT, (t) => t.includes('请输入'), at);
        await k.answer(ASSISTANT, words);
        await k.expectText(ASSISTANT, (t) => t.includes(number) && t.startsWith('已'), at);
      }
      const tenantAt = k.mark(TENANT);
      await k.press(ASSISTANT, number, 'reply');
      await eventually(
        async () => (await env.bot.running.deps.pending.get(platform, ASSISTANT)) ?? undefined,
      );
      await k.answer(ASSISTANT, '已要求B1-24把音量调低，今晚会再巡查一次。');
      const told = await k.expectText(TENANT, (t) => t.includes('答复如下'), tenantAt);
      expect(told).toContain('已要求B1-24把音量调低，今晚会再巡查一次。');
      await k.press(ASSISTANT, number, 'record');
      await eventually(
        async () => (await env.bot.running.deps.pending.get(platform, ASSISTANT)) ?? undefined,
      );
      await k.answer(ASSISTANT, '现场提醒，店主已调低音量');
      await k.press(ASSISTANT, number, 'close');
      const rate = await k.card(TENANT, number, 'rate', '5');
      await env.chat.click(TENANT, rate.card.cardId, rate.key);
      await k.expectText(TENANT, (t) => t.includes('意见或建议'));
      await env.chat.say(TENANT, '处理很及时，谢谢');
      const c = await eventually(async () => {
        const x = await k.complaint(number);
        return x.ratingComment ? x : undefined;
      });
      expect(c).toMatchObject({
        status: 'closed',
        rating: 5,
        ratingComment: '处理很及时，谢谢',
        text: 'B1-24隔壁音乐太吵，影响我做生意',
      });
      expect(Object.keys(c.checkpoints ?? {}).sort()).toEqual([
        'asked',
        'followed',
        'heard',
        'recorded',
        'replied',
      ]);
      expect(c.history.map((h) => h.action)).toEqual([
        'filed',
        'take',
        'ask',
        'progress',
        'reply',
        'record',
        'close',
        'rate',
        'comment',
      ]);
    });

    it('a major complaint goes to the senior assistant, then up to the manager and leadership with a promised time', async () => {
      const { number, reply } = await k.file(TENANT, '隔壁店员骂人，再不处理我就投诉到12345');
      expect(reply).toContain('重大投诉');
      await k.press(SENIOR, number, 'take');
      const climb = [
        [SENIOR, DEPUTY, '涉及赔偿，需副经理处理', '明天下午5点', '客服副经理'],
        [DEPUTY, MANAGER, '商户要求书面道歉', '后天上午10点', '营运部经理'],
        [MANAGER, LEADER, '超出部门处理权限', '下周一上午10点', '公司领导'],
      ] as const;
      for (const [from, to, why, when, label] of climb) {
        const tenantAt = k.mark(TENANT);
        const fromAt = k.mark(from);
        await k.press(from, number, 'escalate');
        await k
          .expectText(from, (t) => t.includes('上报原因'), fromAt)
          .catch((e) => {
            throw new Error(`${e}: ${JSON.stringify(env.chat.texts(from, 0))}`);
          });
        await k.answer(from, why);
        await k.expectText(from, (t) => t.includes('下一次答复'));
        await k.answer(from, when);
        const told = await k.expectText(TENANT, (t) => t.includes(number) && t.includes('上报'), tenantAt);
        expect(told).toContain(label);
        expect(told).toContain(why);
        expect(told).toMatch(/我们将于 .+ 前答复您/);
        if (to !== LEADER) await k.press(to, number, 'take');
        else await k.card(LEADER, number, 'take');
      }
      const c = await k.complaint(number);
      expect(c).toMatchObject({ kind: 'major', ownerRole: 'leader', escalationLevel: 3, status: 'open' });
      expect(c.replyDueAt).toBeInstanceOf(Date);
      // Leadership handles it; the result is reported to the manager as it closes.
      await k.press(LEADER, number, 'take');
      await k.press(LEADER, number, 'reply');
      await eventually(
        async () => (await env.bot.running.deps.pending.get(platform, LEADER)) ?? undefined,
      ).catch((e) => {
        throw new Error(`${e}: ${JSON.stringify(env.chat.texts(LEADER, 0))}`);
      });
      await k.answer(LEADER, '公司已与店方沟通，店方书面致歉。');
      await k.press(LEADER, number, 'record');
      await eventually(async () => (await env.bot.running.deps.pending.get(platform, LEADER)) ?? undefined);
      await k.answer(LEADER, '约谈店方，店方致歉并整改');
      const managerAt = k.mark(MANAGER);
      await k.press(LEADER, number, 'close');
      const report = await k.expectText(
        MANAGER,
        (t) => t.includes('重大投诉结果报告') && t.includes(number),
        managerAt,
      );
      expect(report).toContain('约谈店方');
      expect((await k.complaint(number)).checkpoints?.reported).toBeInstanceOf(Date);
    });

    it('an emergency about people stays a complaint and pages the senior assistant and security at once', async () => {
      const at = k.mark(TENANT);
      await env.chat.say(TENANT, 'B1-23门口有人打架，有人受伤流血了，快来人！');
      const reply = await k.expectText(TENANT, (t) => /TS\d{8}-\d{3}/.test(t), at);
      expect(reply).toContain('已紧急通知值班主管和保安');
      const number = /TS\d{8}-\d{3}/.exec(reply)?.[0] ?? '';
      await k.card(SENIOR, number, 'take');
      await k.card(GUARD, number, 'take');
      expect(await k.complaint(number)).toMatchObject({
        kind: 'major',
        category: 'safety',
        ownerRole: 'senior_assistant',
      });
      expect(await env.bot.running.deps.db.models.Repair.countDocuments({ text: /打架/ })).toBe(0);
    });

    it('a written complaint is registered by the front desk with its document number and answered in writing', async () => {
      expect(await k.say(CLERK, '登记书面投诉')).toContain('来文登记编号');
      expect(await k.say(CLERK, 'SW-2026-118')).toContain('投诉人');
      expect(await k.say(CLERK, '王先生')).toContain('哪个铺位');
      expect(await k.say(CLERK, 'B1-23')).toContain('内容摘要');
      const at = k.mark(CLERK);
      await k.answer(CLERK, '反映隔壁装修噪音影响经营');
      const card = await env.chat.waitForCard(CLERK, (c) => c.title.includes('书面投诉') && !c.closedLabel);
      await env.chat.click(CLERK, card.cardId, card.keys.find((x) => x.startsWith('dialog:confirm:')) ?? '');
      const done = await k.expectText(CLERK, (t) => /TS\d{8}-\d{3}/.test(t), at);
      const number = /TS\d{8}-\d{3}/.exec(done)?.[0] ?? '';
      expect(done).toContain('SW-2026-118');
      await k.press(ASSISTANT, number, 'take');
      const clerkAt = k.mark(CLERK);
      await k.press(ASSISTANT, number, 'reply');
      await eventually(
        async () => (await env.bot.running.deps.pending.get(platform, ASSISTANT)) ?? undefined,
      );
      await k.answer(ASSISTANT, '已责令装修方在营业时间内停止高噪音作业。');
      // The complainant is answered in writing: the front desk is asked to issue it.
      const ask = await k.expectText(CLERK, (t) => t.includes(number) && t.includes('书面答复'), clerkAt);
      expect(ask).toContain('已责令装修方');
      const c = await eventually(async () => {
        const x = await k.complaint(number);
        return x.lastReply ? x : undefined;
      });
      expect(c).toMatchObject({
        kind: 'written',
        docNo: 'SW-2026-118',
        complainant: '王先生',
        status: 'replied',
        text: '反映隔壁装修噪音影响经营',
      });
      expect(c.lastReply).toContain('已责令装修方');
    });

    it('a paid repair: quoted, accepted by the tenant, fixed, reopened, fixed, verified and closed', async () => {
      const { number } = await k.file(TENANT, '铺里漏水了');
      const tenantAt = k.mark(TENANT);
      await k.press(ENGINEER, number, 'accept');
      await k.expectText(TENANT, (t) => t.includes(number) && t.includes('接单'), tenantAt);
      await k.press(ENGINEER, number, 'quote');
      await k.expectText(ENGINEER, (t) => t.includes('维修报价'));
      await k.answer(ENGINEER, '800元');
      const quote = await k.card(TENANT, number, 'accept_quote');
      expect(quote.card.keys.some((x) => x.startsWith('rp:decline_quote:'))).toBe(true);
      await env.chat.click(TENANT, quote.card.cardId, quote.key);
      await k.settled(TENANT);
      await k.press(ENGINEER, number, 'start');
      await k.expectText(TENANT, (t) => t.includes(number) && t.includes('开始处理'), tenantAt);
      await k.press(ENGINEER, number, 'fix');
      await k.press(TENANT, number, 'reopen');
      await k.press(ENGINEER, number, 'fix');
      await k.card(TENANT, number, 'verify');
      // The tenant may answer the card in words.
      await k.answer(TENANT, '修好了');
      const r = await eventually(async () => {
        const x = await k.repair(number);
        return x.status === 'closed' ? x : undefined;
      });
      expect(r).toMatchObject({ billing: 'paid', quoteAmount: 800, quoteStatus: 'accepted', reopenCount: 1 });
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
      await k.expectText(TENANT, (t) => t.includes(number) && t.includes('已完成'), tenantAt);
    });

    it('a lift fault records found, started and restored times, calls the lift company and reports the downtime', async () => {
      const { number } = await k.file(ASSISTANT, '北侧货梯坏了，停在二楼不动了');
      const called = await k.expectText(LIFT, (t) => t.includes(number));
      expect(called).toContain('电梯故障');
      await k.press(ENGINEER, number, 'accept');
      await k.press(ENGINEER, number, 'start');
      const managerAt = k.mark(MANAGER);
      await k.press(ENGINEER, number, 'fix');
      const report = await k.expectText(
        MANAGER,
        (t) => t.includes('电梯停运报告') && t.includes(number),
        managerAt,
      );
      expect(report).toMatch(/停运时长：\d+小时\d+分钟/);
      const r = await k.repair(number);
      expect(r).toMatchObject({
        category: 'lift',
        billing: 'free',
        status: 'fixed',
        place: expect.stringContaining('货梯'),
      });
      expect(r.repairStartedAt).toBeInstanceOf(Date);
      expect(r.restoredAt!.getTime()).toBeGreaterThanOrEqual(r.repairStartedAt!.getTime());
      expect(r.repairStartedAt!.getTime()).toBeGreaterThanOrEqual(r.faultFoundAt.getTime());
    });

    it('damage by a person: a deposit of 20-50% of the estimate is collected, and refunded when engineering accepts the repair', async () => {
      const { number } = await k.file(ASSISTANT, '中庭的玻璃门被推车撞碎了');
      await k.press(ENGINEER, number, 'accept');
      await k.press(ENGINEER, number, 'damage');
      await k.answer(ENGINEER, '2000');
      const clerkAt = k.mark(CLERK);
      await k.answer(ENGINEER, '30%');
      expect(await k.expectText(CLERK, (t) => t.includes(number) && t.includes('押金'), clerkAt)).toContain(
        '600 元',
      );
      await k.press(ENGINEER, number, 'start');
      await k.press(ENGINEER, number, 'fix');
      await k.press(ASSISTANT, number, 'verify');
      await k.press(ENGINEER, number, 'refund');
      expect(await k.expectText(CLERK, (t) => t.includes(number) && t.includes('退还'), clerkAt)).toContain(
        '600 元',
      );
      expect(await k.repair(number)).toMatchObject({
        status: 'closed',
        damageEstimate: 2000,
        depositAmount: 600,
        depositStatus: 'refunded',
      });
    });

    it('answers questions about earlier reports in five phrasings, never filing a new one', async () => {
      const deps = env.bot.running.deps;
      const leak = (await k.file(TENANT2, '铺里水管在漏水')).number;
      const noise = (await k.file(TENANT2, '隔壁装修电钻声太吵了')).number;
      // One report of last week.
      const old = (await k.file(TENANT2, '门口的灯不亮')).number;
      const weekAgo = new Date(Date.now() - 7 * 86_400_000);
      await deps.db.models.Repair.collection.updateOne({ number: old }, { $set: { createdAt: weekAgo } });
      const count = async () =>
        (await deps.db.models.Repair.countDocuments()) + (await deps.db.models.Complaint.countDocuments());
      const before = await count();
      expect(await k.say(TENANT2, '我报的漏水修好了吗')).toContain(leak);
      expect(await k.say(TENANT2, '投诉有结果了吗')).toContain(noise);
      const byNumber = await k.say(TENANT2, `${leak} 怎么样了`);
      expect(byNumber).toContain('待接单');
      expect(byNumber).toContain('进展');
      expect(await k.say(TENANT2, '上周那个单呢')).toContain(old);
      const list = await k.say(TENANT2, '我的报修怎么样了');
      expect(list).toContain(leak);
      expect(list).toContain(old);
      expect(await count()).toBe(before);
      expect(await deps.dialogs.get(platform, TENANT2)).toBeUndefined();
    });

    it('"待办" lists what waits on an engineer, a senior assistant and a tenant, oldest first, with buttons', async () => {
      const repair = (await k.file(TENANT2, '铺里插座没电了')).number;
      const major = (await k.file(TENANT2, '隔壁员工骂人，我要投诉到12345')).number;
      const engineerAt = k.mark(ENGINEER);
      const todo = await k.say(ENGINEER, '待办');
      expect(todo).toContain(repair);
      await env.chat.waitForCard(
        ENGINEER,
        (c) =>
          c.cardId.includes('-t') &&
          c.title.includes(repair) &&
          c.keys.some((x) => x.startsWith('rp:accept:')),
      );
      expect(env.chat.texts(ENGINEER, engineerAt).join()).not.toContain(major);
      const senior = await k.say(SENIOR, '我的待办');
      expect(senior).toContain(major);
      await env.chat.waitForCard(
        SENIOR,
        (c) =>
          c.cardId.includes('-t') && c.title.includes(major) && c.keys.some((x) => x.startsWith('cp:take:')),
      );
      await k.press(ENGINEER, repair, 'accept');
      await k.press(ENGINEER, repair, 'quote');
      await k.answer(ENGINEER, '300');
      const tenant = await k.say(TENANT2, '待办');
      expect(tenant).toContain(repair);
      expect(tenant).not.toContain(major);
      await env.chat
        .waitForCard(
          TENANT2,
          (c) => c.cardId.includes('-t') && c.keys.some((x) => x.startsWith('rp:accept_quote:')),
        )
        .catch((e) => {
          throw new Error(`${e}\n${tenant}\n${JSON.stringify(env.chat.texts(TENANT2, 0).slice(-5))}`);
        });
      // Once quoted, the order waits on the tenant, not on engineering.
      expect(await k.say(ENGINEER, '待办')).not.toContain(repair);
    });

    it('a photo sent after a report is attached to it, and engineering sees the very picture', async () => {
      const { number } = await k.file(TENANT, '铺里水龙头漏水了');
      const photo = makePng(8, 6, (x, y) => [x * 30, y * 40, 200]);
      const tenantAt = k.mark(TENANT);
      const engineerAt = k.mark(ENGINEER);
      await env.chat.sendPhoto(TENANT, { filename: 'leak.png', mime: 'image/png', bytes: photo });
      const ack = await k.expectText(TENANT, (t) => t.includes('照片'), tenantAt);
      expect(ack).toContain(`已将照片补充到 ${number}`);
      const told = await k.expectText(
        ENGINEER,
        (t) => t.includes(number) && t.includes('补充了照片'),
        engineerAt,
      );
      expect(told).toMatch(/补充了照片（[^）]+）/);
      const seen = await env.chat.waitForPhoto(ENGINEER, engineerAt);
      expect(seen.equals(photo)).toBe(true);
      const r = await k.repair(number);
      expect(r.attachmentIds).toHaveLength(1);
      const stored = await env.bot.running.deps.repos.attachments.get(String(r.attachmentIds[0]));
      expect(stored?.mime).toBe('image/png');
    });

    it('two engineers pressing 接单 at once: exactly one owner, the other is told who took it', async () => {
      const { number } = await k.file(TENANT, '洗手池下水道堵了');
      const [a, b] = await Promise.all([
        k.card(ENGINEER, number, 'accept'),
        k.card(ENGINEER2, number, 'accept'),
      ]);
      const marks = [k.mark(ENGINEER), k.mark(ENGINEER2)] as const;
      await Promise.all([
        env.chat.click(ENGINEER, a.card.cardId, a.key),
        env.chat.click(ENGINEER2, b.card.cardId, b.key),
      ]);
      await Promise.all([k.settled(ENGINEER), k.settled(ENGINEER2)]);
      const r = await k.repair(number);
      expect(r.status).toBe('accepted');
      expect(r.history.filter((h) => h.action === 'accept')).toHaveLength(1);
      const loser =
        r.assigneeId?.toString() ===
        (await env.bot.running.deps.repos.people.byIdentity(platform, ENGINEER))?.id
          ? ENGINEER2
          : ENGINEER;
      const owner = loser === ENGINEER ? '钱工' : '马工';
      const told = await k.expectText(
        loser,
        (t) => t.includes(number) && t.includes('已由'),
        marks[loser === ENGINEER ? 0 : 1],
      );
      expect(told).toContain(`已由${owner}`);
    });

    it('a tenant pressing a staff button is refused and audited, and nothing changes', async () => {
      const { number } = await k.file(TENANT, '铺里空调不制冷');
      const staff = await k.card(ENGINEER, number, 'accept');
      const at = k.mark(TENANT);
      await env.chat.forgeClick(TENANT, staff.card.cardId, staff.key);
      expect(await k.expectText(TENANT, (t) => t.includes('无权'), at)).toContain('已记录');
      const r = await k.repair(number);
      expect(r.status).toBe('reported');
      const refused = await env.bot.running.deps.repos.audit.find({
        action: 'repair.accept',
        outcome: 'refused',
        targetId: r._id.toString(),
      });
      expect(refused.map((x) => x.actorPlatformUserId)).toEqual([TENANT]);
    });
  });
};
