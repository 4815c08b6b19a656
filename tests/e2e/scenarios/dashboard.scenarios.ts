import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PeopleRepository } from '../../../src/persistence/repositories/people.repository.js';
import { ShopRepository } from '../../../src/persistence/repositories/shop.repository.js';
import type { Platform } from '../../../src/platforms/inbound-event.js';
import { seedDemoMall } from '../../../src/seed/demo-mall.js';
import type {
  DashInspections,
  DashItemPage,
  DashSession,
  DashTicket,
} from '../../../web/shared/dashboard-api.js';
import type { ChatDriver } from '../../helpers/chat-driver.js';
import { DashboardClient, LOGIN_LINK } from '../../helpers/dashboard-http.js';
import type { TestBot } from '../../helpers/test-bot.js';
import { moveClock, settle } from '../../helpers/timers.js';
import { eventually } from '../../helpers/wait.js';
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

    it('inspection panels: patrol coverage per day, open violations by shop and age, cleaning deductions by day and area; an assistant sees their own', async () => {
      const m = bot.running.deps.db.models;
      const said = async (user: string, text: string, match: (t: string) => boolean) => {
        const at = chat.mark(user);
        await chat.say(user, text);
        return chat.waitForText(user, match, at);
      };
      const allDay = [0, 1, 2, 3, 4, 5, 6].flatMap((weekday) =>
        (['early', 'middle', 'night'] as const).map((shift) => ({ weekday, shift })),
      );
      await m.Person.updateMany({ kind: 'staff' }, { $set: { duty: allDay } });
      // Tuesday 1 December 2026, 10:00: two assistants patrol the early shift and find a breach each.
      await moveClock(bot, { to: '2026-12-01T10:00:00+08:00' });
      for (const [user, words] of [
        ['staff-liu', 'B1-23 门口堆放货物占用通道'],
        ['staff-huang', '205 门口乱贴海报'],
      ] as const) {
        await said(user, '开始巡场', (t) => t.includes('已开始巡场'));
        await said(user, words, (t) => t.includes('第 1 项'));
        await said(user, '结束巡场', (t) => t.includes('已结束'));
      }
      // Two deductions: one confirmed by the contractor (C02 洗手间, 3 points), one not yet (C01, 2).
      const first = await said('staff-liu', '清洁扣分 C02 2楼女洗手间有异味', (t) => t.includes('清洁扣分'));
      const qj = /QJ\d{8}-\d{3}/.exec(first)?.[0] ?? '';
      await said('staff-huang', '清洁扣分 C01 2F通道地面有积水', (t) => t.includes('清洁扣分'));
      const card = await chat.waitForCard(
        'cleaner-he',
        (c) => c.title.includes(qj) && !c.closedLabel && c.keys.some((k) => k.includes(':confirm')),
      );
      await chat.click('cleaner-he', card.cardId, card.keys.find((k) => k.includes(':confirm')) ?? '');
      await eventually(async () => (await m.Cleaning.findOne({ number: qj }).lean())?.status === 'confirmed');
      // Two days later the violations are between one and three days old; their fix-by reminders
      // (open → recheck) are let through first, since the panel reads one status at a time.
      await moveClock(bot, { to: '2026-12-03T10:00:00+08:00' });
      await settle(bot);

      const zheng = await login('staff-zheng');
      await zheng.client.open(zheng.link);
      const all = (await (
        await zheng.client.get('/dashboard/api/inspections?days=3&month=2026-12')
      ).json()) as DashInspections;
      expect(all.scope).toBe('all');
      expect(all.coverage.days.map((d) => d.day)).toEqual(['2026-12-03', '2026-12-02', '2026-12-01']);
      const dec1 = all.coverage.days[2];
      expect(dec1?.shifts.map((s) => [s.shift, s.state, s.patrols])).toEqual([
        ['early', 'patrolled', 2],
        ['middle', 'missed', 0],
      ]);
      expect(all.coverage.days[0]?.shifts.map((s) => s.state)).toEqual(['upcoming', 'upcoming']);
      expect({ ended: all.coverage.ended, covered: all.coverage.covered }).toEqual({ ended: 4, covered: 1 });
      expect(all.violations.buckets.map((b) => b.label)).toEqual(['1 天内', '1–3 天', '3–7 天', '7 天以上']);
      expect(all.violations.shops).toEqual([
        { shopCode: '205', counts: [0, 1, 0, 0], total: 1 },
        { shopCode: 'B1-23', counts: [0, 1, 0, 0], total: 1 },
      ]);
      const washrooms = all.cleaning.areas.indexOf('洗手间');
      expect(all.cleaning.days).toHaveLength(1);
      expect(all.cleaning.days[0]).toMatchObject({ day: '2026-12-01', counted: 3, open: 2, deductions: 2 });
      expect(all.cleaning.days[0]?.points[washrooms]).toBe(3);
      expect(all.cleaning.totals).toMatchObject({ counted: 3, open: 2, deductions: 2 });
      // The panels agree with the records they sum.
      const counted = await m.Cleaning.find({
        monthKey: '2026-12',
        status: { $in: ['confirmed', 'upheld'] },
      }).lean();
      expect(counted.reduce((a, c) => a + (c.points ?? 0), 0)).toBe(all.cleaning.totals.counted);

      // 刘助理 (B1 and 1F): the patrol they walked, B1-23 (their floor), the deduction they recorded.
      const liu = await login('staff-liu');
      await liu.client.open(liu.link);
      const own = (await (
        await liu.client.get('/dashboard/api/inspections?days=3&month=2026-12')
      ).json()) as DashInspections;
      expect(own.scope).toBe('own');
      expect(own.coverage.days[2]?.shifts[0]).toMatchObject({ state: 'patrolled', patrols: 1 });
      expect(own.violations.shops.map((s) => s.shopCode)).toEqual(['B1-23']);
      expect(own.cleaning.totals).toMatchObject({ counted: 3, open: 0, deductions: 1 });
      expect((await liu.client.get('/dashboard/api/inspections?month=2026-13')).status).toBe(400);
    });
  });
