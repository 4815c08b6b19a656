import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDingTalkActionCard } from '../../cards/render/dingtalk.render.js';
import { addStaff, addTenant, submitApproval } from '../helpers/fixtures.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { eventually } from '../helpers/wait.js';

describe('DingTalk in HTTP mode (no Stream): card callbacks, flow control, ActionCard, token refresh', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({
      dingtalk: { stream: false, emulator: { users: ['h-tenant', 'h-sa', 'h-busy'], userLimitPerMinute: 3 } },
    });
    const deps = bot.running.deps;
    await addTenant(deps, {
      name: '郭老板',
      shopCode: '2F-09',
      accounts: [{ platform: 'dingtalk', userId: 'h-tenant' }],
    });
    await addStaff(deps, {
      name: '丙主管',
      roles: ['senior_assistant'],
      employeeNo: 'H1',
      accounts: [{ platform: 'dingtalk', userId: 'h-sa' }],
    });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('creates HTTP-callback cards, and a signed click on the card route decides and updates it', async () => {
    const emu = bot.dingtalk!;
    const deps = bot.running.deps;
    expect(bot.running.stream).toBeUndefined();
    const tenant = await deps.repos.people.byIdentity('dingtalk', 'h-tenant');
    const a = await submitApproval(deps, {
      type: 'staff_pass',
      requester: tenant!,
      platform: 'dingtalk',
      userId: 'h-tenant',
      shopCode: '2F-09',
      text: '办两张出入证',
      sourceKey: 'h-approval',
    });
    const card = await emu.waitFor(() =>
      emu.cardsOf('h-sa').find((c) => c.outTrackId.startsWith(`ap-${a.id}`)),
    );
    expect(card.callbackType).toBe('HTTP');
    const r = await emu.click(
      'h-sa',
      card.outTrackId,
      emu.keysOf(card).find((k) => k.includes(':approve:'))!,
    );
    expect(r.status).toBe(200);
    await emu.waitFor(() => (card.data.closed === 'true' ? true : undefined));
    expect(card.data.status).toMatch(/^已同意 · 丙主管 · /);
    const forged = await emu.postSigned(
      emu.cardCallbackUrl,
      { outTrackId: card.outTrackId, userId: 'h-sa', content: '{}' },
      { secret: 'wrong' },
    );
    expect(forged.status).toBe(401);
  });

  it('sends flow-controlled messages again until they are delivered', async () => {
    const emu = bot.dingtalk!;
    const deps = bot.running.deps;
    await deps.outbound.enqueue(
      Array.from({ length: 5 }, (_, i) => ({
        key: `busy-${i}`,
        to: { platform: 'dingtalk' as const, userId: 'h-busy' },
        message: { type: 'text' as const, text: `第${i}条` },
      })),
    );
    await eventually(
      async () => emu.state.flowControlled.some((f) => f.user === 'h-busy'),
      15_000,
      'flow control',
    );
    const sent = await eventually(
      async () => (await deps.repos.outbox.count({ status: 'sent', toUserId: 'h-busy' })) >= 3,
      10_000,
    );
    expect(sent).toBe(true);
    // The limiter window is a minute: the rest stay pending (never dropped, never failed).
    expect(await deps.repos.outbox.count({ status: 'failed', toUserId: 'h-busy' })).toBe(0);
  });

  it('sends an ActionCard through the send API', async () => {
    const emu = bot.dingtalk!;
    const m = renderDingTalkActionCard(
      {
        cardId: 'ac-1',
        title: '本周投诉汇总',
        description: '',
        source: '商场运营部',
        fields: [{ label: '投诉', value: '3 件' }],
        actions: [],
      },
      'https://example.com/digest',
    );
    await bot.running.deps.dingtalk!.client.batchSend(['h-tenant'], m);
    const got = await emu.waitForMessage('h-tenant', (i) => i.msgtype === 'sampleActionCard');
    expect(got.text).toContain('本周投诉汇总');
  });

  it('refreshes an access token invalidated early, once', async () => {
    const emu = bot.dingtalk!;
    const client = bot.running.deps.dingtalk!.client;
    await client.batchSend(['h-tenant'], { msgKey: 'sampleText', msgParam: { content: 'a' } });
    const before = emu.state.calls.token;
    emu.state.invalidateToken();
    await Promise.all(
      [1, 2, 3].map((i) =>
        client.batchSend(['h-tenant'], { msgKey: 'sampleText', msgParam: { content: `t${i}` } }),
      ),
    );
    expect(emu.state.calls.token - before).toBe(1);
  });
});
