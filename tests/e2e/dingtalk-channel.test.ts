import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dingtalkRobotSign } from '../../emulators/shared/platform-crypto.js';
import { addStaff, addTenant, submitApproval } from '../helpers/fixtures.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { eventually, sleep } from '../helpers/wait.js';

const USERS = ['dt-tenant', 'dt-sa1', 'dt-sa2', 'dt-stranger'];

describe('DingTalk channel end to end (real app, FerretDB, Redis, emulator; Stream mode on)', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({
      dingtalk: { stream: true, emulator: { users: USERS } },
      // This suite also sends over HTTP callbacks: with Stream on they are mounted only on request.
      env: { DINGTALK_HTTP_CALLBACKS: 'true' },
    });
    const deps = bot.running.deps;
    await addTenant(deps, {
      name: '钟老板',
      shopCode: 'B1-08',
      accounts: [{ platform: 'dingtalk', userId: 'dt-tenant' }],
    });
    await addStaff(deps, {
      name: '甲主管',
      roles: ['senior_assistant'],
      employeeNo: 'D1',
      accounts: [{ platform: 'dingtalk', userId: 'dt-sa1' }],
    });
    await addStaff(deps, {
      name: '乙主管',
      roles: ['senior_assistant'],
      employeeNo: 'D2',
      accounts: [{ platform: 'dingtalk', userId: 'dt-sa2' }],
    });
    await eventually(async () => bot.running.stream?.connected, 10_000, 'stream connected');
  });
  afterAll(async () => {
    await bot?.close();
  });

  const stored = (text: string) =>
    bot.running.deps.repos.inbound
      .listByUser('dingtalk', 'dt-tenant')
      .then((all) => all.filter((e) => e.message?.text === text));

  it('a message by HTTP callback is stored once and answered through the session webhook', async () => {
    const emu = bot.dingtalk!;
    const at = emu.lastSeq('dt-tenant');
    const sessionsBefore = emu.state.calls.session;
    const r = await emu.sendText('dt-tenant', '你好', { via: 'http' });
    expect(r.status).toBe(200);
    await emu.waitForMessage('dt-tenant', (m) => (m.text ?? '').includes('您好'), 15_000, at);
    expect(await stored('你好')).toHaveLength(1);
    expect(emu.state.calls.session).toBeGreaterThan(sessionsBefore);
  });

  it('a message over Stream is acked after it is stored, stored once, and answered', async () => {
    const emu = bot.dingtalk!;
    const at = emu.lastSeq('dt-tenant');
    await emu.sendText('dt-tenant', '帮助', { via: 'stream' });
    await emu.waitForMessage('dt-tenant', (m) => (m.text ?? '').includes('物品放行'), 15_000, at);
    expect(await stored('帮助')).toHaveLength(1);
    expect(emu.gateway.unacked).toBe(0);
  });

  it('a re-delivered message (same msgId, HTTP then Stream) is stored and answered once', async () => {
    const emu = bot.dingtalk!;
    const at = emu.lastSeq('dt-tenant');
    const msg = emu.robotMessage('dt-tenant', '我的报修怎么样了', { msgId: 'dup-msg-1' });
    expect((await emu.postSigned(emu.callbackUrl, msg)).status).toBe(200);
    expect((await emu.postSigned(emu.callbackUrl, msg)).status).toBe(200);
    await emu.gateway.push('/v1.0/im/bot/messages/get', msg);
    await emu.waitForMessage('dt-tenant', () => true, 15_000, at);
    await sleep(1000);
    expect(await stored('我的报修怎么样了')).toHaveLength(1);
    expect(emu.inbox('dt-tenant').filter((m) => m.seq > at)).toHaveLength(1);
  });

  it('reconnects after a dropped Stream connection and loses nothing sent meanwhile', async () => {
    const emu = bot.dingtalk!;
    const before = emu.gateway.accepted;
    emu.gateway.dropAll();
    const at = emu.lastSeq('dt-tenant');
    // Pushed while no connection is up: the gateway keeps it until someone acks it.
    const acked = emu.sendText('dt-tenant', '断线期间的消息', { via: 'stream' });
    await eventually(async () => emu.gateway.accepted > before, 10_000, 'a new connection');
    await acked;
    await emu.waitForMessage('dt-tenant', () => true, 15_000, at);
    expect(await stored('断线期间的消息')).toHaveLength(1);
  });

  it('restarts a half-open connection (no frames, no close) through the watchdog', async () => {
    const emu = bot.dingtalk!;
    const before = emu.gateway.accepted;
    emu.gateway.freezeExisting();
    await eventually(
      async () => emu.gateway.accepted > before && emu.gateway.connectionCount > 0,
      15_000,
      'watchdog reconnect',
    );
    const at = emu.lastSeq('dt-tenant');
    await emu.sendText('dt-tenant', '半开连接之后', { via: 'stream' });
    await emu.waitForMessage('dt-tenant', () => true, 15_000, at);
  });

  it('does not ack a Stream frame it could not store; DingTalk re-delivers it and it is stored once', async () => {
    const emu = bot.dingtalk!;
    const deps = bot.running.deps;
    await deps.db.conn.close();
    const acked = emu.sendText('dt-tenant', '存储中断时的消息', { via: 'stream' });
    await sleep(1000);
    expect(emu.gateway.unacked).toBeGreaterThan(0);
    await deps.db.ready();
    await acked; // re-delivered (every 3 s here, ~60 s on DingTalk) and acked once stored
    await eventually(
      async () => (await stored('存储中断时的消息')).length === 1,
      15_000,
      'stored after the outage',
    );
  });

  it('falls back to the send API when the session webhook has expired', async () => {
    const emu = bot.dingtalk!;
    await bot.running.deps.dialogs.clear('dingtalk', 'dt-tenant');
    // (a) DingTalk says 300001 for a session it dropped early.
    let at = emu.lastSeq('dt-tenant');
    const batchBefore = emu.state.calls.batchSend;
    const msg = emu.robotMessage('dt-tenant', '谢谢');
    emu.state.expireSessions();
    await emu.postSigned(emu.callbackUrl, msg);
    await emu.waitForMessage('dt-tenant', (m) => (m.text ?? '').includes('不客气'), 15_000, at);
    expect(emu.state.calls.batchSend).toBeGreaterThan(batchBefore);
    // (b) A session that is about to lapse is not even tried.
    at = emu.lastSeq('dt-tenant');
    const sessionsBefore = emu.state.calls.session;
    await emu.sendText('dt-tenant', '好的谢谢', { via: 'http', sessionTtlMs: 2000 });
    await emu.waitForMessage('dt-tenant', () => true, 15_000, at);
    expect(emu.state.calls.session).toBe(sessionsBefore);
  });

  it('refuses a forged sign and an old timestamp with 401 and stores nothing', async () => {
    const emu = bot.dingtalk!;
    const count = await bot.running.deps.repos.inbound.count({ platform: 'dingtalk' });
    const msg = emu.robotMessage('dt-tenant', '伪造的消息');
    expect((await emu.postSigned(emu.callbackUrl, msg, { secret: 'not-the-secret' })).status).toBe(401);
    expect((await emu.postSigned(emu.callbackUrl, msg, { timestamp: Date.now() - 3_600_000 })).status).toBe(
      401,
    );
    const ts = String(Date.now());
    const res = await fetch(emu.callbackUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        timestamp: ts,
        sign: dingtalkRobotSign(ts, emu.appSecret),
      },
      body: '{broken',
    });
    expect(res.status).toBe(400);
    expect(await bot.running.deps.repos.inbound.count({ platform: 'dingtalk' })).toBe(count);
  });

  it('a card click by the right approver (over Stream) updates the card for everyone', async () => {
    const emu = bot.dingtalk!;
    const deps = bot.running.deps;
    const tenant = await deps.repos.people.byIdentity('dingtalk', 'dt-tenant');
    const a = await submitApproval(deps, {
      type: 'after_hours',
      requester: tenant!,
      platform: 'dingtalk',
      userId: 'dt-tenant',
      shopCode: 'B1-08',
      text: '今晚闭店后盘点',
      sourceKey: 'dt-approval',
    });
    const cardFor = (u: string) => emu.cardsOf(u).find((c) => c.outTrackId.startsWith(`ap-${a.id}-`));
    const c1 = await emu.waitFor(() => cardFor('dt-sa1'), 15_000, 'card for sa1');
    await emu.waitFor(() => cardFor('dt-sa2'), 15_000, 'card for sa2');
    expect(Object.values(c1.data).every((v) => typeof v === 'string')).toBe(true);
    // A card forwarded to someone without the role: DingTalk delivers the press; the bot refuses it.
    const key = emu.keysOf(c1).find((k) => k.includes(':approve:'))!;
    await emu.gateway.push('/v1.0/card/instances/callback', {
      type: 'actionCallback',
      outTrackId: c1.outTrackId,
      userId: 'dt-stranger',
      content: JSON.stringify({ cardPrivateData: { actionIds: [key], params: { action_key: key } } }),
    });
    await emu.waitForMessage(
      'dt-stranger',
      (m) => (m.text ?? '').includes('绑定') || (m.text ?? '').includes('无权'),
    );
    const refused = await eventually(async () => {
      const r = await deps.repos.audit.find({
        action: 'approval.approve',
        outcome: 'refused',
        targetId: a.id,
      });
      return r.length > 0 ? r : undefined;
    });
    expect(refused[0]?.actorPlatformUserId).toBe('dt-stranger');
    expect(cardFor('dt-sa1')?.data.closed).toBe('false');
    const asked = emu.lastSeq('dt-sa2');
    await emu.click(
      'dt-sa2',
      cardFor('dt-sa2')!.outTrackId,
      emu.keysOf(cardFor('dt-sa2')!).find((k) => k.includes(':reject:'))!,
    );
    // A rejection needs a reason: the bot asks for it in chat, then decides.
    await emu.waitForMessage('dt-sa2', (m) => (m.text ?? '').includes('驳回原因'), 15_000, asked);
    await emu.sendText('dt-sa2', '闭店后不允许盘点，请改在营业时间', { via: 'stream' });
    await emu.waitFor(
      () =>
        cardFor('dt-sa1')?.data.closed === 'true' && cardFor('dt-sa2')?.data.closed === 'true'
          ? true
          : undefined,
      15_000,
      'both closed',
    );
    expect(cardFor('dt-sa1')?.data.status).toMatch(/^已驳回 · 乙主管 · /);
    expect((await deps.repos.approvals.get(a.id))?.status).toBe('rejected');
  });

  it('in a group, answers the person privately and tells the group only that it did', async () => {
    const emu = bot.dingtalk!;
    emu.addGroup('cid-group-1', ['dt-tenant', 'dt-sa1']);
    const atMember = emu.lastSeq('dt-sa1');
    const atTenant = emu.lastSeq('dt-tenant');
    await emu.sendText('dt-tenant', '帮助', { via: 'http', group: { id: 'cid-group-1', title: '商户群' } });
    const help = await emu.waitForMessage(
      'dt-tenant',
      (i) => (i.text ?? '').includes('物品放行'),
      15_000,
      atTenant,
    );
    expect(help.text).toContain('投诉');
    const ack = await emu.waitForMessage('dt-sa1', (i) => (i.text ?? '').includes('私信'), 15_000, atMember);
    expect(ack.text).not.toContain('物品放行');
    expect(
      emu
        .inbox('dt-sa1')
        .filter((i) => i.seq > atMember)
        .some((i) => (i.text ?? '').includes('物品放行')),
    ).toBe(false);
  });
});

describe('DingTalk event subscription over HTTP', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({
      dingtalk: {
        stream: false,
        emulator: { events: { token: 'mryue', aesKey: 'Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7' } },
      },
    });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('answers check_url with the encrypted "success" (checked by the emulator\'s own crypto), and refuses a forged signature', async () => {
    const emu = bot.dingtalk!;
    const r = await emu.pushEvent({ EventType: 'check_url' });
    expect(r.status).toBe(200);
    expect(r.acked).toBe(true);
    const ts = String(Date.now());
    const forged = await fetch(
      `${bot.url}/webhooks/dingtalk/events?signature=${'1'.repeat(40)}&timestamp=${ts}&nonce=nonce1`,
      { method: 'POST', body: JSON.stringify({ encrypt: 'YWJjZA==' }) },
    );
    expect(forged.status).toBe(401);
  });
});
