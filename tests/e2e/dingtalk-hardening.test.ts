import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dingtalkRobotSign } from '../../emulators/shared/platform-crypto.js';
import { ForeignSessionWebhookError } from '../../src/platforms/dingtalk/dingtalk.client.js';
import { addStaff, addTenant } from '../helpers/fixtures.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { eventually, sleep } from '../helpers/wait.js';

const D1_EVENTS = { token: 'mryue', aesKey: 'Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7' };

/** A loopback HTTP server that records every request it gets (an attacker's collector). */
const listener = async (): Promise<{ url: string; seen: IncomingMessage[]; server: Server }> => {
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    res.end('{"errcode":0}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
};

describe('DingTalk hardening over HTTP (robot, cards, events)', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({
      dingtalk: { stream: false, emulator: { users: ['dh-tenant', 'dh-sa'], events: D1_EVENTS } },
    });
    await addTenant(bot.running.deps, {
      name: '钱老板',
      shopCode: 'B1-23',
      accounts: [{ platform: 'dingtalk', userId: 'dh-tenant' }],
    });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('binds a (timestamp, sign) pair to its first body: a retry passes, another body is refused, across processes', async () => {
    const emu = bot.dingtalk!;
    const deps = () => bot.running.deps;
    const msg = emu.robotMessage('dh-tenant', '你好');
    const ts = String(Date.now());
    const headers = { timestamp: ts, sign: dingtalkRobotSign(ts, emu.appSecret) };
    expect((await emu.postWithHeaders(emu.callbackUrl, msg, headers)).status).toBe(200);
    // DingTalk's retry of the same body with the same pair still gets through (and is de-duplicated).
    expect((await emu.postWithHeaders(emu.callbackUrl, msg, headers)).status).toBe(200);
    // Anyone who saw the pair (a proxy log) cannot post another body with it.
    const forged = { ...msg, msgId: 'msg-forged-1', senderStaffId: 'dh-sa', text: { content: '同意' } };
    expect((await emu.postWithHeaders(emu.callbackUrl, forged, headers)).status).toBe(401);
    const card = {
      outTrackId: 'ap-x',
      userId: 'dh-sa',
      content: JSON.stringify({ cardPrivateData: { params: { action_key: 'approval:approve:x' } } }),
    };
    expect((await emu.postWithHeaders(emu.cardCallbackUrl, card, headers)).status).toBe(401);
    // Another web process (same Redis) refuses it too.
    await bot.restart();
    expect(
      (await emu.postWithHeaders(emu.callbackUrl, { ...forged, msgId: 'msg-forged-2' }, headers)).status,
    ).toBe(401);
    const stored = await deps().repos.inbound.listByUser('dingtalk', 'dh-sa');
    expect(stored).toEqual([]);
    expect(await deps().repos.inbound.count({ platform: 'dingtalk' })).toBe(1);
  });

  it('never calls a foreign session webhook, and never sends the token to one', async () => {
    const emu = bot.dingtalk!;
    const evil = await listener();
    try {
      const before = emu.lastSeq('dh-tenant');
      const msg = {
        ...emu.robotMessage('dh-tenant', '帮助'),
        sessionWebhook: `${evil.url}/robot/sendBySession?session=stolen`,
      };
      expect((await emu.postSigned(emu.callbackUrl, msg)).status).toBe(200);
      // The reply still reaches the tenant, through the send API.
      await emu.waitForMessage('dh-tenant', () => true, 15_000, before);
      const [stored] = (await bot.running.deps.repos.inbound.listByUser('dingtalk', 'dh-tenant')).filter(
        (e) => e.message?.text === '帮助',
      );
      expect(stored?.session).toBeUndefined();
      // Even handed one directly, the client refuses before any request.
      await expect(
        bot.running.deps.dingtalk!.client.sendBySession(`${evil.url}/robot/sendBySession?session=x`, {
          msgKey: 'sampleText',
          msgParam: { content: 'x' },
        }),
      ).rejects.toBeInstanceOf(ForeignSessionWebhookError);
      await sleep(300);
      expect(evil.seen).toHaveLength(0);
    } finally {
      evil.server.close();
    }
  });

  it('answers every verified event push with the encrypted "success", and records what it does not act on', async () => {
    const emu = bot.dingtalk!;
    const deps = bot.running.deps;
    const pushes = [
      { EventType: 'check_url' },
      { EventType: 'suite_ticket', SuiteTicket: 't' },
      { EventType: 'org_dept_create', DeptId: [12] },
      { EventType: 'bpms_instance_change', processInstanceId: 'p1', type: 'start' },
      { EventType: 'user_add_org', UserId: ['new-1'] },
      { EventType: 'user_leave_org' },
      { EventType: 'user_leave_org', UserId: [{ $gt: '' }] },
    ];
    for (const p of pushes) {
      const r = await emu.pushEvent(p);
      expect({ type: p.EventType, status: r.status, acked: r.acked }).toEqual({
        type: p.EventType,
        status: 200,
        acked: true,
      });
    }
    expect((await emu.pushEvent('not json at all')).acked).toBe(true);
    const ignored = await deps.repos.unhandled.list('ignored');
    expect(ignored.map((r) => r.eventType).sort()).toEqual(
      ['bpms_instance_change', 'check_url', 'org_dept_create', 'suite_ticket', 'user_add_org'].sort(),
    );
    const dead = await deps.repos.unhandled.list('dead_letter');
    expect(dead).toHaveLength(3);
    expect(dead.every((r) => r.reason !== '')).toBe(true);
  });

  it('user_leave_org removes the person’s accounts and roles (audited)', async () => {
    const emu = bot.dingtalk!;
    const deps = bot.running.deps;
    const staff = await addStaff(deps, {
      name: '离职员工',
      roles: ['senior_assistant', 'assistant'],
      employeeNo: 'DH-LEAVE',
      accounts: [
        { platform: 'dingtalk', userId: 'dh-leaver' },
        { platform: 'wecom', userId: 'wc-leaver' },
      ],
    });
    const r = await emu.pushEvent({ EventType: 'user_leave_org', UserId: ['dh-leaver'], CorpId: emu.corpId });
    expect(r.acked).toBe(true);
    const after = await eventually(async () => {
      const p = await deps.repos.people.get(staff.id);
      return p && !p.active ? p : undefined;
    });
    expect(after.roles).toEqual([]);
    expect(after.duty).toEqual([]);
    expect(await deps.repos.people.identitiesOf(staff.id)).toEqual([]);
    expect(await deps.repos.people.staffWithRole('senior_assistant')).not.toContainEqual(
      expect.objectContaining({ id: staff.id }),
    );
    const audit = await deps.repos.audit.find({ action: 'person.left', targetId: staff.id });
    expect(audit).toHaveLength(1);
  });
});

describe('DingTalk in Stream mode: no HTTP robot or card routes unless configured', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ dingtalk: { stream: true } });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('answers 404 for the robot and card routes, and stores nothing', async () => {
    const emu = bot.dingtalk!;
    const msg = emu.robotMessage('ds-user', '你好');
    expect((await emu.postSigned(`${bot.url}/webhooks/dingtalk`, msg)).status).toBe(404);
    expect((await emu.postSigned(`${bot.url}/webhooks/dingtalk/cards`, { outTrackId: 'x' })).status).toBe(
      404,
    );
    expect(await bot.running.deps.repos.inbound.count()).toBe(0);
  });

  it('acknowledges every EVENT frame (SUCCESS), records what it does not act on, acts on user_leave_org', async () => {
    const emu = bot.dingtalk!;
    const deps = bot.running.deps;
    await eventually(async () => emu.gateway.connectionCount > 0 || undefined, 15_000, 'a stream connection');
    const staff = await addStaff(deps, {
      name: '流式离职',
      roles: ['engineering'],
      employeeNo: 'DS-1',
      accounts: [{ platform: 'dingtalk', userId: 'ds-leaver' }],
    });
    const acks = [
      await emu.gateway.pushEvent('org_dept_create', { deptId: [3] }, emu.corpId),
      await emu.gateway.pushEvent('bpms_task_change', { processInstanceId: 'p' }, emu.corpId),
      await emu.gateway.pushEvent('user_leave_org', { timeStamp: 1 }, emu.corpId),
      await emu.gateway.pushEvent('user_leave_org', { userId: ['ds-leaver'] }, emu.corpId),
    ];
    for (const a of acks) expect(a).toMatchObject({ status: 'SUCCESS' });
    expect((await deps.repos.unhandled.list('ignored')).map((r) => r.eventType).sort()).toEqual([
      'bpms_task_change',
      'org_dept_create',
    ]);
    expect(await deps.repos.unhandled.list('dead_letter')).toHaveLength(1);
    await eventually(async () =>
      (await deps.repos.people.get(staff.id))?.active === false ? true : undefined,
    );
    expect(await deps.repos.people.identitiesOf(staff.id)).toEqual([]);
  });
});
