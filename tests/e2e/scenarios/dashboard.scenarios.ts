import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PeopleRepository } from '../../../src/persistence/repositories/people.repository.js';
import { ShopRepository } from '../../../src/persistence/repositories/shop.repository.js';
import type { Platform } from '../../../src/platforms/inbound-event.js';
import { seedDemoMall } from '../../../src/seed/demo-mall.js';
import type { DashItemPage, DashSession, DashTicket } from '../../../web/shared/dashboard-api.js';
import type { ChatDriver } from '../../helpers/chat-driver.js';
import { DashboardClient, LOGIN_LINK } from '../../helpers/dashboard-http.js';
import type { TestBot } from '../../helpers/test-bot.js';
import { chatKit } from './lifecycle.helpers.js';

/**
 * Dashboard login and what each person sees, through one platform's emulator: the signed callback
 * carries "登录后台", the link arrives in the emulator's inbox, and it is opened over HTTP.
 */
export const dashboardScenarios = (
  platform: Platform,
  start: () => Promise<{ bot: TestBot; chat: ChatDriver }>,
) =>
  describe(`dashboard login and views (${platform})`, () => {
    let bot: TestBot;
    let chat: ChatDriver;
    let kit: ReturnType<typeof chatKit>;

    beforeAll(async () => {
      ({ bot, chat } = await start());
      const db = bot.running.deps.db;
      await seedDemoMall(
        db,
        new ShopRepository(db.models),
        new PeopleRepository(db.models, bot.running.deps.clock),
      );
      kit = chatKit(bot, chat, platform);
    }, 120_000);
    afterAll(async () => {
      await bot?.close();
    });

    const login = async (user: string): Promise<{ client: DashboardClient; link: string }> => {
      const reply = await kit.say(user, '登录后台');
      const link = LOGIN_LINK.exec(reply)?.[0];
      expect(link, reply).toBeDefined();
      const client = new DashboardClient(bot.url);
      return { client, link: link ?? '' };
    };

    it('a manager gets a one-time link in chat that opens a session once; cookies are HttpOnly, SameSite, expiring', async () => {
      const { client, link } = await login('staff-zheng');
      const opened = await client.open(link);
      expect(opened.status).toBe(303);
      expect(opened.headers.get('location')).toBe('/dashboard/');
      const cookie = opened.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^mallbot_dash=[A-Za-z0-9_-]{43};/);
      expect(cookie.toLowerCase()).toContain('httponly');
      expect(cookie.toLowerCase()).toContain('samesite=lax');
      expect(cookie.toLowerCase()).toMatch(/expires=|max-age=/);

      const s = await client.session();
      expect(s.status).toBe(200);
      const session = (await s.json()) as DashSession;
      expect(session).toMatchObject({ name: '郑经理', scope: 'all', canSeeQueues: true });

      // Queue health (Bull Board) behind the same login, for the manager.
      const board = await client.get('/dashboard/queues');
      expect(board.status).toBe(200);
      expect(await board.text()).toContain('<div id="root">');
      const queues = await client.get('/dashboard/queues/api/queues');
      expect(queues.status).toBe(200);
      const names = ((await queues.json()) as { queues: { name: string }[] }).queues.map((q) => q.name);
      expect(names.length).toBe(3);

      // Single use: the same link again opens nothing.
      const again = await new DashboardClient(bot.url).open(link);
      expect(again.status).toBe(401);
      expect(again.headers.get('set-cookie')).toBeNull();
      // The token is stored hashed: no Redis key holds it.
      const token = new URL(link).searchParams.get('t') ?? '';
      const keys = await bot.running.deps.redis.keys(`${bot.prefix}:dash:*`);
      expect(keys.some((k) => k.includes(token))).toBe(false);

      const audits = await bot.running.deps.repos.audit.find({ action: 'dashboard.login' });
      expect(audits.map((a) => a.outcome)).toEqual(['allowed', 'refused']);
    });

    it('no session, no data; a forged or missing CSRF token or a foreign origin is refused; exports are CSV with a BOM and audited', async () => {
      const anon = new DashboardClient(bot.url);
      expect((await anon.get('/dashboard/api/items?kind=repair')).status).toBe(401);
      expect((await anon.get('/dashboard/queues')).status).toBe(401);

      const { client, link } = await login('staff-wu');
      await client.open(link);
      expect((await client.session()).status).toBe(200);
      expect((await client.post('/dashboard/api/export?kind=repair', { csrf: 'x'.repeat(43) })).status).toBe(
        403,
      );
      expect(
        (await client.post('/dashboard/api/export?kind=repair', { origin: 'https://evil.example' })).status,
      ).toBe(403);
      expect((await client.post('/dashboard/api/export?kind=repair', { origin: null })).status).toBe(403);
      const r = await client.post('/dashboard/api/export?kind=repair');
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toContain('text/csv');
      const bytes = Buffer.from(await r.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.toString('utf8')).toContain('单号,类别,类型,状态');
      const exports = await bot.running.deps.repos.audit.find({ action: 'dashboard.export' });
      expect(exports).toHaveLength(1);
      // The deputy manager is not the manager: no queue board.
      expect((await client.get('/dashboard/queues')).status).toBe(403);
      expect((await client.post('/dashboard/api/logout')).status).toBe(200);
      expect((await client.session()).status).toBe(401);
    });

    it('a tenant never gets a link and cannot open the dashboard', async () => {
      const reply = await kit.say('tenant-b1-23', '登录后台');
      expect(reply).toContain('仅供物业员工');
      expect(LOGIN_LINK.test(reply)).toBe(false);
      const refused = await bot.running.deps.repos.audit.find({
        action: 'dashboard.link',
        outcome: 'refused',
      });
      expect(refused.length).toBeGreaterThan(0);
    });

    it('an assistant sees their floors’ and their own tickets; the manager sees every ticket and its timeline', async () => {
      const b1 = await kit.file('tenant-b1-23', '铺里漏水了');
      const f2 = await kit.file('tenant-205', '铺里漏水了');
      expect(b1.number).toMatch(/^WX/);
      expect(f2.number).toMatch(/^WX/);

      const liu = await login('staff-liu'); // assistant for B1 and 1F
      await liu.client.open(liu.link);
      const ls = (await (await liu.client.session()).json()) as DashSession;
      expect(ls.scope).toEqual({ floors: ['B1', '1F'] });
      const liuItems = (await (
        await liu.client.get('/dashboard/api/items?kind=repair')
      ).json()) as DashItemPage;
      const liuNumbers = liuItems.items.map((i) => i.number);
      expect(liuNumbers).toContain(b1.number);
      expect(liuNumbers).not.toContain(f2.number);
      expect((await liu.client.get(`/dashboard/api/tickets/${f2.number}`)).status).toBe(404);

      const zheng = await login('staff-zheng');
      await zheng.client.open(zheng.link);
      const all = (await (await zheng.client.get('/dashboard/api/items?kind=repair')).json()) as DashItemPage;
      expect(all.items.map((i) => i.number)).toEqual(expect.arrayContaining([b1.number, f2.number]));
      const onFloor = (await (
        await zheng.client.get('/dashboard/api/items?kind=repair&floor=2F')
      ).json()) as DashItemPage;
      expect(onFloor.items.map((i) => i.number)).toEqual([f2.number]);
      const byShop = (await (
        await zheng.client.get('/dashboard/api/items?kind=repair&shop=B1-23')
      ).json()) as DashItemPage;
      expect(byShop.items.map((i) => i.number)).toEqual([b1.number]);
      const one = (await (
        await zheng.client.get(`/dashboard/api/tickets/${b1.number}`)
      ).json()) as DashTicket;
      expect(one.item.number).toBe(b1.number);
      expect(one.timeline.length).toBeGreaterThan(0);
      expect(one.timeline[0]?.what).toBe('提交');
      // Paged: one per page walks both, newest first; the counts cover the whole selection.
      const p1 = (await (
        await zheng.client.get('/dashboard/api/items?kind=repair&limit=1')
      ).json()) as DashItemPage;
      expect(p1.items.map((i) => i.number)).toEqual([f2.number]);
      expect(Object.values(p1.counts).reduce((a, b) => a + b, 0)).toBe(2);
      const p2 = (await (
        await zheng.client.get(`/dashboard/api/items?kind=repair&limit=1&cursor=${p1.next}`)
      ).json()) as DashItemPage;
      expect(p2.items.map((i) => i.number)).toEqual([b1.number]);
      expect(p2.next).toBeNull();
    });
  });
