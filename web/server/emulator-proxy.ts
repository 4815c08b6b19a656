import { Readable } from 'node:stream';
import type { Context } from 'koa';
import { readRawBody } from '../../src/http/middleware/read-body.js';
import { AppError, AppErrorCode } from '../../src/lib/errors.js';
import type { LiveStreams } from './live-streams.js';

/** The emulator control routes the console may reach (everything else stays unreachable). */
const ALLOWED = [
  { method: 'POST', path: /^send$/ },
  { method: 'POST', path: /^click$/ },
  { method: 'POST', path: /^send-image$/ },
  { method: 'GET', path: /^inbox\/[^/]+$/ },
  { method: 'GET', path: /^events$/ },
  { method: 'GET', path: /^media\/[^/]+$/ },
] as const;

/** A photo is sent as Base64 JSON: 12 MB of file is 16 MB of body. */
const BODY_LIMIT = 16 * 1024 * 1024;
const PASSED_HEADERS = [
  'content-type',
  'content-disposition',
  'cache-control',
  'content-range',
  'accept-ranges',
];

/**
 * Forwards a console request to an emulator's `/_emu/<rest>` over HTTP, streaming the answer (the
 * live feed is a never-ending text/event-stream). The page therefore talks to one origin, and every
 * message and click still goes through the emulator's own control API and so through the real
 * signed, encrypted callback into the bot.
 */
export const proxyToEmulator = async (
  ctx: Context,
  emulatorUrl: string,
  rest: string,
  streams: LiveStreams,
): Promise<void> => {
  if (!ALLOWED.some((a) => a.method === ctx.method && a.path.test(rest))) {
    throw new AppError(AppErrorCode.NOT_FOUND, `no console route for ${ctx.method} ${rest}`, {
      reason: 'console_route',
    });
  }
  const abort = new AbortController();
  // The response closes when it is done or when the page goes away: stop reading upstream then.
  ctx.res.on('close', () => abort.abort());
  const body = ctx.method === 'POST' ? await readRawBody(ctx, BODY_LIMIT) : undefined;
  let res: Response;
  try {
    res = await fetch(`${emulatorUrl}/_emu/${rest}${ctx.querystring ? `?${ctx.querystring}` : ''}`, {
      method: ctx.method,
      signal: abort.signal,
      ...(body !== undefined ? { body, headers: { 'content-type': 'application/json' } } : {}),
      ...(ctx.get('range') ? { headers: { range: ctx.get('range') } } : {}),
    });
  } catch (e) {
    throw new AppError(AppErrorCode.UNAVAILABLE, 'the emulator does not answer', {
      reason: 'emulator_down',
      cause: e,
      expose: true,
    });
  }
  ctx.status = res.status;
  for (const h of PASSED_HEADERS) {
    const v = res.headers.get(h);
    if (v) ctx.set(h, v);
  }
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
    // Keep the stream open as long as the page watches: no socket timeout, no buffering.
    ctx.req.socket.setTimeout(0);
    ctx.req.socket.setNoDelay(true);
    ctx.set('x-accel-buffering', 'no');
    streams.add(ctx.res);
  }
  ctx.body = res.body ? Readable.fromWeb(res.body) : '';
};
