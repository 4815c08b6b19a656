import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.js';
import { type ConsoleBot, startConsoleBot } from '../helpers/console-bot.js';
import { leakPhoto } from '../helpers/png.js';
import { ROOT } from '../helpers/spawn.js';
import { type Browser, ensureChromium, launchChromium } from './chromium.js';
import { ConsolePage } from './console-page.js';

/** Screenshots of each run (git-ignored), for a person to look at; the README's come from npm run screenshots. */
const ARTEFACTS = resolve(ROOT, 'test-artifacts', 'browser');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const ticketNumber = (text: string) => /(?:工单号|单号)\s*([A-Z]{2}[0-9A-Z-]+)/.exec(text)?.[1];

describe('the chat console in a browser (Debian chromium through playwright-core)', () => {
  let c: ConsoleBot;
  let browser: Browser;
  const clock = new ManualClock(Date.now());

  beforeAll(async () => {
    const chromium = ensureChromium();
    // The bot's real dev clock (POST /api/dev/clock): an offset over this frozen platform clock.
    c = await startConsoleBot({ clock, env: { DEV_CLOCK: '1' } });
    browser = await launchChromium(chromium);
    mkdirSync(ARTEFACTS, { recursive: true });
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  const newPage = async (size = DESKTOP): Promise<ConsolePage> => {
    const page: Page = await browser.context.newPage();
    await page.setViewportSize(size);
    return new ConsolePage(page, c.consoleUrl);
  };

  it('a tenant reports a leak, confirms on the card, and engineering sees the work order arrive live', async () => {
    const engineer = await newPage();
    await engineer.open('wecom', 'staff-ma');
    // Set on the live page: still there at the end means nothing reloaded it.
    await engineer.page.evaluate(() => Object.assign(globalThis, { stillTheSamePage: true }));
    const tenant = await newPage();
    await tenant.open('wecom', 'tenant-b1-23');

    await tenant.say('铺里漏水了');
    const confirm = tenant.card('请确认');
    await confirm.waitFor({ timeout: 20_000 });
    await expect(confirm.getByRole('button', { name: '确认提交' }).isEnabled()).resolves.toBe(true);
    expect(await confirm.locator('.card-field').count()).toBeGreaterThan(0);
    await expect(confirm.locator('.card-quote').textContent()).resolves.toContain('铺里漏水了');

    await tenant.press(confirm, '确认提交');
    await tenant.page.locator(`.card[data-card-id][data-closed="true"]`).first().waitFor({ timeout: 20_000 });
    await expect(confirm.locator('button.is-closed').isDisabled()).resolves.toBe(true);
    const reply = tenant.botRows().filter({ hasText: '工单号' }).last();
    await reply.waitFor({ timeout: 20_000 });
    const number = ticketNumber((await reply.textContent()) ?? '');
    expect(number).toBeDefined();

    await engineer
      .botRows()
      .filter({ hasText: number ?? '-' })
      .first()
      .waitFor({ timeout: 20_000 });
    await expect(engineer.page.evaluate(() => 'stillTheSamePage' in globalThis)).resolves.toBe(true);
    // The tenant's page heard about it too: the engineer persona has unread lines.
    await tenant.page.locator('[data-persona="staff-ma"] .unread').waitFor({ timeout: 10_000 });

    await tenant.page.screenshot({ path: resolve(ARTEFACTS, 'console-wecom-desktop.png') });
    await tenant.page.setViewportSize(PHONE);
    await tenant.page.screenshot({ path: resolve(ARTEFACTS, 'console-wecom-phone.png') });
    await engineer.page.screenshot({ path: resolve(ARTEFACTS, 'console-wecom-engineer.png') });
    await engineer.page.close();
    await tenant.page.close();
  });

  it('engineering takes the work order to fixed from its cards, and the tenant confirms the repair', async () => {
    const engineer = await newPage(PHONE);
    await engineer.open('wecom', 'staff-ma');
    const tenant = await newPage(PHONE);
    await tenant.open('wecom', 'tenant-3f-12');
    await tenant.say('铺里漏水了');
    await tenant.decide('请确认', '确认提交');
    const reply = tenant.botRows().filter({ hasText: '工单号' }).last();
    await reply.waitFor({ timeout: 20_000 });
    const number = ticketNumber((await reply.textContent()) ?? '') ?? '-';

    for (const step of ['接单', '免费维修', '开始维修', '已修好']) await engineer.decide(number, step);
    await tenant
      .botRows()
      .filter({ hasText: `${number} 已由马工接单` })
      .waitFor({ timeout: 20_000 });
    await tenant.decide(number, '确认修好');
    await tenant
      .botRows()
      .filter({ hasText: `${number} 已完成` })
      .waitFor({ timeout: 20_000 });
    const repair = await c.bot.running.deps.db.models.Repair.findOne({ number }).lean();
    expect(repair?.status).toBe('closed');
    await engineer.page.screenshot({ path: resolve(ARTEFACTS, 'console-wecom-engineer-phone.png') });
    await engineer.page.close();
    await tenant.page.close();
  });

  it('a photo sent from the console reaches the bot through the emulator, which fetches it and answers', async () => {
    const tenant = await newPage(PHONE);
    await tenant.open('wecom', 'tenant-b1-23');
    await tenant.pick('tenant-205'); // on a phone the persona list is a drawer
    await expect(tenant.page.getByTestId('current-persona').textContent()).resolves.toContain('205');
    const png = leakPhoto();
    const fetchesBefore = c.bot.wecom?.state.calls.mediaGet ?? 0;
    const delivery = tenant.page.waitForResponse((r) => r.url().endsWith('/api/emu/wecom/send-image'));
    await tenant.sendFile('ceiling.png', 'image/png', png);
    // The emulator reports how the bot answered its signed, encrypted image callback: 200 at once.
    await expect((await delivery).json()).resolves.toMatchObject({ status: 200, attempts: 1 });
    const photo = tenant.userRows().locator('img.photo').last();
    await photo.waitFor({ timeout: 20_000 });
    await expect(
      photo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).resolves.toBe(240);

    const stored = await c.bot.running.deps.repos.inbound.listByUser('wecom', 'tenant-205');
    const image = stored.at(-1)?.message;
    expect(image?.type).toBe('image');
    expect(c.bot.wecom?.state.files.get(image?.mediaId ?? '')?.bytes.equals(png)).toBe(true);
    // The bot fetched the bytes with media/get and told the tenant what it did with the photo.
    await tenant.botRows().filter({ hasText: '照片' }).last().waitFor({ timeout: 20_000 });
    expect(c.bot.wecom?.state.calls.mediaGet ?? 0).toBeGreaterThan(fetchesBefore);
    await tenant.page.screenshot({ path: resolve(ARTEFACTS, 'console-photo-phone.png') });
    await tenant.page.close();
  });

  it('the DingTalk look draws the card from its template variables and closes it once decided', async () => {
    const tenant = await newPage();
    await tenant.open('wecom', 'tenant-a1023');
    await tenant.page.getByRole('button', { name: '钉钉' }).click();
    await tenant.page.locator('.app.look-dingtalk[data-live="on"]').waitFor();
    await tenant.say('铺里漏水了');
    const confirm = tenant.page.locator('.dingtalk-card').filter({ hasText: '请确认' }).last();
    await confirm.waitFor({ timeout: 20_000 });
    await expect(confirm.locator('.md li').count()).resolves.toBeGreaterThan(0);
    await tenant.press(confirm, '确认提交');
    await confirm.locator('.card-status').waitFor({ timeout: 20_000 });
    await expect(confirm.getByRole('button', { name: '确认提交' }).count()).resolves.toBe(0);
    await tenant.botRows().filter({ hasText: '工单号' }).last().waitFor({ timeout: 20_000 });
    await tenant.page.screenshot({ path: resolve(ARTEFACTS, 'console-dingtalk-desktop.png') });
    await tenant.page.close();
  });

  it('the clock control asks the dev clock to move and shows the bot’s new time and rosters', async () => {
    clock.set(new Date('2026-11-30T07:00:00Z')); // Monday 15:00 in Shanghai: 马工's early shift
    const page = await newPage();
    await page.open('wecom', 'staff-ma');
    const duty = page.page.locator('[data-persona="staff-ma"] .duty');
    await expect(duty.textContent()).resolves.toBe('当值');
    const moved = page.page.waitForResponse((r) => r.url().endsWith('/console/api/clock'));
    await page.page.getByRole('button', { name: '+1 小时' }).click();
    await page.page.locator('[data-testid="bot-time"][data-now="2026-11-30T08:00:00.000Z"]').waitFor();
    expect((await moved).status()).toBe(200);
    // The bot itself moved: its own clock, not only the page, reads 16:00.
    expect(c.bot.running.deps.clock.now().toISOString()).toBe('2026-11-30T08:00:00.000Z');
    await page.page.locator('[data-persona="staff-ma"] .duty.off').waitFor(); // 16:00: off until 22:00
    await page.page.getByRole('button', { name: '下周一 9:00' }).click();
    await page.page.locator('[data-testid="bot-time"][data-now="2026-12-07T01:00:00.000Z"]').waitFor();
    await page.page.close();
  });
});
