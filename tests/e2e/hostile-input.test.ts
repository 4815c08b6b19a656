import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawHttp, rawRequest } from '../helpers/raw-http.js';
import { startTestBot, TEST_ADMIN_TOKEN, type TestBot } from '../helpers/test-bot.js';

/**
 * Hostile requests against every route: malformed, oversized, deeply nested, invalid UTF-8 and
 * operator-injection bodies, headers and query strings. Never a 5xx, never a crash, nothing
 * stored from a request that did not verify.
 */

const ROUTES: readonly (readonly [string, string])[] = [
  ['GET', '/webhooks/wecom'],
  ['POST', '/webhooks/wecom'],
  ['POST', '/webhooks/dingtalk'],
  ['POST', '/webhooks/dingtalk/cards'],
  ['POST', '/webhooks/dingtalk/events'],
  ['POST', '/api/nlu/parse'],
  ['POST', '/api/bind-codes'],
  ['POST', '/api/staff/import'],
  ['GET', '/healthz'],
  ['GET', '/readyz'],
  // Methods the routes do not take.
  ['GET', '/webhooks/dingtalk'],
  ['GET', '/webhooks/dingtalk/cards'],
  ['GET', '/webhooks/dingtalk/events'],
  ['GET', '/api/bind-codes'],
  ['POST', '/healthz'],
  ['PUT', '/webhooks/wecom'],
];

const nestedJson = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const nestedXml = (depth: number) => `<xml>${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}</xml>`;

/** Bodies no route should accept from a stranger. */
const BODIES: Record<string, Buffer> = {
  empty: Buffer.alloc(0),
  'truncated JSON': Buffer.from('{"text":'),
  'truncated XML': Buffer.from('<xml><Encrypt><![CDATA[abc'),
  'random bytes': Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 131 + 7) % 256)),
  'invalid UTF-8': Buffer.from([
    0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x22, 0x7d,
  ]),
  'oversized JSON (200 KB)': Buffer.from(JSON.stringify({ text: 'x'.repeat(200_000) })),
  'oversized XML (200 KB)': Buffer.from(`<xml>${'<a>1</a>'.repeat(28_000)}</xml>`),
  'small elements (44 KB)': Buffer.from(`<xml>${'<a>1</a>'.repeat(5600)}</xml>`),
  'nested JSON arrays': Buffer.from(nestedJson(20_000)),
  'nested JSON objects': Buffer.from(nestedObject(5_000)),
  'nested XML': Buffer.from(nestedXml(5_000)),
  'XML out-of-range char ref': Buffer.from('<xml><Encrypt>&#x110000;</Encrypt><A>&#1114112;</A></xml>'),
  'XML prototype keys': Buffer.from(
    '<xml><__proto__><Encrypt>x</Encrypt></__proto__><constructor>1</constructor><Encrypt>YQ==</Encrypt></xml>',
  ),
  'XML entity bomb': Buffer.from(
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><xml><Encrypt>&b;</Encrypt></xml>',
  ),
  'operator injection': Buffer.from(
    JSON.stringify({
      text: { $gt: '' },
      shopCode: { $ne: null },
      encrypt: { $regex: '.*' },
      staff: [{ employeeNo: { $gt: '' }, name: { $where: '1' }, roles: ['manager'] }],
      msgId: { $ne: 1 },
      outTrackId: { $exists: true },
      userId: { $in: ['a'] },
      content: { $function: 'x' },
    }),
  ),
  'prototype pollution': Buffer.from('{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}'),
  'dotted and dollar keys': Buffer.from(
    JSON.stringify({
      'a.b': 1,
      $set: { roles: ['manager'] },
      msgtype: 'text',
      msgId: 'm.1',
      conversationType: '1',
    }),
  ),
};

const HOSTILE_QUERIES = [
  'msg_signature=%E0%A4%A&timestamp=%FF%FE&nonce=%00&echostr=%',
  `msg_signature=${'a'.repeat(40)}&timestamp=${'9'.repeat(400)}&nonce=n`,
  'msg_signature[$gt]=&timestamp[$ne]=0&nonce[]=1&echostr[$regex]=.*',
  'signature=1&signature=2&timestamp=1&timestamp=2&nonce=x&msg_signature=__proto__',
  `msg_signature=${'0'.repeat(40)}&timestamp=${Math.floor(Date.now() / 1000)}&nonce=${'n'.repeat(6000)}`,
  `constructor=1&__proto__[x]=1&hasOwnProperty=1&toString=1&timestamp=${Date.now()}`,
];

describe('hostile input on every route', () => {
  const logLines: string[] = [];
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({
      wecom: { users: ['h-user'] },
      dingtalk: {
        stream: false,
        emulator: { events: { token: 'mryue', aesKey: 'Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7' } },
      },
      env: { ADMIN_RATE_LIMIT_PER_MIN: '100000' },
      logLines,
    });
  });
  afterAll(async () => {
    await bot?.close();
  });

  const port = () => Number(new URL(bot.url).port);
  const statuses: { what: string; status: number }[] = [];
  const send = async (what: string, method: string, path: string, init: RequestInit = {}) => {
    let status = 0;
    try {
      const res = await fetch(`${bot.url}${path}`, { method, ...init, signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      status = 0;
    }
    statuses.push({ what, status });
    return status;
  };

  /** Stored from strangers: inbound events, event records, binding codes, people, audit entries. */
  const storedCounts = async () => {
    const m = bot.running.deps.db.models;
    return {
      inbound: await m.InboundEvent.countDocuments({}),
      unhandled: await m.UnhandledEvent.countDocuments({}),
      bindCodes: await m.BindCode.countDocuments({}),
      people: await m.Person.countDocuments({}),
      identities: await m.Identity.countDocuments({}),
    };
  };

  it('every hostile body on every route: a 4xx (or 2xx for the health routes), never a 5xx', async () => {
    const before = await storedCounts();
    for (const [method, path] of ROUTES) {
      for (const [name, body] of Object.entries(BODIES)) {
        for (const token of [null, 'wrong-token-wrong-token']) {
          const headers: Record<string, string> = {
            'content-type': name.includes('XML') ? 'text/xml' : 'application/json',
          };
          if (token) headers.authorization = `Bearer ${token}`;
          const status = await send(`${method} ${path} ${name}`, method, path, {
            headers,
            ...(method === 'GET' ? {} : { body }),
          });
          expect(status, `${method} ${path} ${name}`).toBeGreaterThanOrEqual(200);
          expect(status, `${method} ${path} ${name}`).toBeLessThan(500);
          if (method !== 'GET' || (!path.startsWith('/health') && path !== '/readyz')) {
            expect(status, `${method} ${path} ${name}`).toBeGreaterThanOrEqual(400);
          }
        }
      }
    }
    expect(await storedCounts()).toEqual(before);
  });

  it('hostile query strings on every route', async () => {
    const before = await storedCounts();
    for (const [method, path] of ROUTES) {
      for (const q of HOSTILE_QUERIES) {
        const status = await send(`${method} ${path}?${q.slice(0, 40)}`, method, `${path}?${q}`, {
          headers: { 'content-type': 'application/json' },
          ...(method === 'GET' ? {} : { body: '{"encrypt":"YWJj"}' }),
        });
        expect(status, `${path}?${q.slice(0, 60)}`).toBeGreaterThanOrEqual(200);
        expect(status, `${path}?${q.slice(0, 60)}`).toBeLessThan(500);
      }
    }
    expect(await storedCounts()).toEqual(before);
  });

  it('hostile headers on every route, sent as raw bytes', async () => {
    const before = await storedCounts();
    const ts = String(Date.now());
    const HEADERS: Record<string, (readonly [string, string | Buffer])[]> = {
      'huge sign': [
        ['timestamp', ts],
        ['sign', 'A'.repeat(8000)],
      ],
      'timestamp overflow': [
        ['timestamp', '9'.repeat(400)],
        ['sign', 'x'],
      ],
      'negative and float timestamp': [
        ['timestamp', '-1.5e308'],
        ['sign', '=='],
      ],
      'invalid UTF-8 values': [
        ['timestamp', Buffer.from([0xff, 0xfe, 0x31])],
        ['sign', Buffer.from([0xc3, 0x28])],
        ['authorization', Buffer.from([0x42, 0x65, 0x61, 0x72, 0x65, 0x72, 0x20, 0xed, 0xa0, 0x80])],
        ['x-request-id', Buffer.from([0xf0, 0x28, 0x8c, 0x28])],
      ],
      'injection-like values': [
        ['authorization', `Bearer ${'$'.repeat(40)}`],
        ['x-request-id', '../../etc/passwd'],
        ['x-forwarded-for', '127.0.0.1, $gt, ::1'],
        ['content-type', 'application/json; charset=utf-7'],
      ],
      'duplicate credentials': [
        ['authorization', `Bearer ${TEST_ADMIN_TOKEN.slice(0, 5)}`],
        ['authorization', 'Basic YTpi'],
        ['timestamp', ts],
        ['timestamp', '0'],
      ],
      'oversized header block': [['x-pad', 'p'.repeat(20_000)]],
      'content-encoding bomb claim': [
        ['content-encoding', 'gzip'],
        ['transfer-encoding', 'chunked, identity'],
      ],
    };
    for (const [method, path] of ROUTES) {
      for (const [name, headers] of Object.entries(HEADERS)) {
        const status = await rawRequest(
          port(),
          rawHttp(method, path, headers, Buffer.from('{"encrypt":"YWJj"}')),
        );
        statuses.push({ what: `${method} ${path} headers ${name}`, status });
        expect(status, `${method} ${path} headers ${name}`).toBeGreaterThanOrEqual(200);
        expect(status, `${method} ${path} headers ${name}`).toBeLessThan(500);
      }
    }
    expect(await storedCounts()).toEqual(before);
  });

  it('WeCom: a well-formed query with a hostile body is refused by the envelope scan, never parsed as a document', async () => {
    const emu = bot.wecom!;
    const q = `msg_signature=${'0'.repeat(40)}&timestamp=${Math.floor(Date.now() / 1000)}&nonce=1`;
    const bodies: Record<string, Buffer> = { ...BODIES, 'nested XML (16 KB)': Buffer.from(nestedXml(2000)) };
    for (const name of [
      'XML out-of-range char ref',
      'XML prototype keys',
      'nested XML (16 KB)',
      'small elements (44 KB)',
    ]) {
      const status = await send(name, 'POST', `/webhooks/wecom?${q}`, { body: bodies[name] });
      expect(status, name).toBe(400);
    }
    // And a signed callback whose decrypted message is hostile is a 400 too (never a 500).
    for (const plain of [
      '<xml><FromUserName>u</FromUserName><Content>&#x110000;</Content></xml>',
      '<xml><__proto__><MsgType>text</MsgType></__proto__><FromUserName>u</FromUserName></xml>',
      nestedXml(1000),
      '<xml><constructor>1</constructor><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>',
    ]) {
      const r = await emu.deliver(emu.signed(plain), { retries: 0 });
      expect(r.status, plain.slice(0, 40)).toBe(400);
    }
    // Without a query, the body is not even read (400 before 413).
    expect(
      await send('no query', 'POST', '/webhooks/wecom', { body: BODIES['oversized XML (200 KB)'] }),
    ).toBe(400);
  });

  it('DingTalk: signed but hostile card parameters are cleaned, never a 5xx', async () => {
    const emu = bot.dingtalk!;
    const deep = JSON.parse(nestedObject(3000)) as unknown;
    const payload = {
      outTrackId: 'ap-hostile',
      userId: 'h-user',
      corpId: emu.corpId,
      content: JSON.stringify({
        cardPrivateData: { params: { action_key: 'approval:approve:x', 'a.b': 'y', $where: 'z', deep } },
      }),
    };
    expect((await emu.postSigned(emu.cardCallbackUrl, payload)).status).toBe(200);
    const [stored] = await bot.running.deps.repos.inbound.listByUser('dingtalk', 'h-user');
    expect(stored?.action?.params).toEqual({ action_key: 'approval:approve:x' });
    const weird = {
      ...emu.robotMessage('h-user', '你好'),
      createAt: 1e300,
      sessionWebhookExpiredTime: -1e300,
    };
    expect((await emu.postSigned(emu.callbackUrl, weird)).status).toBeLessThan(500);
  });

  it('stays up and logged no internal error', async () => {
    expect(statuses.length).toBeGreaterThan(700);
    expect(statuses.filter((s) => s.status >= 500)).toEqual([]);
    const res = await fetch(`${bot.url}/healthz`);
    expect(res.status).toBe(200);
    const errors = logLines.filter((l) => /"level":(50|60)/.test(l));
    expect(errors).toEqual([]);
  });
});

describe('admin API rate limit', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: { ADMIN_RATE_LIMIT_PER_MIN: '5' } });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('answers 429 with Retry-After once a client passes the limit, wrong tokens included; webhooks are not limited', async () => {
    const call = (token: string) =>
      fetch(`${bot.url}/api/nlu/parse`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: '漏水' }),
      });
    const seen: number[] = [];
    for (let i = 0; i < 5; i++)
      seen.push((await call(i % 2 ? TEST_ADMIN_TOKEN : 'guess-guess-guess-guess')).status);
    expect(seen).toEqual([401, 200, 401, 200, 401]);
    const limited = await call(TEST_ADMIN_TOKEN);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { code: string }).code).toBe('RATE_LIMITED');
    // Health and webhook routes are not behind it.
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  });
});
