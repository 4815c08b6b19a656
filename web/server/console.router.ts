import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import type { AppState } from '../../src/http/app-state.js';
import { readJsonBody } from '../../src/http/middleware/read-body.js';
import { AppError, AppErrorCode } from '../../src/lib/errors.js';
import type { ClockAnswer, ConsolePlatform, ConsoleSession, Persona } from '../shared/console-api.js';
import { clockRequest } from './clock-presets.js';
import { proxyToEmulator } from './emulator-proxy.js';
import type { LiveStreams } from './live-streams.js';
import type { StaticPages } from './static-pages.js';

export interface ConsoleOptions {
  /** The built pages (the console is `console/index.html` in the build). */
  readonly pages: StaticPages;
  /** Control API base of each emulated platform; a platform without one runs for real. */
  readonly emulators: Readonly<Partial<Record<ConsolePlatform, string>>>;
  /** How the DingTalk emulator delivers to the bot (the bot's DINGTALK_STREAM). */
  readonly dingtalkVia: 'stream' | 'http';
  /** The bot's clock (the dev clock once the time issue's route moves it). */
  readonly now: () => Date;
  readonly tz: string;
  readonly personas: (now: Date, tz: string) => readonly Persona[];
  /** Bearer token of the bot's admin API, added server-side so the page never holds it. */
  readonly adminToken: string | undefined;
  /** Where the open live feeds are kept, so shutdown can end them. */
  readonly streams: LiveStreams;
}

const ClockBody = z.object({ preset: z.enum(['hour', 'tomorrow9', 'monday9']) });
const PLATFORMS: readonly ConsolePlatform[] = ['wecom', 'dingtalk'];

const notFound = (what: string) =>
  new AppError(AppErrorCode.NOT_FOUND, `${what} not found`, { reason: 'console_not_found' });

/**
 * The chat console (dev mode only): the page at `/console`, its session (personas, platforms, the
 * bot's time), a pass-through to each emulator's control API and live feed, and the clock control,
 * which asks the bot's own `POST /api/dev/clock` (the time issue's dev clock) to move.
 */
export const consoleRouter = (o: ConsoleOptions): Router<AppState> => {
  const router = new Router<AppState>();

  const page = (ctx: Context) => {
    const file = o.pages.get('console/index.html');
    if (!file) {
      ctx.status = 503;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = '控制台页面尚未构建：请运行 npm run build:web（npm run dev 会自动构建）。';
      return;
    }
    ctx.set('cache-control', 'no-cache');
    ctx.type = file.type;
    ctx.body = file.bytes;
  };
  router.get('/console', page);
  router.get('/console/', page);

  router.get('/console/api/session', (ctx) => {
    const now = o.now();
    const body: ConsoleSession = {
      now: now.toISOString(),
      tz: o.tz,
      platforms: PLATFORMS.map((id) => ({
        id,
        available: o.emulators[id] !== undefined,
        ...(id === 'dingtalk' ? { via: o.dingtalkVia } : {}),
      })),
      personas: o.personas(now, o.tz),
    };
    ctx.set('cache-control', 'no-store');
    ctx.body = body;
  });

  router.all('/console/api/emu/:platform/:rest{/:arg}', async (ctx) => {
    const platform = ctx.params.platform as ConsolePlatform;
    const base = PLATFORMS.includes(platform) ? o.emulators[platform] : undefined;
    if (!base) throw notFound(`emulator ${ctx.params.platform}`);
    const rest = ctx.params.arg
      ? `${ctx.params.rest}/${encodeURIComponent(ctx.params.arg)}`
      : (ctx.params.rest ?? '');
    await proxyToEmulator(ctx, base, rest, o.streams);
  });

  router.post('/console/api/clock', async (ctx) => {
    const parsed = ClockBody.safeParse(await readJsonBody(ctx));
    if (!parsed.success) {
      throw new AppError(AppErrorCode.VALIDATION_FAILED, 'preset must be hour, tomorrow9 or monday9', {
        reason: 'bad_clock_preset',
      });
    }
    const port = ctx.req.socket.localPort;
    const res = await fetch(`http://127.0.0.1:${port}/api/dev/clock`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(o.adminToken ? { authorization: `Bearer ${o.adminToken}` } : {}),
      },
      body: JSON.stringify(clockRequest(parsed.data.preset, o.now(), o.tz)),
      signal: AbortSignal.timeout(10_000),
    });
    const answer = (await res.json().catch(() => ({}))) as Partial<ClockAnswer>;
    if (res.status === 404 || res.status === 405) {
      throw new AppError(AppErrorCode.UNAVAILABLE, 'the bot has no dev clock (POST /api/dev/clock)', {
        reason: 'no_dev_clock',
        expose: true,
      });
    }
    if (!res.ok || typeof answer.now !== 'string') {
      throw new AppError(AppErrorCode.PLATFORM_REJECTED, `the dev clock answered ${res.status}`, {
        reason: 'dev_clock_failed',
        expose: true,
      });
    }
    ctx.body = { now: answer.now } satisfies ClockAnswer;
  });

  return router;
};

/**
 * The built assets shared by every page (`/ui/assets/*`, content-hashed so cached for a year).
 * The dashboard will serve its page next to the console's and share these.
 */
export const webAssetsRouter = (pages: StaticPages): Router<AppState> => {
  const router = new Router<AppState>();
  router.get('/ui/assets/:file', (ctx) => {
    const file = pages.get(`assets/${ctx.params.file}`);
    if (!file) throw notFound(`asset ${ctx.params.file}`);
    ctx.set('cache-control', 'public, max-age=31536000, immutable');
    ctx.set('etag', file.etag);
    if (ctx.get('if-none-match') === file.etag) {
      ctx.status = 304;
      return;
    }
    ctx.type = file.type;
    ctx.body = file.bytes;
  });
  return router;
};
