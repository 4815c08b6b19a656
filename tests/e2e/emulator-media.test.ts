import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('photo of a leak')]);

const sendImage = async (emuUrl: string, body: Record<string, unknown>) => {
  const r = await fetch(`${emuUrl}/_emu/send-image`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      filename: 'leak.png',
      mime: 'image/png',
      base64: PNG.toString('base64'),
      ...body,
    }),
  });
  expect(r.status).toBe(200);
  return (await r.json()) as Record<string, unknown>;
};

/**
 * A photo sent through the emulators' control API reaches the real bot over the real callback
 * path (signed, encrypted for WeCom; signed or over the Stream for DingTalk), is stored with the
 * platform's media id, and the bot answers the person.
 */
describe('a user sends a photo to the real bot', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({
      wecom: { users: ['zhangsan'] },
      dingtalk: { stream: true, emulator: { users: ['lisi'] } },
    });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('WeCom: stored as an image with its MediaId, and answered', async () => {
    const emu = bot.wecom!;
    const mark = emu.lastSeq('zhangsan');
    const answer = await sendImage(emu.url, { userId: 'zhangsan' });
    expect(answer).toMatchObject({ status: 200, attempts: 1 });
    const stored = await bot.running.deps.repos.inbound.listByUser('wecom', 'zhangsan');
    expect(stored.at(-1)?.message).toEqual({ type: 'image', mediaId: answer.mediaId });
    const reply = await emu.waitForMessage('zhangsan', (m) => m.text !== undefined, 15_000, mark);
    expect(reply.text?.length).toBeGreaterThan(0);
  });

  it('DingTalk (Stream): stored as an image with its downloadCode, and answered', async () => {
    const emu = bot.dingtalk!;
    const mark = emu.lastSeq('lisi');
    const answer = await sendImage(emu.url, { userId: 'lisi', via: 'stream' });
    const reply = await emu.waitForMessage('lisi', (m) => m.text !== undefined, 15_000, mark);
    expect(reply.text?.length).toBeGreaterThan(0);
    const stored = await bot.running.deps.repos.inbound.listByUser('dingtalk', 'lisi');
    expect(stored.at(-1)?.message).toEqual({ type: 'image', mediaId: answer.downloadCode });
  });
});
