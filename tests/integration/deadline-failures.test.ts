import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WeComEmulator } from '../../emulators/wecom/wecom-emulator.js';
import { DEMO_USERS } from '../../scripts/dev-stack.js';
import { seedDemoMall } from '../../src/seed/demo-mall.js';
import type { DashDigest } from '../../web/shared/dashboard-api.js';
import { DashboardClient, LOGIN_LINK } from '../helpers/dashboard-http.js';
import { freePort } from '../helpers/free-port.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { moveClock, settle, TestDeadlineKind, type TestItem } from '../helpers/timers.js';
import { eventually } from '../helpers/wait.js';

const USER = 'dl-user';
const MANAGER = 'staff-zheng';

/**
 * Deadline steps that fail for good (issue 14, delivery discipline): the platform refusing a
 * step's message, or the step's job using up its attempts, is recorded once per step, told to
 * the manager once, and listed on the dashboard.
 */
describe('permanent failures of deadline steps', () => {
  let bot: TestBot;
  let emu: WeComEmulator;
  let kind: TestDeadlineKind;

  beforeAll(async () => {
    const port = await freePort();
    bot = await startTestBot({
      wecom: { users: [...DEMO_USERS, USER], memberLimitPerMinute: 1000 },
      overrides: { wecomMemberLimit: { limit: 1000, windowMs: 60_000 } },
      env: { DEV_CLOCK: '1', PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}` },
    });
    emu = bot.wecom as WeComEmulator;
    const deps = bot.running.deps;
    await seedDemoMall(deps.db, deps.repos.shops, deps.repos.people, ['wecom']);
    kind = new TestDeadlineKind(deps.db.conn.collection<TestItem>('test_deadlines'));
    await kind.items.createIndex({ dueAt: 1 });
    deps.timers.registry.register(kind);
    // Monday 10:00: the manager keeps office hours and is on duty.
    await moveClock(bot, { to: '2026-11-30T10:00:00+08:00' });
    await settle(bot);
  });
  afterAll(async () => {
    await bot?.close();
  });

  const managerTexts = (head: string) => emu.texts(MANAGER).filter((t) => t.startsWith(head));
  const add = async (id: string, minutes: number) =>
    kind.items.insertOne({
      _id: id,
      dueAt: new Date(bot.running.deps.clock.now().getTime() + minutes * 60_000),
      nextSteps: [],
      claimed: [],
      userId: USER,
    });

  it('a step whose message the platform refuses for good is recorded and told to the manager once', async () => {
    await add('refused', 5);
    emu.state.failNext('/message/send', 81013, 1); // no valid recipient: no retry fixes it
    await moveClock(bot, { advanceMinutes: 5 });
    await settle(bot);
    expect(emu.texts(USER).filter((t) => t.startsWith('提醒 refused'))).toEqual([]);
    const told = await eventually(async () => {
      const t = managerTexts('【提醒未送达】');
      return t.length > 0 ? t : undefined;
    });
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('提醒 refused 第1步');
    expect(told[0]).toContain(`wecom:${USER}`);
    const rows = await bot.running.deps.db.models.DeadlineFailure.find({}).lean();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'test-steps', itemId: 'refused', where: 'delivery' });

    // The same step failing again (a rerun, another copy) tells nobody again.
    const failures = bot.running.deps.timers.failures;
    const step = failures.stepOf(rows[0]?._id ?? '');
    expect(step).toMatchObject({ kind: 'test-steps', itemId: 'refused' });
    if (!step) throw new Error('no step');
    expect(await failures.jobFailed(step, 'again')).toBe(false);
    await settle(bot);
    expect(managerTexts('【提醒未送达】')).toHaveLength(1);
    expect(managerTexts('【提醒发送失败】')).toHaveLength(0);
  });

  it('a step whose job uses up its attempts is recorded and told to the manager once', async () => {
    kind.beforeNotify = async () => {
      throw new Error('store hiccup that never ends');
    };
    await add('stuck', 5);
    await moveClock(bot, { advanceMinutes: 5 });
    // Five attempts with exponential backoff (2 + 4 + 8 + 16 s).
    const told = await eventually(
      async () => {
        const t = managerTexts('【提醒发送失败】');
        return t.length > 0 ? t : undefined;
      },
      60_000,
      'the manager told of the stuck step',
    );
    kind.beforeNotify = undefined;
    expect(told[0]).toContain('多次重试仍未能完成');
    expect(told[0]).toContain('store hiccup that never ends');
    const row = await bot.running.deps.db.models.DeadlineFailure.findOne({ itemId: 'stuck' }).lean();
    expect(row).toMatchObject({ kind: 'test-steps', where: 'job' });
    await settle(bot);
    expect(managerTexts('【提醒发送失败】')).toHaveLength(1);
  }, 90_000);

  it('the dashboard lists both for the manager', async () => {
    const at = emu.lastSeq(MANAGER);
    await emu.sendText(MANAGER, '登录后台');
    const reply = await emu.waitForMessage(MANAGER, (m) => LOGIN_LINK.test(m.text ?? ''), 15_000, at);
    const link = LOGIN_LINK.exec(reply.text ?? '')?.[0] ?? '';
    const client = new DashboardClient(bot.url);
    expect((await client.open(link)).status).toBe(303);
    const r = await client.get('/dashboard/api/digest');
    expect(r.status).toBe(200);
    const d = (await r.json()) as DashDigest;
    expect(d.failures.map((f) => (f.what || f.error).slice(0, 16))).toEqual([
      'store hiccup tha',
      '提醒 refused 第1步 @',
    ]);
    expect(d.failures[1]?.recipients).toEqual([`wecom:${USER}`]);
  });
});
