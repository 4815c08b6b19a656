import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WeComEmulator } from '../../../emulators/wecom/wecom-emulator.js';
import { ManualClock } from '../../../src/lib/clock.js';
import { BizMsgCrypt } from '../../../src/platforms/crypto/biz-msg-crypt.js';
import type { InboundEvent } from '../../../src/platforms/inbound-event.js';
import { WeComReceiver } from '../../../src/platforms/wecom/wecom.receiver.js';
import { parseWeComXml, text } from '../../../src/platforms/wecom/wecom.xml.js';

/** Some bytes that start like a PNG (the emulator stores and serves bytes, it does not decode). */
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('漏水的天花板'.repeat(20))]);

interface Received {
  readonly event: InboundEvent;
  readonly xml: string;
}

/**
 * A stand-in for the bot's webhook: the project's own WeComReceiver verifies, decrypts and
 * normalises what the emulator posts, so the test sees exactly what the bot would see.
 */
const standIn = async (emu: WeComEmulator): Promise<{ server: Server; url: string; got: Received[] }> => {
  const receiver = new WeComReceiver({
    wecom: { corpId: emu.corpId, token: emu.token, encodingAesKey: emu.encodingAesKey },
    maxClockSkewS: 300,
    clock: new ManualClock(Date.now()),
  });
  const crypt = new BizMsgCrypt(emu.encodingAesKey);
  const got: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const query = (req.url ?? '').split('?')[1] ?? '';
      const event = receiver.open(receiver.checkQuery(query), body);
      const xml = crypt.decrypt(text(parseWeComXml(body), 'Encrypt'), emu.corpId).message;
      got.push({ event, xml });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/wecom`, got };
};

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('WeCom emulator: a user sends a photo', () => {
  let emu: WeComEmulator;
  let bot: Awaited<ReturnType<typeof standIn>>;
  let token: string;

  beforeAll(async () => {
    emu = await new WeComEmulator({ users: ['tenant-b1-23'], mediaChunkLimitBytes: 64 }).start();
    bot = await standIn(emu);
    emu.callbackUrl = bot.url;
    const t = (await (
      await fetch(`${emu.apiBase}/gettoken?corpid=${emu.corpId}&corpsecret=${emu.corpSecret}`)
    ).json()) as { access_token: string };
    token = t.access_token;
  });
  afterAll(async () => {
    await emu.stop();
    bot.server.close();
  });

  const sendPhoto = async (): Promise<string> => {
    const r = await post(`${emu.url}/_emu/send-image`, {
      userId: 'tenant-b1-23',
      filename: 'ceiling.png',
      mime: 'image/png',
      base64: PNG.toString('base64'),
    });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { status: number; attempts: number; mediaId: string };
    expect(body).toMatchObject({ status: 200, attempts: 1 });
    return body.mediaId;
  };

  it('announces it as an encrypted image callback with PicUrl and MediaId', async () => {
    const before = bot.got.length;
    const mediaId = await sendPhoto();
    const got = bot.got[before];
    expect(got?.event).toMatchObject({
      platform: 'wecom',
      kind: 'message',
      userId: 'tenant-b1-23',
      message: { type: 'image', mediaId },
    });
    const xml = parseWeComXml(got?.xml ?? '');
    expect(text(xml, 'MsgType')).toBe('image');
    expect(text(xml, 'MediaId')).toBe(mediaId);
    expect(text(xml, 'PicUrl')).toBe(`${emu.url}/_emu/media/${mediaId}`);
    expect(text(xml, 'MsgId')).toMatch(/^\d+$/);
    expect(text(xml, 'AgentID')).toBe(String(emu.agentId));
  });

  it('serves the bytes from media/get with the documented headers', async () => {
    const mediaId = await sendPhoto();
    const res = await fetch(`${emu.apiBase}/media/get?access_token=${token}&media_id=${mediaId}`, {
      headers: { range: 'bytes=0-63' },
    });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${mediaId}.png"`);
    expect(res.headers.get('cache-control')).toBe('no-cache, must-revalidate');
    expect(res.headers.get('content-range')).toBe(`bytes 0-63/${PNG.length}`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG.subarray(0, 64));
  });

  it('reassembles a large file from Range chunks and refuses it whole with 830002', async () => {
    const mediaId = await sendPhoto();
    const url = `${emu.apiBase}/media/get?access_token=${token}&media_id=${mediaId}`;
    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await whole.json()).toMatchObject({ errcode: 830002 });
    const parts: Buffer[] = [];
    for (let start = 0; start < PNG.length; start += 64) {
      const r = await fetch(url, { headers: { range: `bytes=${start}-${start + 63}` } });
      expect(r.status).toBe(206);
      parts.push(Buffer.from(await r.arrayBuffer()));
    }
    expect(Buffer.concat(parts)).toEqual(PNG);
    const tooBig = await fetch(url, { headers: { range: 'bytes=0-64' } });
    expect(await tooBig.json()).toMatchObject({ errcode: 830002 });
    const outside = await fetch(url, { headers: { range: `bytes=${PNG.length}-` } });
    expect(outside.status).toBe(416);
  });

  it('answers errors as JSON: unknown or expired media_id 40007, missing token 41001, bad token 40014', async () => {
    const mediaId = await sendPhoto();
    const get = async (q: string) => {
      const r = await fetch(`${emu.apiBase}/media/get?${q}`, { headers: { range: 'bytes=0-9' } });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^application\/json/);
      return (await r.json()) as { errcode: number; errmsg: string };
    };
    expect(await get(`access_token=${token}&media_id=nope`)).toEqual({
      errcode: 40007,
      errmsg: 'invalid media_id',
    });
    expect((await get(`media_id=${mediaId}`)).errcode).toBe(41001);
    expect((await get(`access_token=wrong&media_id=${mediaId}`)).errcode).toBe(40014);
    emu.state.files.expire(mediaId);
    expect((await get(`access_token=${token}&media_id=${mediaId}`)).errcode).toBe(40007);
  });

  it('serves what the bot uploaded under its media_id too (media ids are shared by the corp)', async () => {
    const form = new FormData();
    form.append('media', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'digest.png');
    const up = (await (
      await fetch(`${emu.apiBase}/media/upload?access_token=${token}&type=image`, {
        method: 'POST',
        body: form,
      })
    ).json()) as { media_id: string };
    const r = await fetch(`${emu.url}/_emu/media/${up.media_id}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await r.arrayBuffer())).toEqual(PNG);
  });

  it('refuses what a WeCom user cannot send to an app, and malformed requests', async () => {
    const before = bot.got.length;
    const pdf = await post(`${emu.url}/_emu/send-image`, {
      userId: 'tenant-b1-23',
      filename: '报修单.pdf',
      mime: 'application/pdf',
      base64: Buffer.from('%PDF-1.4').toString('base64'),
    });
    expect(pdf.status).toBe(400);
    expect(((await pdf.json()) as { error: string }).error).toMatch(/do not receive application\/pdf/);
    const bad = await post(`${emu.url}/_emu/send-image`, {
      userId: 'tenant-b1-23',
      filename: 'x.png',
      mime: 'image/png',
      base64: '###',
    });
    expect(bad.status).toBe(400);
    const noUser = await post(`${emu.url}/_emu/send-image`, {
      filename: 'x.png',
      mime: 'image/png',
      base64: 'AAAA',
    });
    expect(noUser.status).toBe(400);
    expect(bot.got.length).toBe(before);
  });
});
