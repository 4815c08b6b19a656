import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildXml } from '../../emulators/wecom/wecom-emulator.callbacks.js';
import { addTenant } from '../helpers/fixtures.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { eventually } from '../helpers/wait.js';

/** The written forms of one valid ID number (110105194912310023 is not valid; ...002X is). */
const FORMS = [
  '１１０１０５１９４９１２３１００２Ｘ',
  '110105 19491231 002X',
  '1101 0519 4912 3100 2x',
  '110105-19491231-002X',
  '１１０１０５　１９４９１２３１　００２ｘ',
];
const DIGITS = '11010519491231002';

/** Folds full-width digits and drops the separators between digits, so every form reads as one. */
const fold = (s: string): string =>
  s
    .replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10))
    .replace(/(\d)[\s\u3000\-－]{1,2}(?=\d)/g, '$1');

const redisDump = async (prefix: string): Promise<string> => {
  const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
  try {
    const out: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      for (const k of keys) {
        const type = await redis.type(k);
        if (type === 'string') out.push(String(await redis.get(k)));
        else if (type === 'hash') out.push(JSON.stringify(await redis.hgetall(k)));
        else if (type === 'list') out.push(JSON.stringify(await redis.lrange(k, 0, -1)));
        else if (type === 'set') out.push(JSON.stringify(await redis.smembers(k)));
        else if (type === 'zset') out.push(JSON.stringify(await redis.zrange(k, 0, -1)));
        else if (type === 'stream') out.push(JSON.stringify(await redis.xrange(k, '-', '+')));
      }
    } while (cursor !== '0');
    return out.join('\n');
  } finally {
    redis.disconnect();
  }
};

describe('ID numbers in every written form are masked at intake', () => {
  const logLines: string[] = [];
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({
      wecom: { users: ['im-tenant'] },
      dingtalk: { stream: false, emulator: { users: ['im-tenant-dt'] } },
      logLines,
    });
    await addTenant(bot.running.deps, {
      name: '孙老板',
      shopCode: 'B1-23',
      accounts: [
        { platform: 'wecom', userId: 'im-tenant' },
        { platform: 'dingtalk', userId: 'im-tenant-dt' },
      ],
    });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('leaves no full ID number in the database, Redis or the logs', async () => {
    const wecom = bot.wecom!;
    const dingtalk = bot.dingtalk!;
    for (const form of FORMS) {
      expect((await wecom.sendText('im-tenant', `我要借钥匙，身份证${form}，电话13800138000`)).status).toBe(
        200,
      );
      expect((await dingtalk.sendText('im-tenant-dt', `借钥匙 证件号 ${form}`)).status).toBe(200);
    }
    // A link message and a DingTalk rich text carry it too.
    const link = buildXml({
      ToUserName: wecom.corpId,
      FromUserName: 'im-tenant',
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'link',
      Title: `身份证${FORMS[1]}`,
      Description: '',
      Url: `https://x.example/?id=${FORMS[2]}`,
      MsgId: wecom.nextMsgId(),
      AgentID: wecom.agentId,
    });
    expect((await wecom.deliver(wecom.signed(link))).status).toBe(200);
    const rich = {
      ...dingtalk.robotMessage('im-tenant-dt', ''),
      msgtype: 'richText',
      content: { richText: [{ text: '身份证' }, { text: FORMS[0] }] },
    };
    expect((await dingtalk.postSigned(dingtalk.callbackUrl, rich)).status).toBe(200);

    const deps = bot.running.deps;
    // Every message processed (the dialog in Redis and the replies written) before looking.
    await eventually(
      async () => (await deps.repos.inbound.count({ status: 'done' })) >= FORMS.length * 2 + 2,
      30_000,
      'all messages processed',
    );
    const db = deps.db.conn.db;
    if (!db) throw new Error('no database');
    const dumps: string[] = [];
    for (const c of await db.listCollections().toArray()) {
      dumps.push(JSON.stringify(await db.collection(c.name).find({}).toArray()));
    }
    const database = dumps.join('\n');
    const redis = await redisDump(bot.prefix);
    const logs = logLines.join('\n');
    // Sanity: the masked form was stored and the messages were logged about at all.
    expect(database).toContain('110***********002X');
    expect(logs.length).toBeGreaterThan(0);
    for (const [where, text] of [
      ['database', database],
      ['redis', redis],
      ['logs', logs],
    ] as const) {
      for (const form of FORMS) expect(text, `${where}: ${form}`).not.toContain(form);
      expect(fold(text), where).not.toContain(DIGITS);
    }
  });
});
