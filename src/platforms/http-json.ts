import { AppError, AppErrorCode } from '../lib/errors.js';

export interface JsonResponse {
  readonly status: number;
  readonly body: unknown;
}

export interface JsonRequest {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly url: string;
  readonly body?: unknown;
  readonly form?: FormData;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/** Removes credentials from a URL before it goes into an error message or a log line. */
export const redactUrl = (url: string): string =>
  url.replace(/(access_token|corpsecret|appsecret|session)=[^&]*/gi, '$1=[REDACTED]');

/**
 * One HTTP call returning parsed JSON. Network failures and timeouts are retryable errors; the
 * caller decides what the platform's own error codes mean.
 */
export const requestJson = async (req: JsonRequest): Promise<JsonResponse> => {
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: req.method,
      headers: {
        accept: 'application/json',
        ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...req.headers,
      },
      body: req.form ?? (req.body !== undefined ? JSON.stringify(req.body) : undefined),
      signal: AbortSignal.timeout(req.timeoutMs ?? 10_000),
    });
  } catch (e) {
    throw new AppError(AppErrorCode.PLATFORM_RETRYABLE, `network error calling ${redactUrl(req.url)}`, {
      reason: 'network',
      cause: e instanceof Error ? e.message : String(e),
    });
  }
  const text = await res.text();
  let body: unknown;
  if (text.length > 0) {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = undefined;
    }
  }
  return { status: res.status, body };
};
