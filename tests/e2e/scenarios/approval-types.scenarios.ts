import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../../src/platforms/inbound-event.js';
import { seedDemoMall } from '../../../src/seed/demo-mall.js';
import type { ChatDriver } from '../../helpers/chat-driver.js';
import { makePng } from '../../helpers/png.js';
import type { TestBot } from '../../helpers/test-bot.js';
import { moveClock, settle } from '../../helpers/timers.js';
import { eventually } from '../../helpers/wait.js';
import { type ChatKit, chatKit, TICKET } from './lifecycle.helpers.js';

export interface ApprovalTypesEnv {
  readonly bot: TestBot;
  readonly chat: ChatDriver;
}

const TENANT = 'tenant-b1-23';
const TENANT2 = 'tenant-a1023';
const SENIOR = 'staff-chen';
const SENIOR2 = 'staff-lin';
const DEPUTY = 'staff-wu';
const GUARD = 'staff-zhao';
const ENGINEER = 'staff-ma';
const ASSISTANT = 'staff-liu';
const FINANCE = 'staff-cai';
const USERS = [TENANT, TENANT2, SENIOR, SENIOR2, DEPUTY, GUARD, ENGINEER, ASSISTANT, FINANCE, 'staff-huang'];

/** One turn of a dialog: wait for the question that contains `asks`, then answer with words or a file. */
type Turn = readonly [asks: string, answer: string | Buffer];

/**
 * What the other request types do once approved, through the platform emulator and the real
 * signed callbacks: a space booking refused for overlap (at request time and again at approval),
 * move-out clearance with finance, a renovation with its files and inspection, the window security
 * gets for after-hours work, a lock change done by engineering, a posting's removal reminder.
 */
export const approvalTypeScenarios = (platform: Platform, setup: () => Promise<ApprovalTypesEnv>): void => {
  describe(`request types on ${platform}`, () => {
    let env: ApprovalTypesEnv;
    let k: ChatKit;
    const seenConfirm = new Set<string>();
    const approval = async (number: string) => {
      const a = await k.models().Approval.findOne({ number }).lean();
      expect(a).not.toBeNull();
      return a!;
    };

    /** Files a request through its questions and the confirmation card; the number, or '' and the refusal. */
    const fileWith = async (
      user: string,
      text: string,
      turns: readonly Turn[] = [],
    ): Promise<{ number: string; reply: string }> => {
      let at = k.mark(user);
      await env.chat.say(user, text);
      for (const [asks, answer] of turns) {
        await env.chat.waitForText(user, (t) => t.includes(asks), at);
        at = k.mark(user);
        if (typeof answer === 'string') await env.chat.say(user, answer);
        else await env.chat.sendPhoto(user, { filename: 'file.png', mime: 'image/png', bytes: answer });
      }
      const card = await env.chat.waitForCard(
        user,
        (c) =>
          c.title.startsWith('请确认') &&
          !c.closedLabel &&
          !seenConfirm.has(c.cardId) &&
          c.keys.some((x) => x.startsWith('dialog:confirm:')),
      );
      seenConfirm.add(card.cardId);
      const done = k.mark(user);
      await env.chat.click(user, card.cardId, card.keys.find((x) => x.startsWith('dialog:confirm:')) ?? '');
      const reply = await env.chat.waitForText(user, (t) => TICKET.test(t) || t.includes('不能受理'), done);
      await k.settled(user);
      // A refusal names the clashing booking's number, not a new one.
      return { number: reply.includes('不能受理') ? '' : (TICKET.exec(reply)?.[0] ?? ''), reply };
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

    it('a space booking overlapping an approved one is refused, naming it; a clash found at approval is refused too', async () => {
      const first = await fileWith(TENANT, '申请周六下午2点到5点在中庭搞促销活动', [['活动', '新品促销']]);
      expect(first.number).toMatch(/^SP/);
      const guardAt = k.mark(GUARD);
      await k.press(SENIOR, first.number, 'approve');
      await k.press(DEPUTY, first.number, 'approve');
      const booked = await approval(first.number);
      expect(booked.status).toBe('approved');
      expect(booked.space).toBe('atrium');
      // Security is told the approved slot.
      const told = await k.expectText(GUARD, (t) => t.includes(first.number), guardAt);
      expect(told).toContain('使用时段：');
      expect(told).toContain('14:00 至 17:00');

      const before = await k.models().Approval.countDocuments();
      const clash = await fileWith(TENANT2, '申请周六下午4点到6点在中央大厅办活动', [['活动', '会员日']]);
      expect(clash.number).toBe('');
      expect(clash.reply).toContain(`已有已批准的使用申请 ${first.number}`);
      expect(clash.reply).toContain('申请不能受理');
      expect(await k.models().Approval.countDocuments()).toBe(before);
      const refused = await env.bot.running.deps.repos.audit.find({
        action: 'approval.request.space_use',
        outcome: 'refused',
      });
      expect(refused.length).toBeGreaterThan(0);
      // Back to back with the booking is fine.
      const after = await fileWith(TENANT2, '申请周六下午5点到7点在中庭办活动', [['活动', '会员日']]);
      expect(after.number).toMatch(/^SP/);

      // Two overlapping requests both pending: once one is approved, the other's approval is refused.
      const a = await fileWith(TENANT, '申请周日上午10点到12点使用东门广场办品牌展活动', [
        ['活动', '品牌展'],
      ]);
      const b = await fileWith(TENANT2, '申请周日上午11点到下午1点在东门广场搞活动', [['活动', '试吃']]);
      expect(a.number).toMatch(/^SP/);
      expect(b.number).toMatch(/^SP/);
      await k.press(SENIOR, a.number, 'approve');
      await k.press(SENIOR, b.number, 'approve');
      await k.press(DEPUTY, a.number, 'approve');
      const deputyAt = k.mark(DEPUTY);
      await k.press(DEPUTY, b.number, 'approve');
      const why = await k.expectText(DEPUTY, (t) => t.includes(a.number), deputyAt);
      expect(why).toContain('与您申请的时段重叠');
      expect((await approval(b.number)).status).toBe('pending');
      expect((await approval(a.number)).status).toBe('approved');
    });

    it('move-out clearance: finance settles the fees, the keeper takes the keys, finance refunds the deposit; the tenant follows each step', async () => {
      const { number } = await fileWith(TENANT, '申请退场 下周一');
      const at = k.mark(TENANT);
      await k.press(SENIOR, number, 'approve');
      await k.press(DEPUTY, number, 'approve');
      const approved = await k.expectText(TENANT, (t) => t.includes(number) && t.includes('已审批通过'), at);
      expect(approved).toContain('○费用结清 ○钥匙交回 ○押金退还');
      // Finance may not refund before the fees are settled and the keys are back.
      const fees = await k.card(FINANCE, number, 'settle_fees');
      expect(fees.card.keys.some((x) => x.split(':')[1] === 'refund_deposit')).toBe(false);
      const keys = await k.card(SENIOR2, number, 'return_keys');
      expect(await k.say(TENANT, '我的申请')).toContain(
        `${number} 退场：已通过，办理中：○费用结清 ○钥匙交回 ○押金退还`,
      );
      // Finance and the keeper press at the same moment: both tasks are recorded (neither is "stale").
      await Promise.all([
        env.chat.click(FINANCE, fees.card.cardId, fees.key),
        env.chat.click(SENIOR2, keys.card.cardId, keys.key),
      ]);
      await k.settled(FINANCE);
      await k.settled(SENIOR2);
      await k.expectText(TENANT, (t) => t.includes('费用已结清（蔡会计）'), at);
      await k.expectText(TENANT, (t) => t.includes('钥匙已交回（林主管）'), at);
      const cleared = await approval(number);
      expect(cleared.status).toBe('approved');
      expect(cleared.tasks.map((t) => t.status)).toEqual(['done', 'done', 'open']);
      for (const u of [FINANCE, SENIOR2])
        expect(env.chat.texts(u, 0).filter((t) => t.includes(number) && t.includes('无需重复操作'))).toEqual(
          [],
        );
      await k.press(FINANCE, number, 'refund_deposit');
      const done = await k.expectText(TENANT, (t) => t.includes('押金已退还'), at);
      expect(done).toContain('全部手续已办结：✓费用结清 ✓钥匙交回 ✓押金退还');
      const doc = await approval(number);
      expect(doc.status).toBe('completed');
      expect(doc.tasks.map((t) => [t.task, t.status])).toEqual([
        ['settle_fees', 'done'],
        ['return_keys', 'done'],
        ['refund_deposit', 'done'],
      ]);
      const qian = await env.bot.running.deps.repos.people.byIdentity(platform, FINANCE);
      expect(doc.tasks[0]?.doneById?.toString()).toBe(qian?.id);
      expect(await k.say(TENANT, '我的申请')).toContain(`${number} 退场：已办结`);
    });

    it('a renovation carries its declaration and drawings; engineering fails the inspection with the defects, then passes it', async () => {
      const declaration = makePng(6, 4, (x, y) => [200, x * 40, y * 60]);
      const drawing = makePng(8, 8, (x, y) => [x * 30, 120, y * 30]);
      const { number } = await fileWith(TENANT, '申请装修 下周一开工', [
        ['装修内容', '更换地板和吊顶'],
        ['承诺书', declaration],
        ['图纸', drawing],
      ]);
      expect(number).toMatch(/^SP/);
      const filed = await approval(number);
      expect(filed.attachments.map((f) => f.label)).toEqual(['防火材料承诺书', '装修图纸']);
      // The deputy manager's card names the files, and the files follow it.
      const deputyCard = await k.card(DEPUTY, number, 'approve');
      expect(deputyCard.card.title).toContain('装修申报');
      const engineerAt = k.mark(ENGINEER);
      const guardAt = k.mark(GUARD);
      const tenantAt = k.mark(TENANT);
      await env.chat.click(DEPUTY, deputyCard.card.cardId, deputyCard.key);
      await k.settled(DEPUTY);
      // On approval engineering and security are told, and engineering gets the drawings.
      await k.expectText(ENGINEER, (t) => t.includes(number) && t.includes('装修已获批准'), engineerAt);
      await k.expectText(GUARD, (t) => t.includes(number) && t.includes('装修已获批准'), guardAt);
      const seen = [await env.chat.waitForPhoto(ENGINEER, engineerAt)];
      expect(seen[0]?.equals(declaration) || seen[0]?.equals(drawing)).toBe(true);
      await k.expectText(TENANT, (t) => t.includes(number) && t.includes('已完工，申请验收'), tenantAt);

      await k.press(TENANT, number, 'report_done');
      await k.press(ENGINEER, number, 'inspect_fail');
      await k.answer(ENGINEER, '吊顶未使用难燃夹板');
      const failed = await k.expectText(TENANT, (t) => t.includes('验收不通过'), tenantAt);
      expect(failed).toContain('吊顶未使用难燃夹板');
      expect((await approval(number)).status).toBe('approved');
      await k.press(TENANT, number, 'report_done');
      await k.press(ENGINEER, number, 'inspect_pass');
      await k.expectText(TENANT, (t) => t.includes('验收通过') && t.includes('已办结'), tenantAt);
      const doc = await approval(number);
      expect(doc.status).toBe('completed');
      expect(doc.history.filter((h) => h.action === 'report_done')).toHaveLength(2);
      expect(doc.history.find((h) => h.action === 'inspect_fail')?.note).toBe('吊顶未使用难燃夹板');
    });

    it('after-hours work: security gets the approved window; a lock change is done by engineering and a staff pass issued by security from their task cards', async () => {
      const work = await fileWith(TENANT, '申请今晚10点到明早6点进场作业', [['工作', '安装货架']]);
      const guardAt = k.mark(GUARD);
      await k.press(SENIOR, work.number, 'approve');
      const told = await k.expectText(GUARD, (t) => t.includes(work.number), guardAt);
      expect(told).toContain('作业时段：');
      expect(told).toMatch(/22:00 至 \d+月\d+日 06:00/);

      const lock = await fileWith(TENANT, '申请换锁', [['原因', '钥匙丢失']]);
      const at = k.mark(TENANT);
      await k.press(SENIOR, lock.number, 'approve');
      await k.press(ENGINEER, lock.number, 'change_lock');
      await k.expectText(TENANT, (t) => t.includes(lock.number) && t.includes('已完成换锁（马工）'), at);
      expect((await approval(lock.number)).status).toBe('completed');

      // A staff pass: security is told by its card and marks the pass issued.
      const pass = await fileWith(TENANT, '办营业员出入证 2人', [['联系电话', '13800138000']]);
      const passAt = k.mark(TENANT);
      await k.press(SENIOR, pass.number, 'approve');
      const card = await k.card(GUARD, pass.number, 'issue_pass');
      expect(card.card.title).toContain('营业员出入证');
      await env.chat.click(GUARD, card.card.cardId, card.key);
      await k.settled(GUARD);
      await k.expectText(
        TENANT,
        (t) => t.includes(pass.number) && t.includes('出入证已发放（老赵）'),
        passAt,
      );
      expect((await approval(pass.number)).status).toBe('completed');
    });

    // Last: it moves the deployment's clock days ahead.
    it('a posting’s removal reminder reaches the requester and the assistants once, at its end date', async () => {
      const { number } = await fileWith(TENANT, '申请张贴招聘广告，贴到后天', [
        ['张贴什么', '招聘店员'],
        ['什么位置', 'B1层公告栏'],
      ]);
      const at = k.mark(TENANT);
      const assistantAt = k.mark(ASSISTANT);
      await k.press(SENIOR, number, 'approve');
      const approved = await approval(number);
      expect(approved.removeDueAt).toBeInstanceOf(Date);
      await moveClock(env.bot, { advanceMinutes: 3 * 24 * 60 });
      await settle(env.bot);
      const reminded = await k.expectText(TENANT, (t) => t.includes(number) && t.includes('请及时撤除'), at);
      expect(reminded).toContain('B1层公告栏');
      await k.expectText(ASSISTANT, (t) => t.includes('【张贴到期】') && t.includes(number), assistantAt);
      await eventually(async () => (await approval(number)).removeDueAt === undefined, 15_000, 'disarmed');
      // A later sweep sends nothing more.
      await moveClock(env.bot, { advanceMinutes: 60 });
      await settle(env.bot);
      expect(
        env.chat.texts(TENANT, at).filter((t) => t.includes(number) && t.includes('请及时撤除')),
      ).toHaveLength(1);
      expect((await approval(number)).history.filter((h) => h.action === 'remind_removal')).toHaveLength(1);
    });
  });
};
