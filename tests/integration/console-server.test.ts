import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.js';
import type { ConsoleSession } from '../../web/shared/console-api.js';
import { type ConsoleBot, startConsoleBot } from '../helpers/console-bot.js';
import { openSse } from '../helpers/sse.js';
import { TEST_ADMIN_TOKEN } from '../helpers/test-bot.js';

/** Monday 2026-11-30 10:00 in Shanghai: the early shift is on, the middle and night shifts are not. */
const MONDAY_10 = new Date('2026-11-30T02:00:00Z');

const json = (r: Response) => r.json() as Promise<Record<string, unknown>>;

describe('the chat console on the web role (dev mode)', () => {
  let c: ConsoleBot;
  const clock = new ManualClock(MONDAY_10);

  beforeAll(async () => {
    // The bot's real dev clock (POST /api/dev/clock): an offset over this frozen platform clock.
    c = await startConsoleBot({ clock, env: { DEV_CLOCK: '1' } });
  });
  afterAll(async () => {
    await c?.close();
  });

  it('serves the built page and its hashed assets, and nothing outside the build', async () => {
    const page = await fetch(c.consoleUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<html lang="zh-CN">');
    const script = /src="(\/ui\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${c.bot.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toContain('前台助手');
    expect((await fetch(`${c.bot.url}/ui/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${c.bot.url}/ui/assets/console%2Findex.html`)).status).toBe(404);
  });

  it('lists every demo persona with shop or role, and who is on duty at the bot’s time', async () => {
    const s = (await json(await fetch(`${c.consoleUrl}/api/session`))) as unknown as ConsoleSession;
    expect(s.now).toBe(MONDAY_10.toISOString());
    expect(s.tz).toBe('Asia/Shanghai');
    expect(s.platforms).toEqual([
      { id: 'wecom', available: true },
      { id: 'dingtalk', available: true, via: 'stream' },
    ]);
    const by = new Map(s.personas.map((p) => [p.userId, p]));
    expect(s.personas).toHaveLength(16);
    expect(by.get('tenant-b1-23')).toMatchObject({ kind: 'tenant', label: expect.stringMatching(/^B1-23 /) });
    expect(by.get('tenant-b1-23')?.onDuty).toBeUndefined();
    expect(by.get('staff-ma')).toMatchObject({ label: '工程部', onDuty: true });
    expect(by.get('staff-cai')).toMatchObject({ label: '财务' });
    expect(by.get('staff-zhao')).toMatchObject({ label: '保安部', onDuty: false });
    expect(by.get('staff-lin')).toMatchObject({ label: '高级物业助理', onDuty: false });
  });

  it('passes messages through the emulator (signed callback into the bot) and streams the chat back', async () => {
    const feed = await openSse(`${c.consoleUrl}/api/emu/wecom/events?user=tenant-b1-23`);
    try {
      const r = await fetch(`${c.consoleUrl}/api/emu/wecom/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'tenant-b1-23', text: '铺里漏水了' }),
      });
      expect(await json(r)).toMatchObject({ status: 200, attempts: 1 });
      await feed.next((e) => e.event === 'sent' && e.data.includes('铺里漏水了'));
      const card = await feed.next((e) => e.event === 'card', 20_000);
      expect(JSON.parse(card.data)).toMatchObject({
        user: 'tenant-b1-23',
        card: { card: { card_type: 'button_interaction' } },
      });
      const stored = await c.bot.running.deps.repos.inbound.listByUser('wecom', 'tenant-b1-23');
      expect(stored.map((e) => e.message?.text)).toContain('铺里漏水了');
      const inbox = await json(await fetch(`${c.consoleUrl}/api/emu/wecom/inbox/tenant-b1-23`));
      expect((inbox.sent as unknown[]).length).toBe(1);
    } finally {
      feed.close();
    }
  });

  it('reaches only the emulator routes the console needs', async () => {
    const users = await fetch(`${c.consoleUrl}/api/emu/wecom/users`, { method: 'POST', body: '{}' });
    expect(users.status).toBe(404);
    expect((await fetch(`${c.consoleUrl}/api/emu/slack/inbox/x`)).status).toBe(404);
    expect((await fetch(`${c.consoleUrl}/api/emu/wecom/send`)).status).toBe(404);
  });

  it('moves the bot’s clock through POST /api/dev/clock with the admin token, in the business zone', async () => {
    const move = async (preset: string) =>
      fetch(`${c.consoleUrl}/api/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ preset }),
      });
    expect(await json(await move('hour'))).toEqual({ now: '2026-11-30T03:00:00.000Z' });
    expect(await json(await move('tomorrow9'))).toEqual({ now: '2026-12-01T01:00:00.000Z' });
    expect(await json(await move('monday9'))).toEqual({ now: '2026-12-07T01:00:00.000Z' });
    // The bot itself moved (its dev clock answers the same time to an admin).
    expect(c.bot.running.deps.clock.now().toISOString()).toBe('2026-12-07T01:00:00.000Z');
    const asked = await fetch(`${c.bot.url}/api/dev/clock`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(await json(asked)).toEqual({ now: '2026-12-07T01:00:00.000Z' });
    const s = (await json(await fetch(`${c.consoleUrl}/api/session`))) as unknown as ConsoleSession;
    expect(s.now).toBe('2026-12-07T01:00:00.000Z');
    expect((await move('yesterday')).status).toBe(400);
  });
});
