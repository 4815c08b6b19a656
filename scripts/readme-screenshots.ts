import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { launchChromium } from '../tests/browser/chromium.js';
import { ConsolePage } from '../tests/browser/console-page.js';
import { DashboardPage, linkIn } from '../tests/browser/dashboard-page.js';
import { freePort } from '../tests/helpers/free-port.js';
import { leakPhoto } from '../tests/helpers/png.js';
import { startDevStack } from './dev-stack.js';
import { ROOT } from './local-env.js';

/**
 * `npm run screenshots`: regenerates the README's console images (docs/images/console-*.png). It
 * starts the dev stack in a scratch folder with its own Redis prefix, plays a short scenario in
 * Debian's Chromium (a tenant reports a leak and confirms it, engineering receives the work order,
 * a tenant sends a photo, the same in the DingTalk look; the manager opens the dashboard through
 * the chat link), photographs it at desktop size and at 390×844, and removes everything it started.
 */
const OUT = resolve(ROOT, 'docs', 'images');
const scratch = resolve(ROOT, '.data', `screenshots-${randomBytes(3).toString('hex')}`);
const prefix = `shots${randomBytes(3).toString('hex')}`;
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

mkdirSync(OUT, { recursive: true });
const stack = await startDevStack({
  // A fixed free port: the dashboard login link (PUBLIC_BASE_URL) names it.
  env: { PORT: String(await freePort()), LOG_LEVEL: 'warn', REDIS_KEY_PREFIX: prefix },
  dataDir: scratch,
  installSignalHandlers: false,
  exit: () => {},
});
const browser = await launchChromium();
try {
  const open = async (look: 'wecom' | 'dingtalk', user: string, size = DESKTOP) => {
    const page = await browser.context.newPage();
    await page.setViewportSize(size);
    const c = new ConsolePage(page, stack.consoleUrl);
    await c.open(look, user);
    return c;
  };
  const shot = async (c: ConsolePage, name: string) => {
    await c.page.evaluate('document.activeElement && document.activeElement.blur()');
    await c.page.waitForTimeout(300); // let the last line scroll into view
    await c.page.screenshot({ path: resolve(OUT, name) });
    process.stdout.write(`wrote docs/images/${name}\n`);
  };

  const engineer = await open('wecom', 'staff-ma', PHONE);
  const tenant = await open('wecom', 'tenant-b1-23');
  await tenant.say('铺里漏水了');
  const card = tenant.card('请确认');
  await card.waitFor({ timeout: 20_000 });
  await tenant.press(card, '确认提交');
  await tenant.botRows().filter({ hasText: '工单号' }).last().waitFor({ timeout: 20_000 });
  await tenant.sendFile('ceiling.png', 'image/png', leakPhoto());
  await tenant.userRows().locator('img.photo').last().waitFor({ timeout: 20_000 });
  await engineer.botRows().first().waitFor({ timeout: 20_000 });
  await shot(tenant, 'console-wecom-desktop.png');
  await shot(engineer, 'console-wecom-engineer-phone.png');
  const phone = await open('wecom', 'tenant-3f-12', PHONE);
  await phone.say('三楼东侧洗手间好臭，一直没人打扫');
  await phone.page.locator('.card').last().waitFor({ timeout: 20_000 });
  await shot(phone, 'console-wecom-phone.png');

  const ding = await open('dingtalk', 'tenant-a1023');
  await ding.say('明天早上8点出10箱衣服，申请放行');
  await ding.page.locator('.dingtalk-card').last().waitFor({ timeout: 20_000 });
  await shot(ding, 'console-dingtalk-desktop.png');
  await ding.page.setViewportSize(PHONE);
  await shot(ding, 'console-dingtalk-phone.png');
  await ding.decide('物品放行', '确认提交');
  await ding.botRows().filter({ hasText: '单号' }).last().waitFor({ timeout: 20_000 });

  // The dashboard: the manager asks the bot for a login link in the console and opens it.
  const manager = await open('wecom', 'staff-zheng');
  await manager.say('登录后台');
  const linkRow = manager.botRows().filter({ hasText: '/dashboard/login?t=' }).last();
  await linkRow.waitFor({ timeout: 20_000 });
  const dashPage = await browser.context.newPage();
  await dashPage.setViewportSize(DESKTOP);
  const dash = new DashboardPage(dashPage);
  await dash.login(linkIn((await linkRow.textContent()) ?? '') ?? '');
  await dash.tab('工单');
  const first = dashPage.locator('.item').first();
  await first.waitFor({ timeout: 20_000 });
  await dash.open((await first.getAttribute('data-number')) ?? '');
  const shotDash = async (name: string) => {
    await dashPage.waitForTimeout(300);
    await dashPage.screenshot({ path: resolve(OUT, name) });
    process.stdout.write(`wrote docs/images/${name}\n`);
  };
  await shotDash('dashboard-desktop.png');
  await dashPage.getByRole('button', { name: '关闭', exact: true }).click();
  await dash.tab('审批');
  await dashPage.locator('.item').first().waitFor({ timeout: 20_000 });
  await dashPage.setViewportSize(PHONE);
  await shotDash('dashboard-phone.png');
} finally {
  await browser.close();
  await stack.stop();
  const redis = new Redis(stack.redisUrl, { maxRetriesPerRequest: 1 });
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
  rmSync(scratch, { recursive: true, force: true });
}
