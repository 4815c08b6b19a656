import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Platform } from '../../../src/platforms/inbound-event.js';
import { seedDemoMall } from '../../../src/seed/demo-mall.js';
import type { ChatDriver } from '../../helpers/chat-driver.js';
import { TEST_ADMIN_TOKEN, type TestBot } from '../../helpers/test-bot.js';
import { moveClock, settle } from '../../helpers/timers.js';
import { eventually } from '../../helpers/wait.js';
import { type ChatKit, chatKit, TICKET } from './lifecycle.helpers.js';

export interface ApprovalsEnv {
  readonly bot: TestBot;
  readonly chat: ChatDriver;
  /** Every log line the bot wrote (the ID-number test searches them). */
  readonly logLines: readonly string[];
}

/** Every value under the test's Redis prefix, as text. */
const redisDump = async (prefix: string): Promise<string> => {
  const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
  try {
    const out: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        out.push(key);
        const type = await redis.type(key);
        if (type === 'string') out.push(String(await redis.get(key)));
        else if (type === 'hash') out.push(JSON.stringify(await redis.hgetall(key)));
        else if (type === 'list') out.push(JSON.stringify(await redis.lrange(key, 0, -1)));
        else if (type === 'set') out.push(JSON.stringify(await redis.smembers(key)));
        else if (type === 'zset') out.push(JSON.stringify(await redis.zrange(key, 0, -1)));
        else if (type === 'stream') out.push(JSON.stringify(await redis.xrange(key, '-', '+')));
      }
    } while (cursor !== '0');
    return out.join('\n');
  } finally {
    redis.disconnect();
  }
};

/** Folds full-width digits and drops separators between digits, so every written form reads as one. */
const fold = (s: string): string =>
  s
    .replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10))
    .replace(/(\d)[\s\u3000\-－]{1,2}(?=\d)/g, '$1');

const TENANT = 'tenant-b1-23';
const SHOP_HAND = 'tenant-b1-23-hand';
const SENIOR = 'staff-chen';
const SENIOR2 = 'staff-lin';
const DEPUTY = 'staff-wu';
const MANAGER = 'staff-zheng';
const GUARD = 'staff-zhao';
/** The ID-number key of these tests (32 bytes, hex). */
export const TEST_ID_KEY = 'a3f1c29e7b5d4e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5';

/** One valid resident ID number (GB 11643 check digit), written with spaces as people do. */
const ID_SPACED = '110105 19491231 002X';
const ID_FULL_WIDTH = '１１０１０５１９４９１２３１００２Ｘ';
const ID_DIGITS = '11010519491231002';

const ASSISTANT = 'staff-liu';
const USERS = [
  TENANT,
  SHOP_HAND,
  SENIOR,
  SENIOR2,
  DEPUTY,
  MANAGER,
  GUARD,
  ASSISTANT,
  'staff-sun',
  'staff-ma',
];

/**
 * Approval requests through the platform emulator and the real signed callback path: who may
 * ask, who may decide (separation of duties, stand-ins), reasons, withdrawal, the gate.
 */
export const approvalScenarios = (platform: Platform, setup: () => Promise<ApprovalsEnv>): void => {
  describe(`approvals on ${platform}`, () => {
    let env: ApprovalsEnv;
    let k: ChatKit;
    const approval = async (number: string) => {
      const a = await k.models().Approval.findOne({ number }).lean();
      expect(a).not.toBeNull();
      return a!;
    };
    const admin = (method: string, path: string, body: unknown) =>
      fetch(`${env.bot.url}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    /** Files a key loan as `user` through the confirmation card; returns the bot's answer. */
    const askKey = async (user: string, text: string): Promise<string> => {
      const at = k.mark(user);
      await env.chat.say(user, text);
      const card = await env.chat.waitForCard(
        user,
        (c) =>
          c.title.startsWith('请确认') &&
          c.title.includes('钥匙') &&
          !c.closedLabel &&
          c.keys.some((x) => x.startsWith('dialog:confirm:')),
      );
      await env.chat.click(user, card.cardId, card.keys.find((x) => x.startsWith('dialog:confirm:')) ?? '');
      return env.chat.waitForText(user, (t) => TICKET.test(t), at);
    };
    /** Files a goods release as `user` through the confirmation card; returns the bot's answer. */
    const askRelease = async (user: string, text: string): Promise<string> => {
      const at = k.mark(user);
      await env.chat.say(user, text);
      const card = await env.chat.waitForCard(
        user,
        (c) =>
          c.title.startsWith('请确认') &&
          !c.closedLabel &&
          c.keys.some((x) => x.startsWith('dialog:confirm:')),
      );
      await env.chat.click(user, card.cardId, card.keys.find((x) => x.startsWith('dialog:confirm:')) ?? '');
      return env.chat.waitForText(user, (t) => TICKET.test(t) || t.includes('签字人'), at);
    };

    beforeAll(async () => {
      env = await setup();
      for (const u of USERS) env.chat.addUser(u);
      const deps = env.bot.running.deps;
      await seedDemoMall(deps.db, deps.repos.shops, deps.repos.people, [platform]);
      deps.units.invalidate();
      // Everyone on duty around the clock: duty resolution has its own tests.
      const allDay = [0, 1, 2, 3, 4, 5, 6].flatMap((weekday) =>
        (['early', 'middle', 'night'] as const).map((shift) => ({ weekday, shift })),
      );
      await deps.db.models.Person.updateMany({ kind: 'staff' }, { $set: { duty: allDay } });
      // A shop hand of B1-23 who is not a registered release signer.
      const hand = await deps.repos.people.create({
        name: '店员小张',
        kind: 'tenant',
        roles: ['tenant'],
        shopCodes: ['B1-23'],
      });
      await deps.repos.people.bindIdentity(platform, SHOP_HAND, hand.id, 'admin');
      k = chatKit(env.bot, env.chat, platform);
    });
    beforeEach(async () => {
      const deps = env.bot.running.deps;
      for (const u of USERS) {
        await deps.dialogs.clear(platform, u);
        await deps.pending.clear(platform, u);
      }
    });
    afterAll(async () => {
      await env?.bot.close();
    });

    it('a goods release from someone who is not a registered signer is refused with the reason, until the admin API registers them', async () => {
      const before = await k.models().Approval.countDocuments();
      const refused = await askRelease(SHOP_HAND, '申请放行 衣服5箱 明天下午3点');
      expect(refused).toContain('不是铺位 B1-23 登记的物品放行签字人');
      expect(refused).not.toMatch(TICKET);
      await k.settled(SHOP_HAND);
      expect(await k.models().Approval.countDocuments()).toBe(before);
      const audit = await env.bot.running.deps.repos.audit.find({
        action: 'approval.request.goods_release',
        outcome: 'refused',
      });
      expect(audit.length).toBeGreaterThan(0);

      const shop = await env.bot.running.deps.repos.shops.releaseOf('B1-23');
      const r = await admin('PUT', '/shops/B1-23/release', {
        mode: 'any_signer',
        signers: [...(shop?.signers ?? []), { name: '店员小张' }],
      });
      expect(r.status).toBe(200);
      expect(await askRelease(SHOP_HAND, '申请放行 纸箱3箱 明天上午10点')).toMatch(
        /已提交物品放行申请，单号 SP/,
      );
    });

    it('two approvers clicking at once give one decision; the gate gets one pass and marks it 已放行', async () => {
      const reply = await askRelease(TENANT, '申请放行 衣服10箱 明天早上8点');
      const number = TICKET.exec(reply)?.[0] ?? '';
      expect(number).toMatch(/^SP/);
      const a = await k.card(SENIOR, number, 'approve');
      const b = await k.card(SENIOR2, number, 'approve');
      const at = k.mark(TENANT);
      await Promise.all([
        env.chat.click(SENIOR, a.card.cardId, a.key),
        env.chat.click(SENIOR2, b.card.cardId, b.key),
      ]);
      await k.settled(SENIOR);
      await k.settled(SENIOR2);
      const doc = await approval(number);
      expect(doc.status).toBe('approved');
      expect(doc.history.filter((h) => h.action === 'approve')).toHaveLength(1);
      const winner = doc.steps[0]?.deciderId?.toString();
      const people = env.bot.running.deps.repos.people;
      const loserUser = winner === (await people.byIdentity(platform, SENIOR))?.id ? SENIOR2 : SENIOR;
      const allowed = await env.bot.running.deps.repos.audit.find({
        action: 'approval.approve',
        outcome: 'allowed',
      });
      expect(
        allowed.filter((r) => r.targetId === doc._id.toString()).map((r) => JSON.stringify(r)),
      ).toHaveLength(1);
      // The second click, when the platform still delivered it, is told it was already decided.
      for (const t of env.chat.texts(loserUser, 0).filter((x) => x.includes(number)))
        expect(t).toContain('无需重复操作');
      // Every copy shows the one outcome.
      for (const u of [SENIOR, SENIOR2])
        await env.chat.waitForCard(
          u,
          (c) => c.title.includes(number) && (c.closedLabel ?? '').startsWith('已同意'),
        );
      await k.expectText(TENANT, (t) => t.includes(number) && t.includes('放行条已发送保安'), at);

      const pass = await k.card(GUARD, number, 'gate_release');
      expect(pass.card.title).toContain('放行条');
      await env.chat.click(GUARD, pass.card.cardId, pass.key);
      await k.settled(GUARD);
      expect((await approval(number)).status).toBe('released');
      await k.expectText(TENANT, (t) => t.includes(number) && t.includes('已由保安放行'), at);
      await env.chat.waitForCard(
        GUARD,
        (c) => c.title.includes(number) && (c.closedLabel ?? '').startsWith('已放行'),
      );
    });

    it('a reject asks the approver for the reason and the requester reads it', async () => {
      const reply = await askRelease(TENANT, '申请放行 货架2个 明天下午5点');
      const number = TICKET.exec(reply)?.[0] ?? '';
      const at = k.mark(TENANT);
      const asked = k.mark(SENIOR);
      await k.press(SENIOR, number, 'reject');
      await k.expectText(SENIOR, (t) => t.includes('驳回原因'), asked);
      await k.answer(SENIOR, '货架属于商场资产，不能带出');
      const told = await k.expectText(TENANT, (t) => t.includes(number) && t.includes('驳回'), at);
      expect(told).toContain('原因：货架属于商场资产，不能带出');
      const doc = await approval(number);
      expect(doc.status).toBe('rejected');
      expect(doc.steps[0]?.reason).toBe('货架属于商场资产，不能带出');
      await env.chat.waitForCard(
        SENIOR2,
        (c) => c.title.includes(number) && (c.closedLabel ?? '').startsWith('已驳回 · 陈主管'),
      );
    });

    it('nobody decides their own request: the requester gets no card and a forged click is refused and audited', async () => {
      const at = k.mark(SENIOR);
      await env.chat.say(SENIOR, '借用 B1-23 的钥匙');
      const card = await env.chat.waitForCard(
        SENIOR,
        (c) =>
          c.title.startsWith('请确认') &&
          !c.closedLabel &&
          c.keys.some((x) => x.startsWith('dialog:confirm:')),
      );
      await env.chat.click(SENIOR, card.cardId, card.keys.find((x) => x.startsWith('dialog:confirm:')) ?? '');
      const number = TICKET.exec(await env.chat.waitForText(SENIOR, (t) => TICKET.test(t), at))?.[0] ?? '';
      const other = await k.card(SENIOR2, number, 'approve');
      const doc = await approval(number);
      const me = await env.bot.running.deps.repos.people.byIdentity(platform, SENIOR);
      const copies = await env.bot.running.deps.repos.cards.forSubject('approval', doc._id.toString());
      expect(copies.length).toBeGreaterThan(0);
      expect(copies.some((c) => c.cardId.includes(me?.id ?? '-'))).toBe(false);
      const mark = k.mark(SENIOR);
      await env.chat.forgeClick(SENIOR, other.card.cardId, other.key);
      await k.expectText(SENIOR, (t) => t.includes('不能审批自己提交的申请'), mark);
      expect((await approval(number)).status).toBe('pending');
      const refused = await env.bot.running.deps.repos.audit.find({
        action: 'approval.approve',
        outcome: 'refused',
      });
      expect(refused.some((r) => r.actorPlatformUserId === SENIOR)).toBe(true);
    });

    it('the requester withdraws a pending request by saying 撤回; every approver copy shows it; 我的申请 lists it', async () => {
      const reply = await askRelease(TENANT, '申请放行 样品1箱 明天中午12点');
      const number = TICKET.exec(reply)?.[0] ?? '';
      expect(reply).toContain(`撤回 ${number}`);
      await k.card(SENIOR, number, 'approve');
      // The open step carries its first reminder for the deadline sweep.
      expect((await approval(number)).remindAt).toBeInstanceOf(Date);
      const list = await k.say(TENANT, '我的申请');
      expect(list).toContain(`${number} 物品放行：待高级物业助理审批（第1/1步，当值：`);
      expect(list).toContain('陈主管');
      const at = k.mark(TENANT);
      await env.chat.say(TENANT, `撤回 ${number}`);
      await k.settled(TENANT);
      await k.expectText(TENANT, (t) => t.includes(number) && t.includes('已撤回'), at);
      expect(await approval(number)).toMatchObject({ status: 'cancelled' });
      expect((await approval(number)).remindAt).toBeUndefined();
      for (const u of [SENIOR, SENIOR2])
        await env.chat.waitForCard(
          u,
          (c) => c.title.includes(number) && (c.closedLabel ?? '').startsWith('已撤回'),
        );
      expect(await k.say(TENANT, '我的申请')).toContain(`${number} 物品放行：已撤回`);
      expect(await k.say(TENANT, `撤回 ${number}`)).toContain('无需重复操作');
    });

    it('a stand-in named through the admin API decides the deputy manager’s step as 代 吴副经理 审批', async () => {
      const r = await admin('POST', '/stand-ins', {
        principal: { employeeNo: 'E006' },
        deputy: { employeeNo: 'E005' },
        from: new Date(Date.now() - 3_600_000).toISOString(),
        until: new Date(Date.now() + 86_400_000).toISOString(),
      });
      expect(r.status).toBe(201);
      const at = k.mark(TENANT);
      await env.chat.say(TENANT, '申请退场 下周一');
      const card = await env.chat.waitForCard(
        TENANT,
        (c) =>
          c.title.startsWith('请确认') &&
          !c.closedLabel &&
          c.keys.some((x) => x.startsWith('dialog:confirm:')),
      );
      await env.chat.click(TENANT, card.cardId, card.keys.find((x) => x.startsWith('dialog:confirm:')) ?? '');
      const number = TICKET.exec(await env.chat.waitForText(TENANT, (t) => TICKET.test(t), at))?.[0] ?? '';
      await k.press(SENIOR, number, 'approve');
      // Step 2 belongs to the deputy manager: 吴副经理 and her stand-in 林主管 both hold a card.
      await k.card(DEPUTY, number, 'approve');
      await k.press(SENIOR2, number, 'approve');
      const doc = await approval(number);
      expect(doc.status).toBe('approved');
      const wu = await env.bot.running.deps.repos.people.byIdentity(platform, DEPUTY);
      expect(doc.steps[1]?.onBehalfOfId?.toString()).toBe(wu?.id);
      expect(doc.history.at(-1)?.note).toBe('代吴副经理审批');
      await env.chat.waitForCard(
        DEPUTY,
        (c) =>
          c.title.includes(number) && (c.closedLabel ?? '').startsWith('已同意 · 林主管（代吴副经理审批）'),
      );
      await k.expectText(TENANT, (t) => t.includes(number) && t.includes('已审批通过'), at);
    });

    // Last: it moves the deployment's clock days ahead.
    it('an approved pass not used in its window expires: the gate card and the requester show it', async () => {
      const reply = await askRelease(TENANT, '申请放行 旧柜台1个 明天下午2点');
      const number = TICKET.exec(reply)?.[0] ?? '';
      const at = k.mark(TENANT);
      await k.press(SENIOR, number, 'approve');
      await k.card(GUARD, number, 'gate_release');
      const approved = await approval(number);
      expect(approved.passExpiresAt).toBeDefined();
      expect(approved.remindAt).toBeUndefined();
      await moveClock(env.bot, { advanceMinutes: 3 * 24 * 60 });
      await settle(env.bot);
      await eventually(async () => (await approval(number)).status === 'expired', 15_000, 'the pass expired');
      expect((await approval(number)).passExpiresAt).toBeUndefined();
      await env.chat.waitForCard(
        GUARD,
        (c) => c.title.includes(number) && (c.closedLabel ?? '').startsWith('放行条已过期'),
      );
      await k.expectText(TENANT, (t) => t.includes(number) && t.includes('已作废'), at);
      // A second sweep changes nothing and sends nothing more.
      await moveClock(env.bot, { advanceMinutes: 60 });
      await settle(env.bot);
      expect(
        env.chat.texts(TENANT, at).filter((t) => t.includes(number) && t.includes('已作废')),
      ).toHaveLength(1);
    });

    it('an overnight key loan needs the manager’s step after the senior assistant’s', async () => {
      const reply = await askKey(TENANT, `借用B1-23的钥匙，明天还，电话13800138000，身份证${ID_SPACED}`);
      expect(reply).toContain('次日归还须经理批准');
      const number = TICKET.exec(reply)?.[0] ?? '';
      const doc = await approval(number);
      expect(doc.steps.map((s) => s.role)).toEqual(['senior_assistant', 'manager']);
      await k.press(SENIOR, number, 'approve');
      await k.press(MANAGER, number, 'approve');
      expect((await approval(number)).status).toBe('approved');
      // The keeper's ledger card follows, with 已领取.
      const keeper = await k.card(SENIOR2, number, 'hand_over');
      expect(keeper.card.title).toContain('借匙登记');
    });

    it('a key loan is handed over (已领取) and returned late (已归还), with the times in the ledger', async () => {
      const reply = await askKey(TENANT, `借用B1-23的钥匙，电话13800138000，身份证${ID_SPACED}`);
      const number = TICKET.exec(reply)?.[0] ?? '';
      const at = k.mark(TENANT);
      await k.press(SENIOR, number, 'approve');
      await k.press(SENIOR2, number, 'hand_over');
      await k.expectText(TENANT, (t) => t.includes(number) && t.includes('已领取'), at);
      const out = await approval(number);
      expect(out.status).toBe('handed_over');
      expect(out.keyDueAt).toEqual(out.dueAt);
      await moveClock(env.bot, { advanceMinutes: 2 * 24 * 60 });
      await settle(env.bot);
      // The sweep chased it once: the borrower and the keepers on duty were told it is overdue.
      await k.expectText(TENANT, (t) => t.includes(number) && t.includes('已逾期'), at);
      await k.expectText(SENIOR, (t) => t.includes('钥匙逾期未还') && t.includes(number), 0);
      const chased = await approval(number);
      expect(chased.keyDueAt).toBeUndefined();
      expect(chased.history.filter((h) => h.action === 'deadline.key-due')).toHaveLength(1);
      await k.press(SENIOR, number, 'take_back');
      const back = await approval(number);
      expect(back.status).toBe('returned');
      expect(back.keyDueAt).toBeUndefined();
      const handed = back.history.find((h) => h.action === 'hand_over');
      const returned = back.history.find((h) => h.action === 'take_back');
      expect(handed?.at).toBeInstanceOf(Date);
      expect(returned?.note).toBe('逾期归还');
      expect(returned!.at.getTime()).toBeGreaterThan(back.dueAt!.getTime());
      await k.expectText(TENANT, (t) => t.includes(number) && t.includes('已归还（逾期'), at);
      await env.chat.waitForCard(
        SENIOR2,
        (c) => c.title.includes(number) && (c.closedLabel ?? '').startsWith('钥匙已归还 · 陈主管'),
      );
    });

    it('an outside borrower’s ID number is found nowhere in clear text, except in a senior assistant’s audited reveal', async () => {
      const reply = await askKey(TENANT, `借用B1-23的钥匙，电话13800138000，身份证${ID_FULL_WIDTH}`);
      const number = TICKET.exec(reply)?.[0] ?? '';
      const doc = await approval(number);
      expect(doc.details.find((d) => d.key === 'id')?.value).toBe('110***********002X');
      expect(doc.borrowerIdSealed).toMatch(/^v1\./);
      // Not for an assistant, nor for the tenant: refused and audited.
      expect(await k.say(ASSISTANT, `查看证件 ${number}`)).toContain('仅限高级物业助理及以上');
      expect(await k.say(TENANT, `查看证件 ${number}`)).toContain('仅限高级物业助理及以上');
      const shown = await k.say(SENIOR, `查看证件 ${number}`);
      expect(shown).toContain(`${number} 借用人身份证号：${ID_DIGITS}X`);
      const audit = await env.bot.running.deps.repos.audit.find({ action: 'approval.reveal_id' });
      expect(audit.filter((r) => r.outcome === 'refused').map((r) => r.actorPlatformUserId)).toEqual(
        expect.arrayContaining([ASSISTANT, TENANT]),
      );
      expect(audit.some((r) => r.outcome === 'allowed' && r.actorPlatformUserId === SENIOR)).toBe(true);
      await k.settled(SENIOR);
      await settle(env.bot);

      const db = env.bot.running.deps.db.conn.db;
      if (!db) throw new Error('no database');
      const dumps: string[] = [];
      for (const c of await db.listCollections().toArray())
        dumps.push(JSON.stringify(await db.collection(c.name).find({}).toArray()));
      const database = dumps.join('\n');
      expect(database).toContain('110***********002X');
      const redis = await redisDump(env.bot.prefix);
      const logs = env.logLines.join('\n');
      expect(logs.length).toBeGreaterThan(0);
      for (const [where, text] of [
        ['database', database],
        ['redis', redis],
        ['logs', logs],
      ] as const) {
        for (const form of [ID_SPACED, ID_FULL_WIDTH]) expect(text, `${where}: ${form}`).not.toContain(form);
        expect(fold(text), where).not.toContain(ID_DIGITS);
      }
    });
  });
};
