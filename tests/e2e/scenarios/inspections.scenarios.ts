import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../../src/platforms/inbound-event.js';
import { seedDemoMall } from '../../../src/seed/demo-mall.js';
import type { ChatDriver, SeenCard } from '../../helpers/chat-driver.js';
import type { TestBot } from '../../helpers/test-bot.js';
import { moveClock, settle } from '../../helpers/timers.js';
import { eventually } from '../../helpers/wait.js';

export interface InspectionEnv {
  readonly bot: TestBot;
  readonly chat: ChatDriver;
  /** The user sends a photo (a small PNG) through the platform's media path. */
  readonly photo: (user: string) => Promise<void>;
}

const ASSISTANT = 'staff-liu';
const SENIOR = 'staff-chen';
const SENIOR2 = 'staff-lin';
const MANAGER = 'staff-zheng';
const ENGINEER = 'staff-ma';
const TENANT = 'tenant-b1-23';
const TENANT2 = 'tenant-a1023';
const CONTRACTOR = 'cleaner-he';
const LEADER = 'staff-sun';
const USERS = [
  CONTRACTOR,
  ASSISTANT,
  'staff-huang',
  SENIOR,
  SENIOR2,
  'staff-wu',
  MANAGER,
  'staff-sun',
  ENGINEER,
  'staff-zhao',
  'staff-zhou',
  TENANT,
  TENANT2,
];

const XC = /XC\d{8}-\d{3}/;
const WX = /WX\d{8}-\d{3}/;
const WZ = /WZ\d{8}-\d{3}/;
const QJ = /QJ\d{8}-\d{3}/;
const JF = /JF\d{8}-\d{3}/;
const CLERK = 'staff-zhou';

/**
 * Patrols and the violation ladder through the platform emulator and the real signed callback
 * path: an assistant walks and records, the senior assistant reviews, the fix-by deadline comes
 * due on the bot's dev clock, a tenant signs a notice by button, a repeat offender calls in the
 * manager, and a shift without a patrol is flagged.
 */
export const inspectionScenarios = (platform: Platform, setup: () => Promise<InspectionEnv>): void => {
  describe(`patrols and violations on ${platform}`, () => {
    let env: InspectionEnv;
    const models = () => env.bot.running.deps.db.models;
    const say = async (user: string, text: string, match: (t: string) => boolean): Promise<string> => {
      const at = env.chat.mark(user);
      await env.chat.say(user, text);
      return env.chat.waitForText(user, match, at);
    };
    /** Waits for `user`'s open card whose title has `title` and which offers `action`. */
    const cardWith = (
      user: string,
      title: string,
      action: string,
    ): Promise<{ card: SeenCard; key: string }> =>
      eventually(
        async () => {
          const card = await env.chat
            .waitForCard(
              user,
              (c) =>
                c.title.includes(title) && !c.closedLabel && c.keys.some((k) => k.split(':')[1] === action),
              200,
            )
            .catch(() => undefined);
          const key = card?.keys.find((k) => k.split(':')[1] === action);
          return card && key ? { card, key } : undefined;
        },
        15_000,
        `${user}'s card ${title} with ${action}`,
      );
    const press = async (user: string, title: string, action: string): Promise<void> => {
      const { card, key } = await cardWith(user, title, action);
      await env.chat.click(user, card.cardId, key);
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
      // Tuesday 1 December 2026, 10:00 in the mall: the early shift.
      await moveClock(env.bot, { to: '2026-12-01T10:00:00+08:00' });
      await settle(env.bot);
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

    it('a patrol with three findings: the facility fault becomes a work order, the senior assistant reviews the record', async () => {
      const started = await say(ASSISTANT, '开始巡场', (t) => t.includes('已开始巡场'));
      const number = XC.exec(started)?.[0] ?? '';
      expect(number).not.toBe('');
      expect(started).toContain('早班');

      const hygiene = await say(ASSISTANT, '2楼东侧洗手间地面有垃圾和污渍', (t) => t.includes('第 1 项'));
      expect(hygiene).toContain('【公共卫生】');
      const attendance = await say(ASSISTANT, '205 到10点还未开门营业', (t) => t.includes('第 2 项'));
      expect(attendance).toContain('【商铺考勤】205');
      const engineerAt = env.chat.mark(ENGINEER);
      const fault = await say(ASSISTANT, '3F扶梯旁的照明灯坏了不亮', (t) => t.includes('第 3 项'));
      expect(fault).toContain('【设施故障】');
      const repairNumber = WX.exec(fault)?.[0] ?? '';
      expect(repairNumber).not.toBe('');
      // The work order is a real one: engineering gets its card with the buttons to take it.
      await cardWith(ENGINEER, repairNumber, 'accept');
      expect(engineerAt).toBeGreaterThanOrEqual(0);
      const order = await models().Repair.findOne({ number: repairNumber }).lean();
      expect(order?.text).toContain('照明灯坏了');
      // A photo right after the finding goes with it, and on to the work order.
      const photoAt = env.chat.mark(ASSISTANT);
      await env.photo(ASSISTANT);
      const attached = await env.chat.waitForText(ASSISTANT, (t) => t.includes('照片已附到第 3 项'), photoAt);
      expect(attached).toContain(repairNumber);
      await eventually(
        async () =>
          ((await models().Repair.findOne({ number: repairNumber }).lean())?.attachmentIds.length ?? 0) === 1,
      );

      const ended = await say(ASSISTANT, '结束巡场', (t) => t.includes('已结束'));
      expect(ended).toContain('共记录 3 项');
      // The record (巡场情况记录表) reaches the on-duty senior assistants with a review button.
      const { card } = await cardWith(SENIOR, number, 'review');
      expect(card.title).toContain('巡场情况记录表');
      const walkerAt = env.chat.mark(ASSISTANT);
      await press(SENIOR, number, 'review');
      await env.chat.waitForText(ASSISTANT, (t) => t.includes(number) && t.includes('陈主管审阅'), walkerAt);
      // Every copy shows who reviewed it, the other senior assistant's too.
      await env.chat.waitForCard(
        SENIOR2,
        (c) => c.title.includes(number) && (c.closedLabel ?? '').startsWith('已审阅 · 陈主管'),
      );
      const row = await models().Patrol.findOne({ number }).lean();
      expect(row?.status).toBe('reviewed');
      expect(row?.findingCount).toBe(3);
      expect(await models().PatrolFinding.countDocuments({ patrolId: row?._id.toString() })).toBe(3);

      // Coverage for the manager: the early shift patrolled and reviewed, the middle shift not yet.
      const coverage = await say(MANAGER, '巡场情况', (t) => t.includes('巡场情况'));
      expect(coverage).toContain(number);
      expect(coverage).toContain('发现 3 项，已审阅（陈主管）');
      expect(coverage).toContain('中班：未巡场');
      // An assistant may not ask for it.
      expect(await say('staff-huang', '巡场情况', (t) => t.includes('巡场情况'))).toContain(
        '高级物业助理及以上',
      );
    });

    it('a breach not fixed by its deadline: re-inspection reminder, a numbered warning notice, signed by the tenant', async () => {
      await say(ASSISTANT, '开始巡场', (t) => t.includes('已开始巡场'));
      const tenantAt = env.chat.mark(TENANT);
      const breach = await say(ASSISTANT, 'B1-23 门口堆放货物占用通道，限1小时整改', (t) =>
        t.includes('第 1 项'),
      );
      expect(breach).toContain('【违反管理公约】B1-23');
      const number = WZ.exec(breach)?.[0] ?? '';
      expect(number).not.toBe('');
      const told = await env.chat.waitForText(TENANT, (t) => t.includes('限期整改通知'), tenantAt);
      expect(told).toContain(number);
      expect(told).toContain('12月1日 11:');
      await say(ASSISTANT, '结束巡场', (t) => t.includes('已结束'));

      // Nothing before the deadline; at it, the assistant is reminded to re-inspect.
      await moveClock(env.bot, { advanceMinutes: 30 });
      await settle(env.bot);
      expect((await models().Violation.findOne({ number }).lean())?.status).toBe('open');
      await moveClock(env.bot, { advanceMinutes: 31 });
      const due = await cardWith(ASSISTANT, number, 'warn');
      expect(due.card.title).toContain('违章整改');
      expect((await models().Violation.findOne({ number }).lean())?.status).toBe('recheck');

      const signAt = env.chat.mark(TENANT);
      await env.chat.click(ASSISTANT, due.card.cardId, due.key);
      const notice = await cardWith(TENANT, '违章警告书', 'sign');
      expect(notice.card.title).toMatch(/违章警告书 JG\d{8}-\d{3}/);
      expect(signAt).toBeGreaterThanOrEqual(0);
      const inspectorAt = env.chat.mark(ASSISTANT);
      await env.chat.click(TENANT, notice.card.cardId, notice.key);
      await env.chat.waitForText(ASSISTANT, (t) => t.includes('已签收违章警告书'), inspectorAt);
      const v = await models().Violation.findOne({ number }).lean();
      expect(v?.status).toBe('signed');
      expect(v?.noticeNumber).toMatch(/^JG\d{8}-\d{3}$/);
      expect(v?.signedAt).toBeInstanceOf(Date);
      // The notice is kept in the register under its number.
      const kept = await models().Notice.findById(v?.noticeNumber).lean();
      expect(kept?.violationId).toBe(v?._id.toString());
      expect(kept?.kind).toBe('warning');
      // A late press on the assistant's old re-inspection card is answered, and changes nothing.
      const late = due.card.keys.find((k) => k.split(':')[1] === 'rectified') ?? '';
      const again = env.chat.mark(ASSISTANT);
      await env.chat.forgeClick(ASSISTANT, due.card.cardId, late);
      await env.chat.waitForText(ASSISTANT, (t) => t.includes('无需重复操作'), again);
      expect((await models().Violation.findOne({ number }).lean())?.status).toBe('signed');
    });

    it('a third offence by the same shop calls in the manager, who records the meeting with the owner', async () => {
      await say(ASSISTANT, '开始巡场', (t) => t.includes('已开始巡场'));
      for (const [i, words] of ['A1023 店外摆卖占道', 'A1023 门口乱贴广告', 'A1023 又在店外摆卖'].entries()) {
        const managerAt = env.chat.mark(MANAGER);
        const reply = await say(ASSISTANT, words, (t) => t.includes(`第 ${i + 1} 项`));
        expect(reply).toContain(`该铺第 ${i + 1} 次`);
        if (i === 2) {
          expect(reply).toContain('已通知高级物业助理和经理');
          await env.chat.waitForText(
            MANAGER,
            (t) => t.includes('屡次违章') && t.includes('第 3 次'),
            managerAt,
          );
        }
      }
      await say(ASSISTANT, '结束巡场', (t) => t.includes('已结束'));
      const third = await models().Violation.findOne({ shopCode: 'A1023', offenceNo: 3 }).lean();
      expect(third?.escalated).toBe(true);
      // The counts are shown to staff.
      const list = await say(MANAGER, 'A1023 违章', (t) => t.includes('A1023'));
      expect(list).toContain('共 3 次违章');

      const askAt = env.chat.mark(MANAGER);
      await press(MANAGER, third?.number ?? '-', 'meet');
      await env.chat.waitForText(MANAGER, (t) => t.includes('约见业户的情况'), askAt);
      const recordedAt = env.chat.mark(ASSISTANT);
      await env.chat.say(MANAGER, '12月1日下午约见业户，承诺今天内清理店外货物');
      await env.chat.waitForText(ASSISTANT, (t) => t.includes('已记录约见业户'), recordedAt);
      const met = await models().Violation.findOne({ number: third?.number }).lean();
      expect(met?.meetingNote).toContain('承诺今天内清理');
      expect(met?.meetingAt).toBeInstanceOf(Date);
    });

    it('a shift that ends without a patrol is flagged to the on-duty senior assistant', async () => {
      const at = env.chat.mark(SENIOR);
      await moveClock(env.bot, { to: '2026-12-02T16:05:00+08:00' });
      const flagged = await env.chat.waitForText(SENIOR, (t) => t.includes('漏巡提醒'), at);
      expect(flagged).toContain('12月2日早班没有巡场记录');
    });

    it('cleaning: a deduction confirmed by the contractor, one disputed and upheld, a minor one logged; the handover book and the month-end settlement match the records', async () => {
      const first = await say(
        ASSISTANT,
        '清洁扣分 C02 2楼女洗手间有异味，纸巾未补充',
        (t) => t.includes('清洁扣分') || t.includes('扣分项'),
      );
      const n1 = QJ.exec(first)?.[0] ?? '';
      expect(first).toContain('C02 洗手间 扣 3 分');
      expect(first).toContain('已发清洁公司主管确认');
      let at = env.chat.mark(ASSISTANT);
      await press(CONTRACTOR, n1, 'confirm');
      await env.chat.waitForText(ASSISTANT, (t) => t.includes(n1) && t.includes('已由何主管确认'), at);

      const second = await say(ASSISTANT, '扣分 c1 B1通道有积水未清理', (t) => t.includes('清洁扣分'));
      const n2 = QJ.exec(second)?.[0] ?? '';
      expect(second).toContain('扣 2 分');
      at = env.chat.mark(CONTRACTOR);
      await press(CONTRACTOR, n2, 'dispute');
      await env.chat.waitForText(CONTRACTOR, (t) => t.includes('异议的理由'), at);
      const seniorAt = env.chat.mark(ASSISTANT);
      await env.chat.say(CONTRACTOR, '积水是顾客刚打翻的饮料，已即时清理');
      await env.chat.waitForText(ASSISTANT, (t) => t.includes(n2) && t.includes('有异议'), seniorAt);
      // The dispute goes to the senior assistant, who upholds it; both sides are told.
      at = env.chat.mark(CONTRACTOR);
      await press(SENIOR, n2, 'uphold');
      await env.chat.waitForText(CONTRACTOR, (t) => t.includes(n2) && t.includes('维持扣分'), at);
      // Each copy shows the step it ended with instead of its buttons.
      await env.chat.waitForCard(
        CONTRACTOR,
        (c) => c.title.includes(n2) && (c.closedLabel ?? '').startsWith('清洁公司有异议 · 何主管'),
      );
      await env.chat.waitForCard(
        SENIOR,
        (c) => c.title.includes(n2) && (c.closedLabel ?? '').startsWith('已维持扣分 · 陈主管'),
      );

      const minor = await say(ASSISTANT, '清洁轻微 3F走廊有纸屑，已现场整改', (t) => t.includes('轻微问题'));
      expect(minor).toContain('不扣分');
      // One more deduction the contractor has not answered by month end: listed, not counted.
      const third = await say(ASSISTANT, '清洁扣分 C06 清洁员未穿工服', (t) => t.includes('清洁扣分'));
      const n3 = QJ.exec(third)?.[0] ?? '';
      // A person outside the contract cannot confirm it.
      const refusedAt = env.chat.mark(ENGINEER);
      const { card, key } = await cardWith(CONTRACTOR, n3, 'confirm');
      await env.chat.forgeClick(ENGINEER, card.cardId, key);
      await env.chat.waitForText(ENGINEER, (t) => t.includes('无权'), refusedAt);

      const records = await models().Cleaning.find({ monthKey: '2026-12' }).lean();
      const counted = records.filter((r) => r.status === 'confirmed' || r.status === 'upheld');
      const points = counted.reduce((a, r) => a + (r.points ?? 0), 0);
      expect(points).toBe(5);

      // The day's handover book at 22:00 to the manager and leadership.
      at = env.chat.mark(MANAGER);
      await moveClock(env.bot, { to: '2026-12-02T22:05:00+08:00' });
      const book = await env.chat.waitForText(MANAGER, (t) => t.includes('清洁工作交班簿'), at);
      for (const n of [n1, n2, n3]) expect(book).toContain(n);
      expect(book).toContain('轻微');

      // Month end: the totals and the settlement sheet match the recorded deductions.
      const leaderAt = env.chat.mark(LEADER);
      at = env.chat.mark(MANAGER);
      await moveClock(env.bot, { to: '2026-12-31T18:05:00+08:00' });
      const sheet = await env.chat.waitForText(MANAGER, (t) => t.includes('清洁扣分统计及结算单'), at);
      expect(sheet).toContain(`扣分合计 **${points}** 分（${counted.length} 项）`);
      expect(sheet).toContain('C01 地面：1 项，2 分');
      expect(sheet).toContain('C02 洗手间：1 项，3 分');
      expect(sheet).toContain(`扣款：${points} 分 × 50 元 = ${points * 50} 元`);
      expect(sheet).toContain(`结算金额：**${60_000 - points * 50} 元**`);
      expect(sheet).toContain(`尚未确认的扣分 1 项（未计入）：${n3}`);
      await env.chat.waitForText(LEADER, (t) => t.includes('清洁扣分统计及结算单'), leaderAt);
    });

    it('disputes: one settled with its outcome, one referred to the market regulator with the time told to the manager', async () => {
      const first = await say(ASSISTANT, '纠纷 B1-23 顾客买的鞋开胶要求退货', (t) => t.includes('买卖纠纷'));
      const n1 = JF.exec(first)?.[0] ?? '';
      let at = env.chat.mark(ASSISTANT);
      await press(ASSISTANT, n1, 'settle');
      await env.chat.waitForText(ASSISTANT, (t) => t.includes('调解结果'), at);
      at = env.chat.mark(ASSISTANT);
      await env.chat.say(ASSISTANT, '商户同意换一双新鞋，顾客接受');
      await env.chat.waitForText(ASSISTANT, (t) => t.includes(n1) && t.includes('已记录调解结果'), at);
      const settled = await models().Dispute.findOne({ number: n1 }).lean();
      expect(settled?.status).toBe('settled');
      expect(settled?.outcome).toBe('商户同意换一双新鞋，顾客接受');
      expect(settled?.shopCode).toBe('B1-23');

      const second = await say(ASSISTANT, '纠纷 A1023 顾客称被强买强卖，商户拒绝退款', (t) =>
        t.includes('买卖纠纷'),
      );
      const n2 = JF.exec(second)?.[0] ?? '';
      at = env.chat.mark(ASSISTANT);
      await press(ASSISTANT, n2, 'refer_regulator');
      await env.chat.waitForText(ASSISTANT, (t) => t.includes('拒绝调解或强买强卖'), at);
      const managerAt = env.chat.mark(MANAGER);
      await env.chat.say(ASSISTANT, '商户拒不接受调解，已致电市场监管所');
      const told = await env.chat.waitForText(
        MANAGER,
        (t) => t.includes('纠纷升级') && t.includes(n2),
        managerAt,
      );
      expect(told).toContain('市场监管部门');
      const referred = await models().Dispute.findOne({ number: n2 }).lean();
      expect(referred?.status).toBe('referred');
      expect(referred?.referredTo).toBe('regulator');
      expect(referred?.referredAt).toBeInstanceOf(Date);
      // Threats later on: the police, with its own time recorded (pressed on the new card, once the
      // old one shows the referral).
      await env.chat.waitForCard(
        ASSISTANT,
        (c) => c.title.includes(n2) && (c.closedLabel ?? '').startsWith('已报市场监管部门'),
      );
      at = env.chat.mark(ASSISTANT);
      await press(ASSISTANT, n2, 'call_police');
      await env.chat.waitForText(ASSISTANT, (t) => t.includes('威胁'), at);
      at = env.chat.mark(MANAGER);
      await env.chat.say(ASSISTANT, '商户辱骂并推搡顾客');
      expect(await env.chat.waitForText(MANAGER, (t) => t.includes('公安机关'), at)).toContain(n2);
      expect((await models().Dispute.findOne({ number: n2 }).lean())?.referredTo).toBe('police');
    });

    it('damage by someone becomes a work order whose engineer records the repair deposit', async () => {
      const engineerAt = env.chat.mark(ENGINEER);
      const reply = await say(ASSISTANT, '损坏 B1-23 顾客推车撞碎了玻璃门', (t) => t.includes('人为损坏'));
      const number = WX.exec(reply)?.[0] ?? '';
      expect(number).not.toBe('');
      await env.chat.waitForText(
        ENGINEER,
        (t) => t.includes('【人为损坏】') && t.includes(number),
        engineerAt,
      );
      await press(ENGINEER, number, 'accept');
      await eventually(async () => (await models().Repair.findOne({ number }).lean())?.status === 'accepted');
      let at = env.chat.mark(ENGINEER);
      await press(ENGINEER, number, 'damage');
      await env.chat.waitForText(ENGINEER, (t) => t.includes('估算的维修费用'), at);
      at = env.chat.mark(ENGINEER);
      await env.chat.say(ENGINEER, '1000');
      await env.chat.waitForText(ENGINEER, (t) => t.includes('押金比例'), at);
      const clerkAt = env.chat.mark(CLERK);
      await env.chat.say(ENGINEER, '30%');
      const clerk = await env.chat.waitForText(
        CLERK,
        (t) => t.includes(number) && t.includes('押金'),
        clerkAt,
      );
      expect(clerk).toContain('300 元');
      const r = await models().Repair.findOne({ number }).lean();
      expect(r?.depositStatus).toBe('held');
      expect(r?.depositAmount).toBe(300);
      expect(r?.text).toContain('人为损坏');
    });

    it('damage paid for: compensation re-assessed by the senior assistant and paid at the front desk; another deducted from the shop’s deposit, the tenant told', async () => {
      const repairOf = (number: string) => models().Repair.findOne({ number }).lean();
      const damage = async (words: string): Promise<string> => {
        const reply = await say(ASSISTANT, words, (t) => t.includes('人为损坏'));
        const number = WX.exec(reply)?.[0] ?? '';
        expect(number).not.toBe('');
        await press(ENGINEER, number, 'accept');
        await eventually(async () => (await repairOf(number))?.status === 'accepted');
        const at = env.chat.mark(ENGINEER);
        await press(ENGINEER, number, 'compensate');
        await env.chat.waitForText(ENGINEER, (t) => t.includes('赔偿金额'), at);
        return number;
      };
      const answer = async (
        user: string,
        number: string,
        action: string,
        question: string,
        words: string,
      ) => {
        const at = env.chat.mark(user);
        await press(user, number, action);
        await env.chat.waitForText(user, (t) => t.includes(question), at);
        await env.chat.say(user, words);
      };

      const paid = await damage('损坏 B1-23 顾客推车撞坏了展示柜');
      await env.chat.say(ENGINEER, '1200');
      await cardWith(CLERK, paid, 'compensation_paid');
      // The amount is disputed: the senior assistant settles it at 900.
      await answer(SENIOR, paid, 'reassess', '赔偿金额', '900');
      await eventually(async () => (await repairOf(paid))?.compensationAmount === 900);
      const engineerAt = env.chat.mark(ENGINEER);
      await press(CLERK, paid, 'compensation_paid');
      await env.chat.waitForText(ENGINEER, (t) => t.includes(paid) && t.includes('900 元已缴纳'), engineerAt);
      const p = await repairOf(paid);
      expect(p).toMatchObject({ compensationStatus: 'paid', compensationAmount: 900 });
      expect(p?.history.map((h) => h.action)).toEqual(
        expect.arrayContaining(['compensate', 'reassess', 'compensation_paid']),
      );
      // No copy offers 已缴赔偿金 any more.
      const stillOpen = await env.chat
        .waitForCard(
          CLERK,
          (c) =>
            c.title.includes(paid) &&
            !c.closedLabel &&
            c.keys.some((k) => k.split(':')[1] === 'compensation_paid'),
          300,
        )
        .catch(() => undefined);
      expect(stillOpen).toBeUndefined();

      // The shop where it happened pays neither: the senior assistant deducts from its deposit.
      const deducted = await damage('损坏 B1-23 店员搬货撞裂了门口的地砖');
      await env.chat.say(ENGINEER, '500');
      await eventually(async () => (await repairOf(deducted))?.compensationStatus === 'due');
      const tenantAt = env.chat.mark(TENANT);
      await answer(SENIOR, deducted, 'deduct', '扣除的金额', '500');
      const told = await env.chat.waitForText(
        TENANT,
        (t) => t.includes(deducted) && t.includes('保证金'),
        tenantAt,
      );
      expect(told).toContain('500 元');
      expect(await repairOf(deducted)).toMatchObject({
        compensationStatus: 'deducted',
        compensationAmount: 500,
        shopCode: 'B1-23',
      });
    });

    it('待办 lists inspection work: the assistant’s violation to re-inspect, the tenant’s notice to sign, the senior assistant’s record to review, the contractor’s deduction to confirm', async () => {
      const started = await say(ASSISTANT, '开始巡场', (t) => t.includes('已开始巡场'));
      const patrol = XC.exec(started)?.[0] ?? '';
      const breach = await say(ASSISTANT, 'B1-23 门口摆放货架占用通道', (t) => t.includes('第 1 项'));
      const wz = WZ.exec(breach)?.[0] ?? '';
      expect(wz).not.toBe('');
      await say(ASSISTANT, '结束巡场', (t) => t.includes('已结束'));

      // The assistant: the violation waits on their re-inspection, with its card to act on.
      const mine = await say(ASSISTANT, '待办', (t) => t.includes('项待办'));
      expect(mine).toContain(`${wz} 违章 B1-23：限期整改中`);
      const { card, key } = await cardWith(ASSISTANT, wz, 'warn');
      await env.chat.click(ASSISTANT, card.cardId, key);
      await eventually(
        async () => (await models().Violation.findOne({ number: wz }).lean())?.status === 'noticed',
      );
      const notice = (await models().Violation.findOne({ number: wz }).lean())?.noticeNumber ?? '';
      expect(notice).toMatch(/^JG\d{8}-\d{3}$/);
      expect(await say(ASSISTANT, '待办', (t) => t.includes('待办') || t.includes('没有'))).not.toContain(wz);

      // The tenant: the notice waits on their signature.
      const tenants = await say(TENANT, '待办', (t) => t.includes('项待办'));
      expect(tenants).toContain(`违章警告书 ${notice}（${wz}，B1-23）：待签收`);
      expect(await say(TENANT2, '待办', (t) => t.includes('待办') || t.includes('没有'))).not.toContain(
        notice,
      );
      await press(TENANT, notice, 'sign');
      await eventually(
        async () => (await models().Violation.findOne({ number: wz }).lean())?.status === 'signed',
      );

      // The senior assistant: the record handed in waits on their review; the assistant has none.
      const seniors = await say(SENIOR, '待办', (t) => t.includes('项待办'));
      expect(seniors).toContain(`${patrol} 巡场情况记录表`);
      expect(seniors).toContain('待审阅');
      expect(await say('staff-huang', '待办', (t) => t.includes('待办') || t.includes('没有'))).not.toContain(
        patrol,
      );

      // The cleaning contractor: a deduction waits on their confirmation.
      const deduction = await say(ASSISTANT, '清洁扣分 C03 1F垃圾桶满溢', (t) => t.includes('清洁扣分'));
      const qj = QJ.exec(deduction)?.[0] ?? '';
      const contractor = await say(CONTRACTOR, '待办', (t) => t.includes('项待办'));
      expect(contractor).toContain(`${qj} 清洁扣分 C03 垃圾桶 1 分：待清洁公司确认`);
    });
  });
};
