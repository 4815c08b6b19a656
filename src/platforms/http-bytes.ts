import { AppError, AppErrorCode } from '../lib/errors.js';
import { redactUrl } from './http-json.js';

export interface BytesResponse {
  readonly status: number;
  readonly contentType: string;
  readonly contentDisposition: string;
  readonly bytes: Buffer;
}

/** A file downloaded from a platform: the bytes as sent, what the platform says they are. */
export interface DownloadedMedia {
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly filename: string;
}

/** Thrown when a download is larger than the caller accepts (the body is not read further). */
export class TooLargeError extends AppError {
  constructor(max: number) {
    super(AppErrorCode.PLATFORM_REJECTED, `file larger than ${max} bytes`, { reason: 'too_large' });
  }
}

/**
 * One GET returning raw bytes, read as a stream and cut off past `maxBytes` so a huge file never
 * sits in memory. Network failures and timeouts are retryable.
 */
export const requestBytes = async (
  url: string,
  maxBytes: number,
  headers: Readonly<Record<string, string>> = {},
  timeoutMs = 30_000,
): Promise<BytesResponse> => {
  let res: Response;
  try {
    res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    throw new AppError(AppErrorCode.PLATFORM_RETRYABLE, `network error calling ${redactUrl(url)}`, {
      reason: 'network',
      cause: e instanceof Error ? e.message : String(e),
    });
  }
  const declared = Number(res.headers.get('content-length') ?? 'NaN');
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    throw new TooLargeError(maxBytes);
  }
  const parts: Buffer[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  for (;;) {
    const chunk = reader ? await reader.read() : { done: true as const, value: undefined };
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader?.cancel();
      throw new TooLargeError(maxBytes);
    }
    parts.push(Buffer.from(chunk.value));
  }
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    contentDisposition: res.headers.get('content-disposition') ?? '',
    bytes: Buffer.concat(parts),
  };
};

/** `filename="…"` or RFC 5987 `filename*=UTF-8''…` from a Content-Disposition header. */
export const filenameOf = (disposition: string): string => {
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (star) {
    try {
      return decodeURIComponent(star);
    } catch {
      return star;
    }
  }
  return /filename\s*=\s*"?([^";]+)"?/i.exec(disposition)?.[1] ?? '';
};
