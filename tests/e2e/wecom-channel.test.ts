import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildXml, postCallback, signCallback } from '../../emulators/wecom/wecom-emulator.callbacks.js';
import type { PersonView } from '../../src/domain/people/people.types.js';
import { addStaff, addTenant, submitApproval } from '../helpers/fixtures.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { eventually, sleep } from '../helpers/wait.js';

const USERS = ['tenant1', 'sa1', 'sa2', 'guard1', ...Array.from({ length: 10 }, (_, i) => `u${i}`)];

describe('WeCom channel end to end (real app, FerretDB, Redis, emulator)', () => {
  let bot: TestBot;
  let tenant: PersonView;

  beforeAll(async () => {
    bot = await startTestBot({ wecom: { users: USERS } });
    const deps = bot.running.deps;
    tenant = await addTenant(deps, {
      name: '王老板',
      shopCode: 'B1-23',
      accounts: [{ platform: 'wecom', userId: 'tenant1' }],
    });
    await addStaff(deps, {
      name: '陈主管',
      roles: ['senior_assistant'],
      employeeNo: 'S001',
      accounts: [{ platform: 'wecom', userId: 'sa1' }],
    });
    await addStaff(deps, {
      name: '林主管',
      roles: ['senior_assistant'],
      employeeNo: 'S002',
      accounts: [{ platform: 'wecom', userId: 'sa2' }],
    });
    await addStaff(deps, {
      name: '保安老赵',
      roles: ['security'],
      employeeNo: 'G001',
      accounts: [{ platform: 'wecom', userId: 'guard1' }],
    });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('stores one record and sends one reply for a message delivered 3 times in parallel and 3 times 5 s apart', async () => {
    const emu = bot.wecom!;
    const deps = bot.running.deps;
    const before = emu.lastSeq('tenant1');
    const cb = emu.textCallback('tenant1', '重复投递测试');
    const parallel = await Promise.all([1, 2, 3].map(() => postCallback(`${bot.url}/webhooks/wecom`, cb)));
    expect(parallel.map((r) => r.status)).toEqual([200, 200, 200]);
    for (let i = 0; i < 3; i++) {
      await sleep(5000);
      expect((await postCallback(`${bot.url}/webhooks/wecom`, cb)).status).toBe(200);
    }
    await emu.waitForMessage('tenant1', () => true, 15_000, before);
    await sleep(1500);
    const stored = (await deps.repos.inbound.listByUser('wecom', 'tenant1')).filter(
      (e) => e.message?.text === '重复投递测试',
    );
    expect(stored).toHaveLength(1);
    expect(emu.inbox('tenant1').filter((m) => m.seq > before)).toHaveLength(1);
  }, 40_000);

  it('refuses a forged signature, an old timestamp, a DOCTYPE body and a 1 MB body, storing nothing', async () => {
    const emu = bot.wecom!;
    const deps = bot.running.deps;
    const url = `${bot.url}/webhooks/wecom`;
    const countBefore = await deps.repos.inbound.count();

    const good = emu.textCallback('tenant1', '伪造');
    const forged = {
      ...good,
      query: good.query.replace(/msg_signature=[0-9a-f]+/, `msg_signature=${'0'.repeat(40)}`),
    };
    expect((await postCallback(url, forged)).status).toBe(401);

    const old = emu.textCallback('tenant1', '重放', { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect((await postCallback(url, old)).status).toBe(401);

    const doctype = { query: good.query, body: `<!DOCTYPE xml [<!ENTITY x "y">]>${good.body}` };
    const r3 = await postCallback(url, doctype);
    expect(r3.status).toBe(400);

    const huge = { query: good.query, body: `<xml><Encrypt>${'A'.repeat(1024 * 1024)}</Encrypt></xml>` };
    expect((await postCallback(url, huge)).status).toBe(413);

    // Correctly signed and encrypted, but for another corp: the receive id is checked (-40005).
    const otherCorp = signCallback(
      { url: '', token: emu.token, encodingAesKey: emu.encodingAesKey, corpId: 'wwsomeothercorp01' },
      buildXml({
        ToUserName: 'wwsomeothercorp01',
        FromUserName: 'tenant1',
        CreateTime: Math.floor(Date.now() / 1000),
        MsgType: 'text',
        Content: '串号',
        MsgId: '77',
      }),
    );
    const r4 = await postCallback(url, otherCorp);
    expect(r4.status).toBe(401);
    expect(r4.body).toContain('receive id');

    const wrongNonce = { ...good, query: good.query.replace(/nonce=\d+/, 'nonce=1') };
    expect((await postCallback(url, wrongNonce)).status).toBe(401);

    expect(await deps.repos.inbound.count()).toBe(countBefore);
  });

  it('updates the approval card for every recipient when the right approver clicks', async () => {
    const emu = bot.wecom!;
    const deps = bot.running.deps;
    const approval = await submitApproval(deps, {
      type: 'goods_release',
      requester: tenant,
      platform: 'wecom',
      userId: 'tenant1',
      shopCode: 'B1-23',
      text: '明天早上8点出10箱衣服',
      sourceKey: 'test-approval-1',
      details: [{ key: 'items', label: '物品', value: '衣服 10箱' }],
    });
    const cardOf = (user: string) => emu.cards(user).find((c) => c.taskId.startsWith(`ap-${approval.id}-0-`));
    const c1 = await emu.waitFor(() => cardOf('sa1'), 15_000, 'card for sa1');
    await emu.waitFor(() => cardOf('sa2'), 15_000, 'card for sa2');
    const approveKey = c1.keys.find((k) => k.startsWith('ap:approve:'));
    expect(approveKey).toBeDefined();
    const before = emu.lastSeq('tenant1');
    expect((await emu.click('sa1', c1.taskId, approveKey!)).status).toBe(200);
    await emu.waitFor(
      () => (cardOf('sa1')?.replacedName && cardOf('sa2')?.replacedName ? true : undefined),
      15_000,
      'both cards updated',
    );
    expect(cardOf('sa1')?.replacedName).toMatch(/^已同意 · 陈主管 · /);
    expect(cardOf('sa2')?.replacedName).toMatch(/^已同意 · 陈主管 · /);
    const note = await emu.waitForMessage(
      'tenant1',
      (m) => (m.text ?? '').includes(approval.number),
      15_000,
      before,
    );
    expect(note.text).toContain('审批通过');
    expect((await deps.repos.approvals.get(approval.id))?.status).toBe('approved');
  });

  it('refuses and audits a click from someone who is not an approver', async () => {
    const emu = bot.wecom!;
    const deps = bot.running.deps;
    const approval = await submitApproval(deps, {
      type: 'key_loan',
      requester: tenant,
      platform: 'wecom',
      userId: 'tenant1',
      shopCode: 'B1-23',
      text: '借B1-23钥匙',
      sourceKey: 'test-approval-2',
    });
    const card = await emu.waitFor(
      () => emu.cards('sa1').find((c) => c.taskId.startsWith(`ap-${approval.id}-`)),
      15_000,
      'card',
    );
    const key = card.keys[0]!;
    // The guard forges a click on a card he never received: a signed event with the same key.
    const before = emu.lastSeq('guard1');
    const ts = Math.floor(Date.now() / 1000);
    const xml = `<xml><ToUserName><![CDATA[${emu.corpId}]]></ToUserName><FromUserName><![CDATA[guard1]]></FromUserName><CreateTime>${ts}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[${key}]]></EventKey><TaskId><![CDATA[${card.taskId}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[forged]]></ResponseCode><AgentID>${emu.agentId}</AgentID></xml>`;
    expect((await emu.deliver(emu.signed(xml))).status).toBe(200);
    const reply = await emu.waitForMessage('guard1', () => true, 15_000, before);
    expect(reply.text).toContain('无权');
    const refused = await eventually(async () => {
      const rows = await deps.repos.audit.find({
        action: 'approval.approve',
        outcome: 'refused',
        targetId: approval.id,
      });
      return rows.length > 0 ? rows : undefined;
    });
    expect(refused[0]?.actorPlatformUserId).toBe('guard1');
    expect((await deps.repos.approvals.get(approval.id))?.status).toBe('pending');
    expect(emu.cards('sa1').find((c) => c.taskId === card.taskId)?.replacedName).toBeUndefined();
  });

  it('fetches exactly one new token when it expires in the middle of a burst', async () => {
    const emu = bot.wecom!;
    const deps = bot.running.deps;
    // Make sure a token is cached, then let WeCom invalidate it early.
    await deps.outbound.enqueue([
      { key: 'warm', to: { platform: 'wecom', userId: 'u0' }, message: { type: 'text', text: 'warm' } },
    ]);
    await emu.waitForMessage('u0', (m) => m.text === 'warm');
    const before = emu.state.calls.gettoken;
    emu.state.invalidateToken();
    await deps.outbound.enqueue(
      USERS.filter((u) => u.startsWith('u')).map((u) => ({
        key: `burst-${u}`,
        to: { platform: 'wecom' as const, userId: u },
        message: { type: 'text' as const, text: `burst ${u}` },
      })),
    );
    for (const u of USERS.filter((x) => x.startsWith('u'))) {
      await emu.waitForMessage(u, (m) => m.text === `burst ${u}`);
    }
    expect(emu.state.calls.gettoken - before).toBe(1);
  });
});
