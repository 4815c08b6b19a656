import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackSignature, PlatformCallbackCrypto } from '../../emulators/shared/platform-crypto.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

describe('WeCom callbacks through the real app', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ wecom: { users: ['zhangsan'] } });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('answers URL verification with the bare decrypted echostr', async () => {
    const emu = bot.wecom!;
    const echostr = new PlatformCallbackCrypto(emu.encodingAesKey).seal('1616140317555161061', emu.corpId);
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = callbackSignature(emu.token, ts, '263014780', echostr);
    const res = await fetch(
      `${bot.url}/webhooks/wecom?msg_signature=${sig}&timestamp=${ts}&nonce=263014780&echostr=${encodeURIComponent(echostr)}`,
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('1616140317555161061');
  });

  it('stores a text message and the reply reaches the user', async () => {
    const emu = bot.wecom!;
    const res = await emu.sendText('zhangsan', '你好');
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    const reply = await emu.waitForMessage('zhangsan', (m) => m.msgtype === 'text');
    expect(reply.text).toBeTruthy();
    const stored = await bot.running.deps.repos.inbound.listByUser('wecom', 'zhangsan');
    expect(stored.map((e) => e.message?.text)).toContain('你好');
  });
});
