import Router from '@koa/router';
import type { Context, Middleware, Next } from 'koa';
import { z } from 'zod';
import type { DashboardService } from '../../../src/dashboard/dashboard.service.js';
import {
  csrfMatches,
  type DashboardLogin,
  type DashboardSession,
  SESSION_COOKIE,
  SESSION_TTL_S,
} from '../../../src/dashboard/dashboard-login.js';
import { mayOpenDashboard, mayUseQueueBoard, scopeFor } from '../../../src/dashboard/dashboard-rules.js';
import type { InspectionPanels } from '../../../src/dashboard/inspection-panels.js';
import type { PersonView } from '../../../src/domain/people/people.types.js';
import { ROLE_LABELS } from '../../../src/domain/people/people.types.js';
import type { AuditLog } from '../../../src/domain/shared/audit.js';
import type { AppState } from '../../../src/http/app-state.js';
import type { Clock } from '../../../src/lib/clock.js';
import type {
  DashboardFilter,
  DashboardRepository,
  DashboardScope,
} from '../../../src/persistence/repositories/dashboard.repository.js';
import type { DashSession } from '../../shared/dashboard-api.js';
import type { StaticPages } from '../static-pages.js';
import { QUEUE_BOARD_PATH } from './queue-board.js';

export interface DashboardRouterDeps {
  readonly pages: StaticPages;
  readonly login: DashboardLogin;
  readonly people: { get(id: string): Promise<PersonView | null> };
  readonly audit: AuditLog;
  readonly service: DashboardService;
  /** The patrol, violation and cleaning panels. */
  readonly inspections: Pick<InspectionPanels, 'panels'>;
  readonly repo: DashboardRepository;
  readonly clock: Clock;
  /** Bull Board's middleware (manager only). */
  readonly queueBoard: Middleware;
}

interface Signed {
  readonly sid: string;
  readonly session: DashboardSession;
  readonly person: PersonView;
  readonly scope: DashboardScope;
}

const Filter = z.object({
  kind: z.enum(['complaint', 'repair', 'approval']).default('complaint'),
  status: z
    .string()
    .regex(/^[a-z_]{1,20}$/)
    .optional(),
  shop: z.string().max(20).optional(),
  floor: z.string().max(10).optional(),
  person: z
    .string()
    .regex(/^[0-9a-f]{24}$/)
    .optional(),
  cursor: z
    .string()
    .regex(/^\d{1,16}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

const Panels = z.object({
  days: z.coerce.number().int().min(1).max(31).default(14),
  month: z
    .string()
    .regex(/^20\d\d-(0[1-9]|1[0-2])$/)
    .optional(),
});

const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

const html = (ctx: Context, status: number, title: string, text: string) => {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  for (const [k, v] of Object.entries(PAGE_HEADERS)) ctx.set(k, v);
  ctx.set('cache-control', 'no-store');
  ctx.body = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body style="font-family:sans-serif;padding:24px;line-height:1.6"><h1 style="font-size:20px">${title}</h1><p>${text}</p></body></html>`;
};

const deny = (ctx: Context, status: 400 | 401 | 403, code: string, message: string) => {
  ctx.status = status;
  ctx.set('cache-control', 'no-store');
  ctx.body = { code, message };
};

/** Same-origin check for state-changing requests (Origin, or Sec-Fetch-Site when Origin is absent). */
const sameOrigin = (ctx: Context): boolean => {
  const origin = ctx.get('origin');
  if (origin) {
    try {
      return new URL(origin).host === ctx.host;
    } catch {
      return false;
    }
  }
  return ctx.get('sec-fetch-site') === 'same-origin';
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The operations dashboard at `/dashboard` (every web role, production included): the login link,
 * the page, its JSON API, CSV export and the queue board. Every API request carries the session
 * cookie (HttpOnly, SameSite=Lax, 8 hours); every state-changing one must come from the same
 * origin and carry the session's CSRF token. Tenants never get a session.
 */
export const dashboardRouter = (d: DashboardRouterDeps): Router<AppState> => {
  const router = new Router<AppState>();

  const signedIn = async (ctx: Context): Promise<Signed | null> => {
    const sid = ctx.cookies.get(SESSION_COOKIE);
    const session = await d.login.session(sid);
    if (!sid || !session) return null;
    const person = await d.people.get(session.personId);
    if (!mayOpenDashboard(person)) return null;
    return { sid, session, person, scope: scopeFor(person, await d.repo.floorsOf(person.id)) };
  };

  const guard =
    (opts: { api: boolean; queues?: boolean }) =>
    async (ctx: Context, next: Next): Promise<void> => {
      const s = await signedIn(ctx);
      if (!s) {
        if (opts.api)
          deny(ctx, 401, 'AUTHENTICATION_FAILED', '请在企业微信或钉钉中向机器人发送“登录后台”获取登录链接');
        else html(ctx, 401, '请先登录', '请在企业微信或钉钉中向机器人发送“登录后台”，点击收到的链接登录。');
        return;
      }
      if (opts.queues && !mayUseQueueBoard(s.person)) {
        html(ctx, 403, '没有权限', '队列状态仅供营运部经理查看。');
        return;
      }
      if (!SAFE_METHODS.has(ctx.method)) {
        const tokenOk = opts.queues || csrfMatches(s.session, ctx.get('x-csrf-token') || undefined);
        if (!sameOrigin(ctx) || !tokenOk) {
          deny(ctx, 403, 'CSRF_FAILED', '请求来源校验失败，请刷新页面后重试');
          return;
        }
      }
      ctx.state.dashboard = s;
      await next();
    };
  const signed = (ctx: Context): Signed => ctx.state.dashboard as Signed;

  router.get('/dashboard/login', async (ctx) => {
    const t = typeof ctx.query.t === 'string' ? ctx.query.t : '';
    const grant = await d.login.redeem(t);
    const person = grant ? await d.people.get(grant.personId) : null;
    if (!grant || !mayOpenDashboard(person)) {
      await d.audit.append({
        action: 'dashboard.login',
        outcome: 'refused',
        actorPersonId: grant?.personId,
        actorPlatform: grant?.platform,
        actorPlatformUserId: grant?.userId,
        reason: grant ? 'not active staff' : 'unknown, used or expired link',
      });
      html(
        ctx,
        grant ? 403 : 401,
        '登录链接无效',
        '该链接已使用、已过期或不存在。请在企业微信或钉钉中向机器人重新发送“登录后台”。',
      );
      return;
    }
    const { id } = await d.login.openSession(grant, d.clock.now());
    await d.audit.append({
      action: 'dashboard.login',
      outcome: 'allowed',
      actorPersonId: person.id,
      actorPlatform: grant.platform,
      actorPlatformUserId: grant.userId,
      reason: 'one-time link',
    });
    ctx.cookies.set(SESSION_COOKIE, id, {
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.secure,
      path: '/',
      maxAge: SESSION_TTL_S * 1000,
      overwrite: true,
    });
    ctx.set('referrer-policy', 'no-referrer');
    ctx.set('cache-control', 'no-store');
    ctx.status = 303;
    ctx.redirect('/dashboard/');
  });

  const page = (ctx: Context) => {
    const file = d.pages.get('dashboard/index.html');
    if (!file) {
      html(ctx, 503, '页面尚未构建', '请运行 npm run build（npm start 会自动构建）。');
      return;
    }
    for (const [k, v] of Object.entries(PAGE_HEADERS)) ctx.set(k, v);
    ctx.set('cache-control', 'no-cache');
    ctx.type = file.type;
    ctx.body = file.bytes;
  };
  // One route for both spellings (the router ignores a trailing slash): the page wants the slash.
  router.get('/dashboard/', (ctx) => (ctx.path === '/dashboard' ? ctx.redirect('/dashboard/') : page(ctx)));

  const api = guard({ api: true });

  router.get('/dashboard/api/session', api, async (ctx) => {
    const s = signed(ctx);
    const body: DashSession = {
      name: s.person.name,
      roles: s.person.roles,
      roleLabel: s.person.roles.map((r) => ROLE_LABELS[r]).join('、'),
      scope: s.scope.all ? 'all' : { floors: s.scope.floors },
      canSeeQueues: mayUseQueueBoard(s.person),
      csrf: s.session.csrf,
      now: d.clock.now().toISOString(),
      expiresAt: s.session.expiresAt,
      floors: await d.repo.floors(),
      statuses: d.service.statusChoices(),
      people: await d.repo.staff(),
    };
    ctx.set('cache-control', 'no-store');
    ctx.body = body;
  });

  const filterOf = (
    ctx: Context,
  ): { f: DashboardFilter; cursor: string | undefined; limit: number | undefined } | null => {
    const r = Filter.safeParse(ctx.query);
    if (!r.success) return null;
    const q = r.data;
    return {
      f: {
        kind: q.kind,
        ...(q.status ? { status: q.status } : {}),
        ...(q.shop ? { shopCode: q.shop.toUpperCase() } : {}),
        ...(q.floor ? { floor: q.floor } : {}),
        ...(q.person ? { personId: q.person } : {}),
      },
      cursor: q.cursor,
      limit: q.limit,
    };
  };

  router.get('/dashboard/api/items', api, async (ctx) => {
    const q = filterOf(ctx);
    if (!q) return deny(ctx, 400, 'VALIDATION_FAILED', '筛选条件不正确');
    ctx.set('cache-control', 'no-store');
    ctx.body = await d.service.items(q.f, signed(ctx).scope, q.cursor, q.limit);
  });

  router.get('/dashboard/api/tickets/:number', api, async (ctx) => {
    const n = ctx.params.number ?? '';
    const t = /^[A-Za-z]{2}[0-9A-Za-z-]{4,30}$/.test(n) ? await d.service.ticket(n, signed(ctx).scope) : null;
    ctx.set('cache-control', 'no-store');
    if (!t) {
      ctx.status = 404;
      ctx.body = { code: 'NOT_FOUND', message: '没有找到该单号，或不在您的查看范围内' };
      return;
    }
    ctx.body = t;
  });

  router.get('/dashboard/api/digest', api, async (ctx) => {
    ctx.set('cache-control', 'no-store');
    ctx.body = await d.service.digest(signed(ctx).scope);
  });

  router.get('/dashboard/api/inspections', api, async (ctx) => {
    const q = Panels.safeParse(ctx.query);
    if (!q.success) return deny(ctx, 400, 'VALIDATION_FAILED', '筛选条件不正确');
    ctx.set('cache-control', 'no-store');
    ctx.body = await d.inspections.panels(signed(ctx).scope, {
      days: q.data.days,
      ...(q.data.month ? { month: q.data.month } : {}),
    });
  });

  router.get('/dashboard/api/callbacks', api, async (ctx) => {
    const cursor =
      typeof ctx.query.cursor === 'string' && /^\d{1,16}$/.test(ctx.query.cursor)
        ? ctx.query.cursor
        : undefined;
    ctx.set('cache-control', 'no-store');
    ctx.body = await d.service.callbacks(signed(ctx).scope, cursor);
  });

  /** POST (CSRF-protected, audited): the open tickets a filter selects, as CSV with a BOM. */
  router.post('/dashboard/api/export', api, async (ctx) => {
    const q = filterOf(ctx);
    if (!q) return deny(ctx, 400, 'VALIDATION_FAILED', '筛选条件不正确');
    const s = signed(ctx);
    const { csv, rows } = await d.service.csv(q.f, s.scope);
    await d.audit.append({
      action: 'dashboard.export',
      outcome: 'allowed',
      actorPersonId: s.person.id,
      actorPlatform: s.session.platform,
      actorPlatformUserId: s.session.userId,
      reason: `${q.f.kind} csv, ${rows} rows`,
      details: {
        kind: q.f.kind,
        rows,
        ...(q.f.status ? { status: q.f.status } : {}),
        ...(q.f.floor ? { floor: q.f.floor } : {}),
        ...(q.f.shopCode ? { shop: q.f.shopCode } : {}),
      },
    });
    const day = d.clock.now().toISOString().slice(0, 10);
    ctx.set('cache-control', 'no-store');
    ctx.set('content-disposition', `attachment; filename="${q.f.kind}-${day}.csv"`);
    ctx.type = 'text/csv; charset=utf-8';
    ctx.body = csv;
  });

  router.post('/dashboard/api/logout', api, async (ctx) => {
    await d.login.closeSession(signed(ctx).sid);
    ctx.cookies.set(SESSION_COOKIE, '', {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      maxAge: 0,
      overwrite: true,
    });
    ctx.body = { ok: true };
  });

  const board = guard({ api: false, queues: true });
  router.all(QUEUE_BOARD_PATH, board, d.queueBoard);
  router.all(`${QUEUE_BOARD_PATH}/{*rest}`, board, d.queueBoard);

  return router;
};
