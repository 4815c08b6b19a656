import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoMall } from '../../src/seed/demo-mall.js';
import { type ChatDriver, wecomDriver } from '../helpers/chat-driver.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { moveClock, settle } from '../helpers/timers.js';
import { eventually } from '../helpers/wait.js';

const ASSISTANT = 'staff-liu';
const MANAGER = 'staff-zheng';
const CONTRACTOR = 'cleaner-he';
const USERS = [ASSISTANT, MANAGER, CONTRACTOR, 'staff-chen', 'staff-lin', 'staff-sun', 'tenant-a1023'];

/**
 * The violation ladder and the cleaning settlement follow the configured figures, not the
 * rulebook's defaults (which tests/e2e/scenarios/inspections.scenarios.ts checks): a second
 * offence calls in the manager, an unnamed fix-by time is 30 minutes, and the month is settled
 * at 48 000 yuan less 80 a point.
 */
describe('inspection figures from the configuration (WeCom)', () => {
  let bot: TestBot;
  let chat: ChatDriver;
  const say = async (user: string, text: string, match: (t: string) => boolean): Promise<string> => {
    const at = chat.mark(user);
    await chat.say(user, text);
    return chat.waitForText(user, match, at);
  };

  beforeAll(async () => {
    bot = await startTestBot({
      wecom: { memberLimitPerMinute: 1000 },
      overrides: { wecomMemberLimit: { limit: 1000, windowMs: 60_000 } },
      env: {
        DEV_CLOCK: '1',
        VIOLATION_REPEAT_THRESHOLD: '2',
        VIOLATION_FIX_MINUTES: '30',
        CLEANING_MONTHLY_FEE_YUAN: '48000',
        CLEANING_YUAN_PER_POINT: '80',
      },
    });
    chat = wecomDriver(bot.wecom!);
    for (const u of USERS) chat.addUser(u);
    const deps = bot.running.deps;
    await seedDemoMall(deps.db, deps.repos.shops, deps.repos.people, ['wecom']);
    deps.units.invalidate();
    const allDay = [0, 1, 2, 3, 4, 5, 6].flatMap((weekday) =>
      (['early', 'middle', 'night'] as const).map((shift) => ({ weekday, shift })),
    );
    await deps.db.models.Person.updateMany({ kind: 'staff' }, { $set: { duty: allDay } });
    await moveClock(bot, { to: '2026-12-01T10:00:00+08:00' });
    await settle(bot);
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('a second offence calls in the manager and an unnamed fix-by time is the configured 30 minutes', async () => {
    await say(ASSISTANT, '开始巡场', (t) => t.includes('已开始巡场'));
    const first = await say(ASSISTANT, 'A1023 店外摆卖占道', (t) => t.includes('第 1 项'));
    expect(first).toContain('该铺第 1 次');
    expect(first).toContain('12月1日 10:30');
    expect(first).not.toContain('已通知高级物业助理和经理');
    const managerAt = chat.mark(MANAGER);
    const second = await say(ASSISTANT, 'A1023 门口乱贴广告', (t) => t.includes('第 2 项'));
    expect(second).toContain('该铺第 2 次');
    expect(second).toContain('已通知高级物业助理和经理');
    await chat.waitForText(MANAGER, (t) => t.includes('屡次违章') && t.includes('第 2 次'), managerAt);
    const v = await bot.running.deps.db.models.Violation.findOne({ shopCode: 'A1023', offenceNo: 2 }).lean();
    expect(v?.escalated).toBe(true);
    await say(ASSISTANT, '结束巡场', (t) => t.includes('已结束'));
  });

  it('the month-end settlement uses the configured contract', async () => {
    const reply = await say(ASSISTANT, '清洁扣分 C02 2楼女洗手间有异味', (t) => t.includes('清洁扣分'));
    const number = /QJ\d{8}-\d{3}/.exec(reply)?.[0] ?? '';
    const card = await chat.waitForCard(
      CONTRACTOR,
      (c) => c.title.includes(number) && !c.closedLabel && c.keys.some((k) => k.includes(':confirm')),
    );
    await chat.click(CONTRACTOR, card.cardId, card.keys.find((k) => k.includes(':confirm')) ?? '');
    await eventually(
      async () =>
        (await bot.running.deps.db.models.Cleaning.findOne({ number }).lean())?.status === 'confirmed',
    );
    const at = chat.mark(MANAGER);
    await moveClock(bot, { to: '2026-12-31T18:05:00+08:00' });
    const sheet = await chat.waitForText(MANAGER, (t) => t.includes('清洁扣分统计及结算单'), at);
    expect(sheet).toContain('扣款：3 分 × 80 元 = 240 元');
    expect(sheet).toContain('结算金额：**47760 元**');
  });
});
