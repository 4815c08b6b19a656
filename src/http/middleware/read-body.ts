import type { Context } from 'koa';
import getRawBody from 'raw-body';
import { AppError, AppErrorCode } from '../../lib/errors.js';

/** Webhook bodies are small; anything larger is refused before it is read in full. */
export const WEBHOOK_BODY_LIMIT = 64 * 1024;

/**
 * Reads the raw request bytes with a hard limit: 413 over the limit, 400 on a broken stream.
 * Signatures are checked over exactly these bytes, never over a re-serialised body.
 */
export const readRawBody = async (ctx: Context, limit = WEBHOOK_BODY_LIMIT): Promise<string> => {
  const declared = Number(ctx.get('content-length') || 'NaN');
  if (Number.isFinite(declared) && declared > limit) {
    throw new AppError(AppErrorCode.BODY_TOO_LARGE, `body of ${declared} bytes exceeds ${limit}`, {
      reason: 'body_too_large',
    });
  }
  try {
    return await getRawBody(ctx.req, { limit, encoding: 'utf8' });
  } catch (e) {
    const type = typeof e === 'object' && e !== null && 'type' in e ? String(e.type) : '';
    if (type === 'entity.too.large') {
      throw new AppError(AppErrorCode.BODY_TOO_LARGE, `body exceeds ${limit} bytes`, {
        reason: 'body_too_large',
      });
    }
    throw new AppError(AppErrorCode.MALFORMED_BODY, 'could not read the request body', {
      reason: 'body_unreadable',
      cause: e,
    });
  }
};

/** Reads and parses a JSON object body (admin API, DingTalk callbacks). */
export const readJsonBody = async (ctx: Context, limit = WEBHOOK_BODY_LIMIT): Promise<unknown> => {
  const raw = await readRawBody(ctx, limit);
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new AppError(AppErrorCode.MALFORMED_BODY, 'body is not valid JSON', { reason: 'bad_json' });
  }
};
