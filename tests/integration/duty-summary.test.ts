import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WeComEmulator } from '../../emulators/wecom/wecom-emulator.js';
import { DEMO_USERS } from '../../scripts/dev-stack.js';
import { seedDemoMall } from '../../src/seed/demo-mall.js';
import { chatKit } from '../e2e/scenarios/lifecycle.helpers.js';
import { wecomDriver } from '../helpers/chat-driver.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { moveClock, settle } from '../helpers/timers.js';

const HEAD = '【值班小结】';
const week = (shift: 'early' | 'middle' | 'night') =>
  [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, shift }));

/**
 * The daily duty summary (issue 14): the clock moves hour by hour through a day; at the end of each
 * shift the senior assistant who held it gets exactly one summary of that shift, and a shift nobody
 * held sends nothing.
 */
describe('daily duty summary at the end of each shift', () => {
  let bot: TestBot;
  let emu: WeComEmulator;

  beforeAll(async () => {
    bot = await startTestBot({
      wecom: { users: DEMO_USERS, memberLimitPerMinute: 1000 },
      overrides: { wecomMemberLimit: { limit: 1000, windowMs: 60_000 } },
      env: { DEV_CLOCK: '1' },
    });
    emu = bot.wecom as WeComEmulator;
    const deps = bot.running.deps;
    await seedDemoMall(deps.db, deps.repos.shops, deps.repos.people, ['wecom']);
    deps.units.invalidate();
    // 陈主管 holds every 早班, 林主管 every 中班; nobody holds the 夜班.
    const P = deps.db.models.Person;
    await P.updateOne({ employeeNo: 'E004' }, { $set: { duty: week('early') } });
    await P.updateOne({ employeeNo: 'E005' }, { $set: { duty: week('middle') } });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('sends exactly one summary per held shift to the person who held it, with the shift’s figures', async () => {
    const k = chatKit(bot, wecomDriver(emu), 'wecom');
    await moveClock(bot, { to: '2026-12-01T07:00:00+08:00' });
    await settle(bot);
    const summaries = (user: string) => emu.texts(user).filter((t) => t.startsWith(HEAD));
    const before = { chen: summaries('staff-chen').length, lin: summaries('staff-lin').length };
    // 09:00, in the 早班: a tenant files a complaint (and it is taken at once).
    await moveClock(bot, { to: '2026-12-01T09:00:00+08:00' });
    const { number } = await k.file('tenant-b1-23', '隔壁音乐太吵了');
    expect(number).toMatch(/^TS/);
    await k.press('staff-liu', number, 'take');
    // Hour by hour until 09:00 the next day (past the end of the 早班, 中班 and 夜班).
    for (let h = 0; h < 24; h++) {
      await moveClock(bot, { advanceMinutes: 60 });
      await settle(bot);
    }
    const chen = summaries('staff-chen').slice(before.chen);
    const lin = summaries('staff-lin').slice(before.lin);
    expect(chen).toHaveLength(1);
    expect(lin).toHaveLength(1);
    expect(chen[0]).toContain('12月1日早班（08:00—16:00）');
    expect(chen[0]).toContain('投诉：新增 1 · 受理 1 · 办结 0');
    expect(chen[0]).toContain('巡场：【漏巡】本班没有巡场记录');
    expect(lin[0]).toContain('12月1日中班（14:00—22:00）');
    expect(lin[0]).toContain('投诉：新增 0 · 受理 0');
    // Nobody else gets one; the 夜班 nobody held sent nothing and says so on its ledger row.
    for (const u of DEMO_USERS.filter((x) => x !== 'staff-chen' && x !== 'staff-lin'))
      expect(summaries(u)).toEqual([]);
    const runs = bot.running.deps.timers.digests;
    expect((await runs.get('duty-summary', '2026-12-01-night'))?.summary).toEqual({ holders: 0 });
    expect((await runs.get('duty-summary', '2026-12-01-early'))?.summary).toMatchObject({ holders: 1 });
    // The sweep again, twice at once: nothing new.
    await Promise.all([runs.sweep(), runs.sweep()]);
    await settle(bot);
    expect(summaries('staff-chen').slice(before.chen)).toHaveLength(1);
    expect(summaries('staff-lin').slice(before.lin)).toHaveLength(1);
  }, 120_000);
});
