import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WeComEmulator } from '../../emulators/wecom/wecom-emulator.js';
import { firstApprovalRung } from '../../src/deadlines/kinds/approval-step.kind.js';
import { DEFAULT_LADDERS } from '../../src/deadlines/ladders/default-ladders.js';
import type { ApprovalView } from '../../src/domain/approval/approval.types.js';
import type { Shift } from '../../src/domain/people/people.types.js';
import { addStaff, addTenant, submitApproval } from '../helpers/fixtures.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { moveClock, settle } from '../helpers/timers.js';

const every = (...shifts: Shift[]) =>
  [0, 1, 2, 3, 4, 5, 6].flatMap((weekday) => shifts.map((shift) => ({ weekday, shift })));
const users = ['ap-early', 'ap-late', 'ap-mgr', 'ap-tenant'];

describe('an approval step waiting too long, through holidays, make-up days and shifts', () => {
  let bot: TestBot;
  let emu: WeComEmulator;
  let n = 0;

  beforeAll(async () => {
    bot = await startTestBot({ wecom: { users }, env: { DEV_CLOCK: '1' } });
    emu = bot.wecom as WeComEmulator;
    const deps = bot.running.deps;
    const staff = async (
      name: string,
      userId: string,
      roles: ['senior_assistant'] | ['manager'],
      duty = every(),
    ) => {
      const p = await addStaff(deps, {
        name,
        roles,
        employeeNo: userId,
        accounts: [{ platform: 'wecom', userId }],
      });
      await deps.db.models.Person.updateOne({ _id: p.id }, { $set: { duty } });
    };
    await staff('早班陈', 'ap-early', ['senior_assistant'], every('early'));
    await staff('晚班林', 'ap-late', ['senior_assistant'], every('middle', 'night'));
    await staff('郑经理', 'ap-mgr', ['manager'], []);
  });
  afterAll(async () => {
    await bot?.close();
  });

  /** Files a goods release at `at` and stores its first rung, as the approval lifecycle will. */
  const file = async (at: string): Promise<ApprovalView> => {
    const deps = bot.running.deps;
    await moveClock(bot, { to: at });
    n++;
    const tenant = await addTenant(deps, {
      name: `商户${n}`,
      shopCode: `T-${n}`,
      accounts: n === 1 ? [{ platform: 'wecom', userId: 'ap-tenant' }] : [],
    });
    const a = await submitApproval(deps, {
      type: 'goods_release',
      requester: tenant,
      platform: 'wecom',
      userId: 'ap-tenant',
      shopCode: `T-${n}`,
      text: '出货10箱',
      sourceKey: `ap-test-${n}`,
    });
    const remindAt = firstApprovalRung(DEFAULT_LADDERS, a.type, new Date(at), deps.time);
    await deps.db.models.Approval.updateOne({ _id: a.id }, { $set: { remindAt, escalationLevel: 0 } });
    await settle(bot);
    return a;
  };
  const at = async (to: string) => {
    await moveClock(bot, { to });
    await settle(bot);
  };
  /** The deadline texts a user got about one approval. */
  const pings = (user: string, a: ApprovalView) =>
    emu.texts(user).filter((t) => t.includes(a.number) && /【审批(提醒|转交|超时)】/.test(t));
  const cards = (user: string, a: ApprovalView) =>
    emu.cards(user).filter((c) => c.taskId.startsWith(`ap-${a.id}-`));

  it('reminds on shift, holds the pass-on for the next shift, and skips the National Day week for the manager', async () => {
    const a = await file('2026-09-30T17:00:00+08:00'); // Wednesday; the late senior is on shift
    expect(cards('ap-late', a)).toHaveLength(1);
    await at('2026-09-30T17:29:00+08:00');
    expect(pings('ap-late', a)).toEqual([]);
    await at('2026-09-30T17:30:00+08:00');
    expect(pings('ap-late', a)).toEqual([expect.stringContaining('【审批提醒】')]);
    expect(pings('ap-late', a)[0]).toContain('已等待30分钟');
    expect(cards('ap-late', a)).toHaveLength(2); // the reminder carries the buttons again
    // 18:00: pass to the other holder, who is off shift until 08:00: held, nothing sent.
    await at('2026-09-30T18:00:00+08:00');
    await at('2026-10-01T07:59:00+08:00');
    expect(pings('ap-early', a)).toEqual([]);
    await at('2026-10-01T08:00:00+08:00');
    expect(pings('ap-early', a)).toEqual([expect.stringContaining('【审批转交】')]);
    expect(cards('ap-early', a)).toHaveLength(1);
    // 10:00 on National Day: the manager's rung is held for the first working day after the holidays.
    await at('2026-10-01T10:00:00+08:00');
    await at('2026-10-08T08:59:00+08:00');
    expect(pings('ap-mgr', a)).toEqual([]);
    await at('2026-10-08T09:00:00+08:00');
    expect(pings('ap-mgr', a)).toEqual([expect.stringContaining('【审批超时】')]);
    // The top of the ladder: weeks later nothing more, and each rung fired exactly once.
    await at('2026-10-29T09:00:00+08:00');
    expect([pings('ap-late', a), pings('ap-early', a), pings('ap-mgr', a)].map((p) => p.length)).toEqual([
      1, 1, 1,
    ]);
    const row = await bot.running.deps.db.models.Approval.findById(a.id).lean();
    expect(row?.remindAt).toBeUndefined();
    expect(
      row?.history.filter((h) => h.action === 'deadline.approval-step').map((h) => h.at.toISOString()),
    ).toEqual(['2026-09-30T09:30:00.000Z', '2026-10-01T00:00:00.000Z', '2026-10-08T01:00:00.000Z']);
  });

  it('honours a make-up Saturday for the manager and holds a plain Saturday until Monday', async () => {
    const makeup = await file('2026-10-10T12:00:00+08:00'); // 调休: a working Saturday
    await at('2026-10-10T12:30:00+08:00');
    expect(pings('ap-early', makeup)).toHaveLength(1);
    await at('2026-10-10T13:00:00+08:00');
    expect(pings('ap-late', makeup)).toEqual([]); // the late shift starts at 14:00
    await at('2026-10-10T14:00:00+08:00');
    expect(pings('ap-late', makeup)).toHaveLength(1);
    await at('2026-10-10T16:00:00+08:00');
    expect(pings('ap-mgr', makeup)).toEqual([expect.stringContaining('【审批超时】')]);

    const plain = await file('2026-10-17T12:00:00+08:00');
    await at('2026-10-17T12:30:00+08:00');
    await at('2026-10-17T14:00:00+08:00');
    await at('2026-10-17T16:00:00+08:00');
    expect(pings('ap-mgr', plain)).toEqual([]);
    await at('2026-10-19T08:59:00+08:00');
    expect(pings('ap-mgr', plain)).toEqual([]);
    await at('2026-10-19T09:00:00+08:00');
    expect(pings('ap-mgr', plain)).toHaveLength(1);
    expect(pings('ap-early', plain)).toHaveLength(1);
    expect(pings('ap-late', plain)).toHaveLength(1);
  });

  it('stops the ladder once the step is decided', async () => {
    const deps = bot.running.deps;
    const a = await file('2026-11-02T10:00:00+08:00');
    const card = cards('ap-early', a)[0];
    expect(card).toBeDefined();
    await emu.click('ap-early', card?.taskId ?? '', card?.keys.find((k) => k.includes(':approve:')) ?? '');
    await settle(bot);
    expect((await deps.repos.approvals.get(a.id))?.status).toBe('approved');
    await at('2026-11-02T13:00:00+08:00');
    expect([...pings('ap-early', a), ...pings('ap-late', a), ...pings('ap-mgr', a)]).toEqual([]);
    expect((await deps.db.models.Approval.findById(a.id).lean())?.remindAt).toBeUndefined();
  });
});
