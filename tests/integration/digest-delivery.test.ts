import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WeComEmulator } from '../../emulators/wecom/wecom-emulator.js';
import { addStaff } from '../helpers/fixtures.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { moveClock, settle } from '../helpers/timers.js';
import { eventually } from '../helpers/wait.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
const people = [
  { name: '孙总', userId: 'dg-leader', roles: ['leader'] as const },
  { name: '郑经理', userId: 'dg-mgr', roles: ['manager'] as const },
  { name: '吴副经理', userId: 'dg-dep', roles: ['deputy_manager'] as const },
  { name: '刘助理', userId: 'dg-asst', roles: ['assistant'] as const },
];

describe('the weekly complaint digest, delivered', () => {
  let bot: TestBot;
  let emu: WeComEmulator;
  const digests = (user: string) => emu.texts(user).filter((t) => t.startsWith('**商场投诉周报'));
  const images = (user: string) => emu.inbox(user).filter((i) => i.msgtype === 'image');

  beforeAll(async () => {
    bot = await startTestBot({
      wecom: { users: people.map((p) => p.userId) },
      env: ({ wecom }) => ({ DEV_CLOCK: '1', DIGEST_WECOM_ROBOT_URL: wecom?.robotUrl('robot-key-1') ?? '' }),
    });
    emu = bot.wecom as WeComEmulator;
    const deps = bot.running.deps;
    for (const p of people)
      await addStaff(deps, {
        name: p.name,
        roles: [...p.roles],
        employeeNo: p.userId,
        accounts: [{ platform: 'wecom', userId: p.userId }],
      });
    await moveClock(bot, { to: '2026-11-29T12:00:00+08:00' });
    await settle(bot);
    const base = {
      text: '测试',
      reporterId: new Types.ObjectId(),
      channel: { platform: 'wecom', userId: 'x', conversationId: '' },
    };
    const at = (s: string) => new Date(`${s}+08:00`);
    await deps.db.conn.collection('complaints').insertMany([
      {
        ...base,
        number: 'TS1',
        sourceKey: 's1',
        kind: 'general',
        category: 'noise',
        status: 'closed',
        floor: 'B1',
        shopCode: 'B1-23',
        createdAt: at('2026-11-24T10:00:00'),
        firstRepliedAt: at('2026-11-24T11:00:00'),
        closedAt: at('2026-11-25T10:00:00'),
        rating: 5,
        replyDueAt: at('2026-11-25T10:00:00'),
      },
      {
        ...base,
        number: 'TS2',
        sourceKey: 's2',
        kind: 'major',
        category: 'noise',
        status: 'open',
        floor: 'B1',
        shopCode: 'B1-23',
        createdAt: at('2026-11-26T10:00:00'),
        replyDueAt: at('2026-11-26T12:00:00'),
      },
      {
        ...base,
        number: 'TS3',
        sourceKey: 's3',
        kind: 'general',
        category: 'hygiene',
        status: 'handling',
        floor: '',
        shopCode: '',
        createdAt: at('2026-11-28T10:00:00'),
        replyDueAt: at('2026-11-29T10:00:00'),
      },
      {
        ...base,
        number: 'TS4',
        sourceKey: 's4',
        kind: 'general',
        category: 'fees',
        status: 'open',
        floor: '2F',
        shopCode: '205',
        createdAt: at('2026-11-20T10:00:00'),
        replyDueAt: at('2026-11-21T10:00:00'),
      },
    ]);
    // Work orders and approvals for the month-end counts (two open orders, one closed).
    const conn = deps.db.conn;
    await conn.collection('repairs').insertMany([
      { number: 'WX1', status: 'reported', category: 'leak', createdAt: at('2026-11-10T10:00:00') },
      { number: 'WX2', status: 'in_progress', category: 'lift', createdAt: at('2026-11-12T10:00:00') },
      { number: 'WX3', status: 'closed', category: 'leak', createdAt: at('2026-11-13T10:00:00') },
    ]);
    await conn.collection('approvals').insertMany([
      { number: 'SP1', type: 'goods_release', status: 'pending', createdAt: at('2026-11-20T10:00:00') },
      { number: 'SP2', type: 'key_loan', status: 'approved', createdAt: at('2026-11-21T10:00:00') },
      { number: 'SP3', type: 'key_loan', status: 'approved', createdAt: at('2026-10-21T10:00:00') },
    ]);
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('reaches leadership, the manager and the deputy on Monday 09:00 with its chart, and the group robot, once', async () => {
    await moveClock(bot, { to: '2026-11-30T08:59:00+08:00' });
    await settle(bot);
    expect(digests('dg-mgr')).toEqual([]);
    await moveClock(bot, { to: '2026-11-30T09:00:00+08:00' });
    await eventually(
      async () => digests('dg-dep').length > 0 && images('dg-dep').length > 0,
      20_000,
      'the digest',
    );
    await settle(bot);
    for (const u of ['dg-leader', 'dg-mgr', 'dg-dep']) {
      expect(digests(u)).toHaveLength(1);
      expect(images(u)).toHaveLength(1);
    }
    expect(digests('dg-asst')).toEqual([]);
    const text = digests('dg-mgr')[0] ?? '';
    expect(text).toContain('本周新增投诉 **3** 件');
    expect(text).toContain('超过承诺回复时间仍未处理：**3** 件');
    expect(text).toContain('重复投诉商户 1 家：B1-23（2次）');
    expect(text).toContain('满意度：平均 5.0 分（1 人评价）');
    const media = [...emu.state.media.values()].filter((m) => m.filename === 'weekly-2026-11-23.png');
    expect(media.length).toBeGreaterThanOrEqual(1);
    // The group robot: the summary and the chart, a real PNG.
    // Only the weekly digest's posts (the cleaning handover book goes to the same group).
    const posts = emu.robots.posts.filter((p) => p.text?.includes('商场投诉周报') || p.msgtype === 'image');
    expect(posts.slice(0, 2).map((p) => p.msgtype)).toEqual(['markdown', 'image']);
    expect(posts[0]?.text).toContain('商场投诉周报（11月23日—11月29日）');
    expect(posts[1]?.image?.subarray(0, 4).equals(PNG)).toBe(true);
    // Later sweeps (and a whole later day) send nothing more.
    await moveClock(bot, { advanceMinutes: 1 });
    await bot.running.deps.timers.digests.sweep();
    await moveClock(bot, { advanceMinutes: 60 * 20 });
    await settle(bot);
    expect(digests('dg-mgr')).toHaveLength(1);
    expect(
      emu.robots.posts.filter((p) => p.text?.includes('商场投诉周报') || p.msgtype === 'image'),
    ).toHaveLength(2);
    // Meanwhile 18:00 on 30 November passed: the month-end counts reached the manager, once.
    const monthEnd = emu.texts('dg-mgr').filter((t) => t.includes('11月月末统计'));
    expect(monthEnd).toHaveLength(1);
    expect(monthEnd[0]).toContain('未完成工程单 **2** 件');
    expect(monthEnd[0]).toContain('审批中的申请：物品放行 1');
    expect(monthEnd[0]).toContain('本月借用钥匙：已通过 1');
    expect(emu.texts('dg-dep').filter((t) => t.includes('月末统计'))).toEqual([]);
    const run = await bot.running.deps.timers.digests.get('weekly-complaints', '2026-11-23');
    expect(run).toMatchObject({
      status: 'done',
      groupSent: ['wecom-robot:markdown', 'wecom-robot:image'],
    });
    expect(run?.groupFailed ?? []).toEqual([]);
  });

  it('records a group robot that refuses for good and tells the manager; a passing failure is retried', async () => {
    // Other digests (the cleaning handover book) post to the same group: fail the weekly's own posts.
    const weekly = (b: Record<string, unknown>) =>
      JSON.stringify(b.markdown ?? '').includes('商场投诉周报') || b.msgtype === 'image';
    emu.robots.failNext(93000, 1, weekly); // the markdown: robot removed (permanent)
    emu.robots.failNext(-1, 1, weekly); // the image: system busy (retried with backoff)
    await moveClock(bot, { to: '2026-12-07T09:00:00+08:00' });
    await eventually(
      async () => emu.texts('dg-mgr').some((t) => t.includes('【推送失败】')),
      20_000,
      'the failure notice',
    );
    await eventually(
      async () =>
        (await bot.running.deps.timers.digests.get('weekly-complaints', '2026-11-30'))?.status === 'done',
      30_000,
      'the run to finish after its retry',
    );
    const run = await bot.running.deps.timers.digests.get('weekly-complaints', '2026-11-30');
    expect((run?.groupFailed ?? []).map((f) => `${f.target}:${f.part}`)).toEqual(['wecom-robot:markdown']);
    expect(run?.groupSent).toEqual(['wecom-robot:image']);
    expect(digests('dg-mgr')).toHaveLength(2);
    expect(emu.texts('dg-mgr').filter((t) => t.includes('【推送失败】'))).toHaveLength(1);
    // The busy robot cost one retry of the period's one job (people got their copies once).
    const job = await bot.running.deps.queues.queue('timers').getJob('digest-weekly-complaints-2026-11-30');
    expect(job?.attemptsMade).toBe(2);
  }, 60_000);
});
