import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../../src/platforms/inbound-event.js';
import { seedDemoMall } from '../../../src/seed/demo-mall.js';
import type { ChatDriver } from '../../helpers/chat-driver.js';
import type { TestBot } from '../../helpers/test-bot.js';
import { eventually, sleep } from '../../helpers/wait.js';

export interface ScenarioEnv {
  readonly bot: TestBot;
  readonly chat: ChatDriver;
}

/** Demo accounts (the seed binds `tenant-<unit>` and `staff-*` on both platforms). */
const TENANT = 'tenant-b1-23';
const OTHER_TENANT = 'tenant-205';
const SENIOR = 'staff-chen';
const SENIOR2 = 'staff-lin';
const ENGINEER = 'staff-ma';
const GUARD = 'staff-zhao';
const CLERK = 'staff-zhou';
const USERS = [
  TENANT,
  OTHER_TENANT,
  SENIOR,
  SENIOR2,
  ENGINEER,
  GUARD,
  CLERK,
  'staff-wu',
  'staff-zheng',
  'staff-liu',
  'staff-huang',
  'staff-sun',
  'newcomer',
  'newcomer2',
];

const TICKET = /(TS|WX|SP)\d{8}-\d{3}/;

/**
 * The conversation scripts of the product, run unchanged on every platform: each platform's test
 * file passes a factory for its bot and chat driver.
 */
export const conversationScenarios = (platform: Platform, setup: () => Promise<ScenarioEnv>): void => {
  describe(`conversation scenarios on ${platform}`, () => {
    let env: ScenarioEnv;
    beforeAll(async () => {
      env = await setup();
      for (const u of USERS) env.chat.addUser(u);
      const deps = env.bot.running.deps;
      await seedDemoMall(deps.db, deps.repos.shops, deps.repos.people, [platform]);
      deps.units.invalidate();
      // Both senior assistants, the engineer and the guard on duty around the clock, so the
      // scenarios do not depend on the hour they run at (duty resolution has its own tests).
      const allDay = [0, 1, 2, 3, 4, 5, 6].flatMap((weekday) =>
        (['early', 'middle', 'night'] as const).map((shift) => ({ weekday, shift })),
      );
      await deps.db.models.Person.updateMany(
        { employeeNo: { $in: ['E004', 'E005', 'E009', 'E010'] } },
        { $set: { duty: allDay } },
      );
    });
    beforeEach(async () => {
      for (const u of USERS) await env.bot.running.deps.dialogs.clear(platform, u);
    });
    afterAll(async () => {
      await env?.bot.close();
    });

    const say = async (user: string, text: string): Promise<string> => {
      const at = env.chat.mark(user);
      await env.chat.say(user, text);
      return env.chat.waitForText(user, () => true, at);
    };

    it('a tenant reports a leak without a unit: it defaults to their shop, they confirm, and get a ticket number', async () => {
      const { chat } = env;
      const at = chat.mark(TENANT);
      await chat.say(TENANT, '铺里漏水了');
      const card = await chat.waitForCard(TENANT, (c) => c.title.includes('报修') && !c.closedLabel);
      const confirmKey = card.keys.find((k) => k.startsWith('dialog:confirm:'));
      expect(confirmKey).toBeDefined();
      await chat.click(TENANT, card.cardId, confirmKey!);
      const reply = await chat.waitForText(TENANT, (t) => TICKET.test(t), at);
      expect(reply).toMatch(/工单号 WX\d{8}-\d{3}/);
      await chat.waitForCard(
        TENANT,
        (c) => c.cardId === card.cardId && (c.closedLabel ?? '').startsWith('已提交'),
      );
      const number = TICKET.exec(reply)?.[0] ?? '';
      const repair = await env.bot.running.deps.db.models.Repair.findOne({ number }).lean();
      expect(repair).toMatchObject({
        shopCode: 'B1-23',
        category: 'leak',
        status: 'reported',
        text: '铺里漏水了',
      });
      const staffCard = await chat.waitForCard(ENGINEER, (c) => c.title.includes(number));
      expect(staffCard.keys.some((k) => k.startsWith('rp:accept:'))).toBe(true);
    });

    it('a staff member reporting a fault without a place is asked for it, answers, and confirms by text', async () => {
      expect(await say(CLERK, '灯管一闪一闪的')).toContain('哪个铺位或位置');
      await env.chat.say(CLERK, '中庭');
      const card = await env.chat.waitForCard(CLERK, (c) => c.title.includes('报修') && !c.closedLabel);
      expect(card.keys.some((k) => k.startsWith('dialog:cancel:'))).toBe(true);
      const done = await say(CLERK, '确认');
      expect(done).toMatch(/工单号 WX\d{8}-\d{3}/);
      const r = await env.bot.running.deps.db.models.Repair.findOne({
        number: TICKET.exec(done)?.[0],
      }).lean();
      expect(r).toMatchObject({ place: '中庭', billing: 'free', category: 'lighting' });
    });

    it('a cancelled dialog files nothing', async () => {
      const deps = env.bot.running.deps;
      const before = await deps.db.models.Approval.countDocuments();
      expect(await say(TENANT, '申请放行')).toContain('哪些物品');
      expect(await say(TENANT, '算了')).toContain('已取消');
      await sleep(300);
      expect(await deps.dialogs.get(platform, TENANT)).toBeUndefined();
      expect(await say(TENANT, '确认')).not.toMatch(TICKET);
      expect(await deps.db.models.Approval.countDocuments()).toBe(before);
    });

    it('continues a dialog correctly after the process restarts', async () => {
      expect(await say(TENANT, '申请放行')).toContain('哪些物品');
      await env.bot.restart();
      expect(await say(TENANT, '衣服 10箱')).toContain('什么时候出场');
      const at = env.chat.mark(TENANT);
      await env.chat.say(TENANT, '明天早上8点');
      const card = await env.chat.waitForCard(TENANT, (c) => c.title.includes('物品放行') && !c.closedLabel);
      expect(card.keys.some((k) => k.startsWith('dialog:confirm:'))).toBe(true);
      const reply = await say(TENANT, '确认');
      expect(reply).toMatch(/已提交物品放行申请，单号 SP\d{8}-\d{3}/);
      const number = TICKET.exec(reply)?.[0] ?? '';
      const a = await env.bot.running.deps.db.models.Approval.findOne({ number }).lean();
      expect(a?.details.map((d) => d.value)).toEqual(expect.arrayContaining(['衣服 10箱']));
      expect(env.chat.texts(TENANT, at).join('\n')).not.toContain('请先绑定');
      await env.chat.waitForCard(SENIOR, (c) => c.title.includes(number) || c.title.includes('物品放行'));
    });

    it('takes a correction ("改成…") before confirming', async () => {
      await env.chat.say(TENANT, '申请放行 衣服5箱 明天下午3点');
      await env.chat.waitForCard(TENANT, (c) => c.title.includes('物品放行') && !c.closedLabel);
      const reply = await say(TENANT, '改成明天下午4点');
      expect(reply).toContain('已修改');
      const done = await say(TENANT, '确认');
      const number = TICKET.exec(done)?.[0] ?? '';
      const a = await env.bot.running.deps.db.models.Approval.findOne({ number }).lean();
      expect(a?.details.find((d) => d.key === 'when')?.value).toMatch(/16:00$/);
    });

    it('files an urgent safety case at once, without confirmation, and pages the on-duty staff', async () => {
      const reply = await say(TENANT, '电梯里有人被困！快来人');
      expect(reply).toMatch(/已紧急通知.*单号 WX\d{8}-\d{3}/);
      const number = TICKET.exec(reply)?.[0] ?? '';
      for (const staff of [ENGINEER, SENIOR]) {
        const card = await env.chat.waitForCard(staff, (c) => c.title.includes(number));
        expect(card.title).toContain('紧急');
      }
      // Security has nothing to press: on WeCom the notice arrives as text, on DingTalk as a card.
      if (platform === 'wecom')
        await env.chat.waitForText(GUARD, (t) => t.includes(number) && t.includes('到场'), 0);
      else expect((await env.chat.waitForCard(GUARD, (c) => c.title.includes(number))).keys).toEqual([]);
    });

    it('asks an unbound user to bind, refuses wrong codes, and cools down after 5 tries', async () => {
      expect(await say('newcomer', '铺里漏水了')).toContain('绑定');
      for (let i = 1; i <= 4; i++)
        expect(await say('newcomer', '绑定 B1-23 000000')).toContain(`还可以再试 ${5 - i} 次`);
      expect(await say('newcomer', '绑定 B1-23 000000')).toContain('分钟后再试');
      // Even the right code is refused during the cool-down.
      const { code } = await env.bot.running.deps.services.binding.issue('B1-23', 'test');
      expect(await say('newcomer', `绑定 B1-23 ${code}`)).toContain('分钟后再试');
      const refused = await env.bot.running.deps.repos.audit.find({
        action: 'bind.attempt',
        outcome: 'refused',
      });
      expect(refused.filter((r) => r.actorPlatformUserId === 'newcomer').length).toBeGreaterThanOrEqual(5);
    });

    it('binds an unbound user with a code from the front desk', async () => {
      const issued = await say(CLERK, '发绑定码 A1023');
      const code = /绑定码：(\d{6})/.exec(issued)?.[1];
      expect(code).toBeDefined();
      expect(await say('newcomer2', `绑定 A1023 ${code}`)).toContain('绑定成功');
      expect(await say('newcomer2', `绑定 A1023 ${code}`)).toContain('无需重复绑定');
      const status = await say('newcomer2', '我的报修怎么样了');
      expect(status).not.toContain('B1-23');
    });

    it('never drops a unit code it does not know: it asks to confirm it', async () => {
      expect(await say(TENANT, 'D3-15隔壁太吵')).toContain('没有找到铺位 D3-15，请确认铺位号');
      expect(await say(TENANT, '取消')).toContain('取消');
      expect(await say(TENANT, 'e1 07漏水了')).toContain('没有找到铺位 E1-07，请确认铺位号');
      expect(await say(TENANT, '取消')).toContain('取消');
    });

    it('answers bad input with a clear Chinese message and keeps working', async () => {
      expect(await say(TENANT, '😡😡😡')).toContain('表情');
      expect(await say(TENANT, '漏'.repeat(10_000))).toContain('太长');
      expect(await say(TENANT, '   ')).toContain('空');
      expect(await say(TENANT, '205铺申请换锁')).toContain('只能为自己的铺位');
      expect(await say(TENANT, '取消')).toContain('取消');
      expect(await say(TENANT, '你好')).toContain('您好');
    });

    it('never shows one tenant another tenant’s records', async () => {
      const mine = await say(TENANT, '我的报修怎么样了');
      const number = TICKET.exec(mine)?.[0];
      expect(number).toBeDefined();
      expect(await say(OTHER_TENANT, `查一下${number}`)).toContain('没有找到');
      expect(await say(OTHER_TENANT, '我的报修怎么样了')).not.toContain(number);
    });

    it('quotes move-in fees by the rulebook formulas and gives role help', async () => {
      const fees = await say(TENANT, '我的铺56平方要交多少按金');
      expect(fees).toContain('56㎡');
      expect(fees).toContain('水电周转金：15元/㎡ × 56㎡ = 840元');
      expect(await say(TENANT, '帮助')).toContain('物品放行');
      expect(await say(SENIOR, '帮助')).toContain('审批');
    });

    it('lets the on-duty approver decide from the card, and every copy updates', async () => {
      await say(TENANT, '申请张贴告示');
      await say(TENANT, '开业促销海报');
      await say(TENANT, '店门口');
      // A posting says until when (its removal is reminded then).
      await env.chat.say(TENANT, '下个月底');
      await env.chat.waitForCard(TENANT, (c) => c.title.includes('张贴') && !c.closedLabel);
      const at = env.chat.mark(TENANT);
      await say(TENANT, '确认');
      const approval = await eventually(async () =>
        env.bot.running.deps.db.models.Approval.findOne({ type: 'posting' }).sort({ createdAt: -1 }).lean(),
      );
      const mineCard = (c: { cardId: string }) => c.cardId.startsWith(`ap-${approval?._id.toString()}-0-`);
      const c1 = await env.chat.waitForCard(SENIOR, mineCard);
      await env.chat.waitForCard(SENIOR2, mineCard);
      await env.chat.click(SENIOR, c1.cardId, c1.keys.find((k) => k.includes(':approve:'))!);
      await env.chat.waitForCard(SENIOR2, (c) => mineCard(c) && (c.closedLabel ?? '').startsWith('已同意'));
      await env.chat.waitForText(TENANT, (t) => t.includes('审批通过'), at);
    });
  });
};
