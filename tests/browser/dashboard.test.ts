import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstApprovalRung } from '../../src/deadlines/kinds/approval-step.kind.js';
import { DEFAULT_LADDERS } from '../../src/deadlines/ladders/default-ladders.js';
import { ManualClock } from '../../src/lib/clock.js';
import { type ConsoleBot, startConsoleBot } from '../helpers/console-bot.js';
import { freePort } from '../helpers/free-port.js';
import { ROOT } from '../helpers/spawn.js';
import { settle } from '../helpers/timers.js';
import { eventually } from '../helpers/wait.js';
import { type Browser, ensureChromium, launchChromium } from './chromium.js';
import { ConsolePage } from './console-page.js';
import { DashboardPage, linkIn } from './dashboard-page.js';

const ARTEFACTS = resolve(ROOT, 'test-artifacts', 'browser');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
/** Monday 2026-11-30 10:00 in Shanghai: the early shift (陈主管, 郑经理) is on. */
const MONDAY_10 = new Date('2026-11-30T02:00:00Z');
const numberIn = (text: string) => /(?:工单号|单号)\s*([A-Z]{2}[0-9A-Z-]+)/.exec(text)?.[1];

describe('the operations dashboard in a browser, with the chat console beside it', () => {
  let c: ConsoleBot;
  let browser: Browser;
  const clock = new ManualClock(MONDAY_10);
  let lastLink = '';

  beforeAll(async () => {
    const chromium = ensureChromium();
    const port = await freePort();
    c = await startConsoleBot({
      clock,
      env: { DEV_CLOCK: '1', PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}` },
    });
    browser = await launchChromium(chromium);
    mkdirSync(ARTEFACTS, { recursive: true });
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  const consolePage = async (user: string, size = DESKTOP): Promise<ConsolePage> => {
    const page = await browser.context.newPage();
    await page.setViewportSize(size);
    const p = new ConsolePage(page, c.consoleUrl);
    await p.open('wecom', user);
    return p;
  };

  /** The manager asks the bot for a link in the console and opens it in a new tab. */
  const managerLogin = async (manager: ConsolePage, size = DESKTOP): Promise<DashboardPage> => {
    const links = manager.botRows().filter({ hasText: '/dashboard/login?t=' });
    const before = await links.count();
    await manager.say('登录后台');
    const row = links.nth(before); // a new link, not one from an earlier login
    await row.waitFor({ timeout: 20_000 });
    const link = linkIn((await row.textContent()) ?? '');
    expect(link).toBeDefined();
    const page = await browser.context.newPage();
    await page.setViewportSize(size);
    const dash = new DashboardPage(page);
    await dash.login(link ?? '');
    lastLink = link ?? '';
    return dash;
  };

  it('a manager logs in through the chat link and finds a ticket’s timeline', async () => {
    const tenant = await consolePage('tenant-b1-23');
    await tenant.say('铺里漏水了');
    await tenant.decide('请确认', '确认提交');
    const reply = tenant.botRows().filter({ hasText: '工单号' }).last();
    await reply.waitFor({ timeout: 20_000 });
    const number = numberIn((await reply.textContent()) ?? '') ?? '-';

    const manager = await consolePage('staff-zheng');
    const dash = await managerLogin(manager);
    await expect(dash.page.getByTestId('who').textContent()).resolves.toContain('郑经理');
    await dash.tab('工单');
    await dash.row(number).waitFor({ timeout: 20_000 });
    const ticket = await dash.open(number);
    await expect(ticket.getByTestId('timeline').textContent()).resolves.toContain('提交');
    await expect(ticket.textContent()).resolves.toContain('铺里漏水了');

    // The same link a second time opens nothing.
    expect(dash.page.url().endsWith('/dashboard/')).toBe(true);
    const again = await browser.context.newPage();
    const second = await again.goto(lastLink);
    expect(second?.status()).toBe(401);
    await expect(again.locator('h1').textContent()).resolves.toBe('登录链接无效');
    await again.close();

    await dash.page.screenshot({ path: resolve(ARTEFACTS, 'dashboard-desktop.png') });
    await dash.page.setViewportSize(PHONE);
    await dash.page.screenshot({ path: resolve(ARTEFACTS, 'dashboard-phone.png') });
    await dash.tab('本周');
    await dash.page.getByTestId('digest').locator('svg').first().waitFor({ timeout: 20_000 });
    await dash.page.screenshot({ path: resolve(ARTEFACTS, 'dashboard-digest-phone.png') });
    await Promise.all([tenant.page.close(), manager.page.close(), dash.page.close()]);
  });

  it('a goods release escalates as the clock moves, the manager approves it from the card, and the dashboard follows', async () => {
    const tenant = await consolePage('tenant-a1023');
    await tenant.say('申请放行 衣服5箱 明天下午3点');
    await tenant.decide('物品放行', '确认提交');
    const reply = tenant.botRows().filter({ hasText: '单号' }).last();
    await reply.waitFor({ timeout: 20_000 });
    const number = numberIn((await reply.textContent()) ?? '') ?? '-';
    expect(number).toMatch(/^SP/);
    // The approval lifecycle (issue 9) stores the step's first rung when it is filed; until it
    // lands on main, the test stores it as deadline-approval.test.ts does.
    const deps = c.bot.running.deps;
    const remindAt = firstApprovalRung(DEFAULT_LADDERS, 'goods_release', deps.clock.now(), deps.time);
    await deps.db.models.Approval.updateOne({ number }, { $set: { remindAt, escalationLevel: 0 } });

    const manager = await consolePage('staff-zheng');
    const dash = await managerLogin(manager);
    await dash.tab('审批');
    const item = dash.row(number);
    await item.waitFor({ timeout: 20_000 });
    await expect(item.getAttribute('data-target')).resolves.toBe('due_soon');

    // Move the bot's clock an hour at a time from the console until the step is escalated to
    // the manager (remind, hand on to the next senior assistant on shift, then the manager).
    await eventually(
      async () => {
        await manager.page.getByRole('button', { name: '+1 小时' }).click();
        await settle(c.bot);
        return c.bot.wecom
          ?.texts('staff-zheng')
          .some((t) => t.includes(number) && t.includes('【审批超时】'));
      },
      120_000,
      'the escalation to the manager',
    );
    await manager.botRows().filter({ hasText: '【审批超时】' }).last().waitFor({ timeout: 20_000 });
    await dash.refresh();
    await dash.page
      .locator(`.item[data-number="${number}"][data-target="overdue"]`)
      .waitFor({ timeout: 20_000 });
    await expect(item.textContent()).resolves.toContain('已升级');
    await expect(dash.page.locator('.counts .overdue').textContent()).resolves.toBe('已超时 1');
    await dash.page.screenshot({ path: resolve(ARTEFACTS, 'dashboard-escalated-desktop.png') });

    await manager.decide(number, '同意');
    await dash.refresh();
    await item.waitFor({ state: 'detached', timeout: 20_000 });
    const ticket = await dash.open(number);
    await expect(ticket.getAttribute('data-status')).resolves.toBe('approved');
    await expect(ticket.getByTestId('timeline').textContent()).resolves.toContain('同意');
    await dash.page.setViewportSize(PHONE);
    await dash.page.screenshot({ path: resolve(ARTEFACTS, 'dashboard-ticket-phone.png') });
    await Promise.all([tenant.page.close(), manager.page.close(), dash.page.close()]);
  });
  it('a patrol, a breach and a cleaning deduction recorded in chat show on the manager’s 巡查 panels', async () => {
    const assistant = await consolePage('staff-liu');
    const says = async (words: string, expected: string) => {
      const rows = assistant.botRows().filter({ hasText: expected });
      const before = await rows.count();
      await assistant.say(words);
      await rows.nth(before).waitFor({ timeout: 20_000 });
    };
    await says('开始巡场', '已开始巡场');
    await says('B1-23 门口堆放货物占用通道，限1小时整改', '第 1 项');
    await says('结束巡场', '已结束');
    await says('清洁扣分 C03 1F垃圾桶满溢', '清洁扣分');

    const manager = await consolePage('staff-zheng');
    const dash = await managerLogin(manager);
    await dash.tab('巡查');
    const panels = dash.page.getByTestId('inspections');
    await panels.waitFor({ timeout: 20_000 });
    // The shift walked now shows as patrolled; the breach is open against B1-23.
    const walked = panels.locator('[data-testid="coverage-table"] td[data-state="patrolled"]');
    await expect(walked.count()).resolves.toBeGreaterThan(0);
    const shop = panels.locator('[data-testid="violations-table"] tr[data-shop="B1-23"]');
    await shop.waitFor({ timeout: 20_000 });
    await expect(shop.locator('td').last().textContent()).resolves.toBe('1');
    // The deduction waits for the contractor: counted as open, not yet as confirmed.
    const cleaning = panels.locator('[data-testid="cleaning-table"] tr.total');
    await expect(cleaning.locator('td').last().textContent()).resolves.not.toBe('0');
    await dash.page.screenshot({
      path: resolve(ARTEFACTS, 'dashboard-inspections-desktop.png'),
      fullPage: true,
    });
    await Promise.all([assistant.page.close(), manager.page.close(), dash.page.close()]);
  });
});
