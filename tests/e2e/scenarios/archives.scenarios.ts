import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../../src/platforms/inbound-event.js';
import { seedDemoMall } from '../../../src/seed/demo-mall.js';
import type { ChatDriver } from '../../helpers/chat-driver.js';
import { TEST_ADMIN_TOKEN, type TestBot } from '../../helpers/test-bot.js';
import { moveClock, settle } from '../../helpers/timers.js';
import { eventually } from '../../helpers/wait.js';
import { type ChatKit, chatKit, TICKET } from './lifecycle.helpers.js';

export interface ArchivesEnv {
  readonly bot: TestBot;
  readonly chat: ChatDriver;
}

const BORROWER = 'staff-chen';
const SENIOR2 = 'staff-lin';
const DEPUTY = 'staff-wu';
const MANAGER = 'staff-zheng';
const LEADER = 'staff-sun';
/** 周文员: the front desk, and the archive clerk of the demo mall. */
const CLERK = 'staff-zhou';
const TENANT = 'tenant-b1-23';
const SHOP_HAND = 'tenant-b1-23-hand';
const USERS = [BORROWER, SENIOR2, DEPUTY, MANAGER, LEADER, CLERK, TENANT, SHOP_HAND];

/**
 * Archive access (rulebook 7.2) and the goods release "signer confirms first" mode, through the
 * platform emulator and the real signed callback path: who approves viewing and copying, the
 * clerk's important-file mark, the ledger out and back with both sides confirming, a next-day
 * return, the chase of a file not back by closing time.
 */
export const archiveScenarios = (platform: Platform, setup: () => Promise<ArchivesEnv>): void => {
  describe(`archive access on ${platform}`, () => {
    let env: ArchivesEnv;
    let k: ChatKit;
    const approval = async (number: string) => {
      const a = await k.models().Approval.findOne({ number }).lean();
      expect(a).not.toBeNull();
      return a!;
    };
    /** Files a request as `user`: answers the bot's questions in order, then confirms. */
    const file = async (
      user: string,
      text: string,
      answers: readonly [string, string][],
    ): Promise<string> => {
      const at = k.mark(user);
      await env.chat.say(user, text);
      for (const [question, answer] of answers) {
        await k.expectText(user, (t) => t.includes(question), at);
        await env.chat.say(user, answer);
      }
      const card = await env.chat.waitForCard(
        user,
        (c) =>
          c.title.startsWith('请确认') &&
          !c.closedLabel &&
          c.keys.some((x) => x.startsWith('dialog:confirm:')),
      );
      await env.chat.click(user, card.cardId, card.keys.find((x) => x.startsWith('dialog:confirm:')) ?? '');
      // The number is read from this confirmation card once it closes ("已提交 · 编号"): a text
      // with an earlier request's number (a late reminder or notice) may arrive meanwhile.
      const closed = await env.chat.waitForCard(
        user,
        (c) => c.cardId === card.cardId && Boolean(c.closedLabel),
      );
      const filed = TICKET.exec(closed.closedLabel ?? '')?.[0];
      if (filed) return filed;
      return env.chat.waitForText(user, (t) => t.includes('不能受理'), at);
    };
    const askView = (subject: string) =>
      file(BORROWER, '申请查阅商户档案', [
        ['哪份档案', subject],
        ['是否需要复印', '不需要'],
      ]);
    const askCopy = (text: string, subject: string) => file(BORROWER, text, [['哪份档案', subject]]);
    /** Everything card-shaped the bot queued for `user` about `number` (outbox and its archive), as text. */
    const cardsSent = async (user: string, number: string): Promise<string> => {
      const m = k.models();
      const rows: { message?: unknown }[] = [
        ...(await m.Outbox.find({ toUserId: user }).lean()),
        ...(await m.OutboxArchive.find({ toUserId: user }).lean<{ message?: unknown }[]>()),
      ];
      return rows
        .map((r) => JSON.stringify(r.message ?? ''))
        .filter((t) => t.includes(number))
        .join('\n');
    };
    /** A view approved by the deputy, recorded out by the clerk and confirmed by the borrower. */
    const checkedOut = async (subject: string): Promise<string> => {
      const number = await askView(subject);
      await k.press(DEPUTY, number, 'approve');
      await k.press(CLERK, number, 'file_out');
      await k.press(BORROWER, number, 'confirm_out');
      expect((await approval(number)).status).toBe('checked_out');
      return number;
    };

    beforeAll(async () => {
      env = await setup();
      for (const u of USERS) env.chat.addUser(u);
      const deps = env.bot.running.deps;
      await seedDemoMall(deps.db, deps.repos.shops, deps.repos.people, [platform]);
      deps.units.invalidate();
      const allDay = [0, 1, 2, 3, 4, 5, 6].flatMap((weekday) =>
        (['early', 'middle', 'night'] as const).map((shift) => ({ weekday, shift })),
      );
      await deps.db.models.Person.updateMany({ kind: 'staff' }, { $set: { duty: allDay } });
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

    it('a tenant asking for an archive is refused with the reason', async () => {
      const before = await k.models().Approval.countDocuments({ type: 'archive_access' });
      expect(await k.say(TENANT, '调一下B1-23的档案看看')).toContain('档案查阅仅限商场员工申请');
      expect(await k.models().Approval.countDocuments({ type: 'archive_access' })).toBe(before);
    });

    it('viewing is approved by the deputy manager; the clerk records it out and back, each confirmed by the borrower, with times', async () => {
      const number = await askView('B1-23的租赁合同');
      expect(number).toMatch(/^SP/);
      expect((await approval(number)).steps.map((s) => s.role)).toEqual(['deputy_manager']);
      const at = k.mark(BORROWER);
      await k.press(DEPUTY, number, 'approve');
      await k.expectText(BORROWER, (t) => t.includes(number) && t.includes('请到档案管理员处办理出档'), at);
      // The clerk's ledger card: 出档, and nothing for the borrower to press yet.
      const out = await k.card(CLERK, number, 'file_out');
      expect(out.card.title).toContain('档案借阅登记');
      await env.chat.click(CLERK, out.card.cardId, out.key);
      await k.settled(CLERK);
      expect((await approval(number)).status).toBe('handing_out');
      await k.expectText(BORROWER, (t) => t.includes(number) && t.includes('已出档'), at);
      await k.press(BORROWER, number, 'confirm_out');
      const lent = await approval(number);
      expect(lent.status).toBe('checked_out');
      // Due back the same day (closing time, or the end of the day when taken out after hours).
      const now = await moveClock(env.bot, { advanceMinutes: 0 });
      expect(lent.dueAt!.getTime()).toBeGreaterThan(now.getTime() - 60_000);
      expect(lent.dueAt!.getTime() - now.getTime()).toBeLessThan(24 * 3_600_000);
      expect(lent.archiveDueAt).toEqual(lent.dueAt);
      await k.press(CLERK, number, 'file_back');
      expect((await approval(number)).status).toBe('returning');
      await k.expectText(BORROWER, (t) => t.includes(number) && t.includes('已归档'), at);
      await k.press(BORROWER, number, 'confirm_back');
      const back = await approval(number);
      expect(back.status).toBe('filed_back');
      expect(back.archiveDueAt).toBeUndefined();
      const people = env.bot.running.deps.repos.people;
      const clerk = (await people.byIdentity(platform, CLERK))?.id;
      const borrower = (await people.byIdentity(platform, BORROWER))?.id;
      const ledger = back.history.filter((h) =>
        ['file_out', 'confirm_out', 'file_back', 'confirm_back'].includes(h.action),
      );
      expect(ledger.map((h) => [h.action, h.actorId?.toString()])).toEqual([
        ['file_out', clerk],
        ['confirm_out', borrower],
        ['file_back', clerk],
        ['confirm_back', borrower],
      ]);
      for (const h of ledger) expect(h.at).toBeInstanceOf(Date);
      await k.expectText(CLERK, (t) => t.includes(number) && t.includes('借阅人已确认归还'), 0);
    });

    it('a copy needs the property manager after the deputy manager', async () => {
      const number = await askCopy('申请调阅商户档案，需要复印', 'A1023的装修图纸');
      expect((await approval(number)).steps.map((s) => s.role)).toEqual(['deputy_manager', 'manager']);
      const at = k.mark(BORROWER);
      await k.press(DEPUTY, number, 'approve');
      await k.expectText(BORROWER, (t) => t.includes(number) && t.includes('等待营运部经理审批'), at);
      // The deputy who signed the first step may not sign the second.
      expect((await approval(number)).status).toBe('pending');
      await k.press(MANAGER, number, 'approve');
      expect((await approval(number)).status).toBe('approved');
      await k.card(CLERK, number, 'file_out');
    });

    it('an important document marked by the clerk (not by the requester) goes to the vice-president', async () => {
      // Saying it is important does not make it so: the chain is the ordinary copy's.
      const number = await askCopy('申请调阅商户档案并复印，是重要文件', '205的产权资料');
      const filed = await approval(number);
      expect(filed.steps.map((s) => s.role)).toEqual(['deputy_manager', 'manager']);
      expect(filed.conditions).toEqual(['copying']);
      const at = k.mark(BORROWER);
      await k.press(CLERK, number, 'mark_important');
      const marked = await approval(number);
      expect(marked.conditions).toEqual(['copying', 'important']);
      expect(marked.steps.map((s) => s.role)).toEqual(['deputy_manager', 'manager', 'leader']);
      await k.expectText(BORROWER, (t) => t.includes(number) && t.includes('标记为重要文件'), at);
      const audit = await env.bot.running.deps.repos.audit.find({ action: 'approval.mark_important' });
      expect(audit.some((r) => r.actorPlatformUserId === CLERK && r.outcome === 'allowed')).toBe(true);
      // The deputy's card came again, saying why; then the manager and the vice-president.
      const deputy = await k.card(DEPUTY, number, 'approve');
      expect(await cardsSent(DEPUTY, number)).toContain('已标记为重要文件');
      await env.chat.click(DEPUTY, deputy.card.cardId, deputy.key);
      await k.settled(DEPUTY);
      await k.press(MANAGER, number, 'approve');
      expect((await approval(number)).status).toBe('pending');
      await k.press(LEADER, number, 'approve');
      const done = await approval(number);
      expect(done.status).toBe('approved');
      expect(done.steps.map((s) => s.status)).toEqual(['approved', 'approved', 'approved']);
      await k.expectText(BORROWER, (t) => t.includes(number) && t.includes('已审批通过'), at);
    });

    it('a next-day return with a reason is granted by the deputy manager', async () => {
      const number = await checkedOut('B1-23的物业交接资料');
      const sameDay = (await approval(number)).dueAt!;
      const at = k.mark(BORROWER);
      const asked = k.mark(BORROWER);
      await k.press(BORROWER, number, 'ask_extension');
      await k.expectText(BORROWER, (t) => t.includes('次日归还的理由'), asked);
      await k.answer(BORROWER, '需要与财务核对两天的账目');
      const pending = await approval(number);
      expect(pending.extension).toMatchObject({ status: 'pending', reason: '需要与财务核对两天的账目' });
      await k.press(DEPUTY, number, 'grant_extension');
      const granted = await approval(number);
      expect(granted.status).toBe('checked_out');
      expect(granted.extension?.status).toBe('granted');
      expect(granted.dueAt!.getTime()).toBeGreaterThan(sameDay.getTime());
      expect(granted.archiveDueAt).toEqual(granted.dueAt);
      await k.expectText(
        BORROWER,
        (t) => t.includes(number) && t.includes('次日归还申请') && t.includes('已获同意'),
        at,
      );
      // The clerk's card carries the reason and still takes the file back.
      const clerk = await k.card(CLERK, number, 'file_back');
      expect(clerk.key).toContain('file_back');
      expect(await cardsSent(CLERK, number)).toContain('需要与财务核对两天的账目');
    });

    it('a goods release from a shop hand goes first to the shop’s registered signer, then to the senior assistant', async () => {
      const refused = await file(SHOP_HAND, '申请放行 纸箱3箱 明天上午10点', []);
      expect(refused).toContain('不是铺位 B1-23 登记的物品放行签字人');
      const shop = await env.bot.running.deps.repos.shops.releaseOf('B1-23');
      const r = await fetch(`${env.bot.url}/api/shops/B1-23/release`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ mode: 'signer_confirms', signers: shop?.signers ?? [] }),
      });
      expect(r.status).toBe(200);
      const number = await file(SHOP_HAND, '申请放行 纸箱3箱 明天上午10点', []);
      expect(number).toMatch(/^SP/);
      const signer = await env.bot.running.deps.repos.people.byIdentity(platform, TENANT);
      const filed = await approval(number);
      expect(filed.steps.map((s) => s.role)).toEqual(['tenant', 'senior_assistant']);
      expect(filed.steps[0]?.personIds?.map(String)).toEqual([signer?.id]);
      const at = k.mark(SHOP_HAND);
      const card = await k.card(TENANT, number, 'approve');
      expect(await cardsSent(TENANT, number)).toContain('待登记签字人确认（第1/2步）');
      await env.chat.click(TENANT, card.card.cardId, card.key);
      await k.settled(TENANT);
      await k.expectText(SHOP_HAND, (t) => t.includes(number) && t.includes('等待高级物业助理审批'), at);
      await k.press(BORROWER, number, 'approve');
      const done = await approval(number);
      expect(done.status).toBe('approved');
      expect(done.steps.map((s) => s.deciderId?.toString())).toEqual([
        signer?.id,
        (await env.bot.running.deps.repos.people.byIdentity(platform, BORROWER))?.id,
      ]);
      await k.expectText(SHOP_HAND, (t) => t.includes(number) && t.includes('放行条已发送保安'), at);
    });

    // Last: it moves the deployment's clock.
    it('a file not back by closing time: the borrower and the clerk are reminded, the manager told next morning', async () => {
      const number = await checkedOut('3F-12的租赁合同');
      const due = (await approval(number)).archiveDueAt!;
      const at = k.mark(BORROWER);
      const clerkAt = k.mark(CLERK);
      const managerAt = k.mark(MANAGER);
      await moveClock(env.bot, { to: new Date(due.getTime() + 60_000).toISOString() });
      await settle(env.bot);
      await k.expectText(BORROWER, (t) => t.includes(number) && t.includes('已逾期'), at);
      await k.expectText(CLERK, (t) => t.includes('档案逾期未归档') && t.includes(number), clerkAt);
      const chased = await approval(number);
      expect(chased.history.filter((h) => h.action === 'deadline.archive-due').map((h) => h.note)).toEqual([
        '逾期未归档',
      ]);
      const morning = chased.archiveDueAt!;
      expect(morning.getTime()).toBeGreaterThan(due.getTime());
      expect(env.chat.texts(MANAGER, managerAt).filter((t) => t.includes(number))).toEqual([]);
      await moveClock(env.bot, { to: new Date(morning.getTime() + 60_000).toISOString() });
      await settle(env.bot);
      await k.expectText(MANAGER, (t) => t.includes('上报') && t.includes(number), managerAt);
      await eventually(async () => (await approval(number)).archiveDueAt === undefined, 15_000, 'chase over');
      await k.press(CLERK, number, 'file_back');
      const back = await approval(number);
      expect(back.history.find((h) => h.action === 'file_back')?.note).toBe('逾期归档');
      await k.expectText(BORROWER, (t) => t.includes(number) && t.includes('已归档（逾期'), at);
    });
  });
};
