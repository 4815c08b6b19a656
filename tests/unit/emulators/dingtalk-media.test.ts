import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DingTalkEmulator } from '../../../emulators/dingtalk/dingtalk-emulator.js';
import { ManualClock } from '../../../src/lib/clock.js';
import { DingTalkReceiver } from '../../../src/platforms/dingtalk/dingtalk.receiver.js';
import type { InboundEvent } from '../../../src/platforms/inbound-event.js';

const JPEG = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.from('B1-23 天花板漏水'.repeat(30))]);
const PDF = Buffer.from('%PDF-1.4\n维修报价单\n%%EOF\n');

interface Received {
  readonly event: InboundEvent;
  readonly body: Record<string, unknown>;
}

/** The bot's robot webhook, stood in by the project's own DingTalkReceiver (signature checked). */
const standIn = async (emu: DingTalkEmulator): Promise<{ server: Server; url: string; got: Received[] }> => {
  const receiver = new DingTalkReceiver({
    dingtalk: {
      appKey: emu.appKey,
      appSecret: emu.appSecret,
      robotCode: emu.robotCode,
      corpId: emu.corpId,
      sessionWebhookBase: `${emu.url}/robot/sendBySession`,
      events: undefined,
    },
    maxClockSkewS: 300,
    clock: new ManualClock(Date.now()),
  });
  const got: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const event = receiver.openRobot(
        { timestamp: String(req.headers.timestamp), sign: String(req.headers.sign) },
        raw,
      );
      got.push({ event, body: JSON.parse(raw) as Record<string, unknown> });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/dingtalk`, got };
};

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('DingTalk emulator: a user sends a photo or a file', () => {
  let emu: DingTalkEmulator;
  let bot: Awaited<ReturnType<typeof standIn>>;
  let token: string;

  beforeAll(async () => {
    emu = await new DingTalkEmulator({ users: ['tenant-a1023'], pingMs: 60_000 }).start();
    bot = await standIn(emu);
    emu.callbackUrl = bot.url;
    const t = (await (
      await post(`${emu.url}/v1.0/oauth2/accessToken`, { appKey: emu.appKey, appSecret: emu.appSecret })
    ).json()) as { accessToken: string };
    token = t.accessToken;
  });
  afterAll(async () => {
    await emu.stop();
    bot.server.close();
  });

  const send = async (filename: string, mime: string, bytes: Buffer): Promise<Received> => {
    const before = bot.got.length;
    const r = await post(`${emu.url}/_emu/send-image`, {
      userId: 'tenant-a1023',
      filename,
      mime,
      base64: bytes.toString('base64'),
      via: 'http',
    });
    expect(r.status).toBe(200);
    const answer = (await r.json()) as { status: number; downloadCode: string };
    expect(answer.status).toBe(200);
    const got = bot.got[before];
    if (!got) throw new Error('the bot stand-in received nothing');
    expect((got.body.content as { downloadCode?: string }).downloadCode).toBe(answer.downloadCode);
    return got;
  };

  const download = async (downloadCode: string) =>
    post(
      `${emu.url}/v1.0/robot/messageFiles/download`,
      { downloadCode, robotCode: emu.robotCode },
      { 'x-acs-dingtalk-access-token': token },
    );

  it('sends a photo as a signed picture message whose downloadCode buys a download link', async () => {
    const got = await send('leak.jpg', 'image/jpeg', JPEG);
    expect(got.body.msgtype).toBe('picture');
    const content = got.body.content as { downloadCode: string; pictureDownloadCode: string };
    expect(content.pictureDownloadCode).toEqual(expect.any(String));
    expect(got.event).toMatchObject({
      platform: 'dingtalk',
      kind: 'message',
      userId: 'tenant-a1023',
      message: { type: 'image', mediaId: content.downloadCode },
    });
    const res = await download(content.downloadCode);
    expect(res.status).toBe(200);
    const { downloadUrl } = (await res.json()) as { downloadUrl: string };
    const file = await fetch(downloadUrl);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(JPEG);
  });

  it('sends any other file as a file message with its name, downloadable the same way', async () => {
    const got = await send('维修报价单.pdf', 'application/pdf', PDF);
    expect(got.body.msgtype).toBe('file');
    const content = got.body.content as { downloadCode: string; fileName: string };
    expect(content.fileName).toBe('维修报价单.pdf');
    expect(got.event.message).toMatchObject({ type: 'file', mediaId: content.downloadCode });
    const { downloadUrl } = (await (await download(content.downloadCode)).json()) as { downloadUrl: string };
    const file = await fetch(downloadUrl, { headers: { range: 'bytes=0-7' } });
    expect(file.status).toBe(206);
    expect(file.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('维修报价单.pdf')}`,
    );
    expect(Buffer.from(await file.arrayBuffer()).toString()).toBe('%PDF-1.4');
  });

  it("answers errors in DingTalk's form: bad token 401, unknown robot or code 400, expired link 403", async () => {
    const got = await send('leak.jpg', 'image/jpeg', JPEG);
    const code = (got.body.content as { downloadCode: string }).downloadCode;
    const noToken = await post(`${emu.url}/v1.0/robot/messageFiles/download`, {
      downloadCode: code,
      robotCode: emu.robotCode,
    });
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toMatchObject({ code: 'InvalidAuthentication' });
    const wrongRobot = await post(
      `${emu.url}/v1.0/robot/messageFiles/download`,
      { downloadCode: code, robotCode: 'dingnotours' },
      { 'x-acs-dingtalk-access-token': token },
    );
    expect(wrongRobot.status).toBe(400);
    expect(await wrongRobot.json()).toMatchObject({ code: 'invalidParameter.robotCode.notExsit' });
    const unknown = await download('not-a-code');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { code: string }).code).toMatch(/^invalidParameter\.downloadCode/);
    const { downloadUrl } = (await (await download(code)).json()) as { downloadUrl: string };
    emu.media.expireLinks();
    const late = await fetch(downloadUrl);
    expect(late.status).toBe(403);
    expect(await late.text()).toContain('<Code>AccessDenied</Code>');
    emu.media.files.expire();
    expect((await download(code)).status).toBe(400);
  });
});
