import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenLoopback } from '../../emulators/shared/listen.js';
import { deliverWithRetries } from '../../emulators/wecom/wecom-emulator.callbacks.js';
import { addStaff, addTenant, submitApproval } from '../helpers/fixtures.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { eventually, sleep } from '../helpers/wait.js';

const outboxStatus = async (bot: TestBot, key: string) =>
  (await bot.running.deps.db.models.Outbox.findOne({ key }).lean())?.status;

describe('WeCom API client against the emulator', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({
      wecom: { users: ['a', 'b', 'sa1', 'tenant1'], memberLimitPerMinute: 5, memberWindowMs: 3000 },
      overrides: { wecomMemberLimit: { limit: 5, windowMs: 3100 } },
    });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('retries -1, 45009 and HTTP 5xx with backoff, and the message arrives once', async () => {
    const emu = bot.wecom!;
    emu.state.failNext('/message/send', -1, 1);
    emu.state.failNext('/message/send', 45009, 1);
    emu.state.failNext('/message/send', 0, 1, 502);
    await bot.running.deps.outbound.enqueue([
      { key: 'retry-1', to: { platform: 'wecom', userId: 'a' }, message: { type: 'text', text: '重试测试' } },
    ]);
    await emu.waitForMessage('a', (m) => m.text === '重试测试');
    await sleep(500);
    expect(emu.texts('a').filter((t) => t === '重试测试')).toHaveLength(1);
    expect(await outboxStatus(bot, 'retry-1')).toBe('sent');
  });

  it('does not retry a configuration error: all recipients invalid (81013) fails the row once', async () => {
    const emu = bot.wecom!;
    const sendsBefore = emu.state.calls.send;
    await bot.running.deps.outbound.enqueue([
      { key: 'bad-user', to: { platform: 'wecom', userId: 'nobody' }, message: { type: 'text', text: 'x' } },
    ]);
    await eventually(async () => (await outboxStatus(bot, 'bad-user')) === 'failed', 15_000, 'row failed');
    await sleep(1500);
    expect(emu.state.calls.send - sendsBefore).toBe(1);
  });

  it('treats 42014 (task_id already sent) as already delivered', async () => {
    const emu = bot.wecom!;
    const card = {
      cardId: 'dup-task-1',
      title: '测试卡片',
      actions: [{ key: 'noop:x', label: '好的' }],
    };
    const deps = bot.running.deps;
    await deps.outbound.enqueue([
      {
        key: 'card-1',
        to: { platform: 'wecom', userId: 'b' },
        message: { type: 'card', card, subject: { kind: 't', id: '1' } },
      },
    ]);
    await emu.waitFor(() => emu.cards('b').find((c) => c.taskId === 'dup-task-1'));
    // The same task_id again (a retry after a lost acknowledgement): WeCom says 42014.
    await deps.outbound.enqueue([
      {
        key: 'card-1-again',
        to: { platform: 'wecom', userId: 'b' },
        message: { type: 'card', card, subject: { kind: 't', id: '1' } },
      },
    ]);
    await eventually(async () => (await outboxStatus(bot, 'card-1-again')) === 'sent');
    expect(emu.inbox('b').filter((m) => m.cardId === 'dup-task-1')).toHaveLength(1);
  });

  it('falls back to a fresh message when the response code is used or expired (60140)', async () => {
    const emu = bot.wecom!;
    const deps = bot.running.deps;
    const tenant = await addTenant(deps, {
      name: '赵',
      shopCode: '3F-12',
      accounts: [{ platform: 'wecom', userId: 'tenant1' }],
    });
    await addStaff(deps, {
      name: '陈主管',
      roles: ['senior_assistant'],
      employeeNo: 'S9',
      accounts: [{ platform: 'wecom', userId: 'sa1' }],
    });
    const a = await submitApproval(deps, {
      type: 'posting',
      requester: tenant,
      platform: 'wecom',
      userId: 'tenant1',
      shopCode: '3F-12',
      text: '张贴促销海报',
      sourceKey: 'fallback-1',
    });
    const card = await emu.waitFor(() => emu.cards('sa1').find((c) => c.taskId.startsWith(`ap-${a.id}`)));
    const before = emu.lastSeq('sa1');
    emu.state.failNext('/message/update_template_card', 60140, 5);
    await emu.click('sa1', card.taskId, card.keys[0]!);
    const fresh = await emu.waitForMessage('sa1', (m) => (m.text ?? '').includes(a.number), 15_000, before);
    expect(fresh.text).toContain('已同意 · 陈主管');
  });

  it('uploads media as multipart and sends the image', async () => {
    const emu = bot.wecom!;
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da6364f8ffbf1e000502027fe5b3f10000000049454e44ae426082',
      'hex',
    );
    await bot.running.deps.outbound.enqueue([
      {
        key: 'img-1',
        to: { platform: 'wecom', userId: 'a' },
        message: { type: 'image', pngBase64: png.toString('base64'), filename: 'digest.png' },
      },
    ]);
    const img = await emu.waitForMessage('a', (m) => m.msgtype === 'image');
    const mediaId = (img.payload as { media_id: string }).media_id;
    expect(emu.state.media.get(mediaId)).toMatchObject({ type: 'image', filename: 'digest.png' });
  });

  it('holds messages over the per-member limit instead of letting WeCom drop them', async () => {
    const emu = bot.wecom!;
    const before = emu.lastSeq('b');
    const t0 = Date.now();
    await bot.running.deps.outbound.enqueue(
      Array.from({ length: 8 }, (_, i) => ({
        key: `limit-${i}`,
        to: { platform: 'wecom' as const, userId: 'b' },
        message: { type: 'text' as const, text: `限流 ${i}` },
      })),
    );
    await emu.waitFor(
      () => (emu.inbox('b').filter((m) => m.seq > before).length >= 8 ? true : undefined),
      20_000,
      '8 messages',
    );
    expect(emu.state.dropped.filter((d) => d.user === 'b')).toHaveLength(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2500);
    expect(new Set(emu.texts('b').filter((t) => t.startsWith('限流')))).toHaveProperty('size', 8);
  });
});

describe('WeCom emulator delivery rules', () => {
  it('re-sends a callback that got no answer within 5 s', async () => {
    let hits = 0;
    const server = await listenLoopback((req, res) => {
      hits++;
      if (hits === 1) return; // never answer the first attempt
      req.resume();
      res.writeHead(200).end('');
    });
    const r = await deliverWithRetries(server.url, { query: 'a=1', body: '<xml/>' }, { timeoutMs: 5000 });
    await server.close();
    expect(r.attempts).toBe(2);
    expect(hits).toBe(2);
  }, 15_000);

  it('gives up after 3 retries of non-200 answers', async () => {
    const srv = createServer((_req, res) => res.writeHead(500).end());
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as import('node:net').AddressInfo).port;
    const r = await deliverWithRetries(`http://127.0.0.1:${port}`, { query: '', body: '' });
    srv.close();
    expect(r).toMatchObject({ attempts: 4, status: 500 });
  });
});
