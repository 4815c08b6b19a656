import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseRange } from './http-range.js';

/**
 * Answers a download the way a file server does: the whole file (200), the part a `Range` header
 * asks for (206 with Content-Range), or 416 when the range lies outside the file. `headers` are the
 * platform's own (Content-Type, Content-disposition, Cache-Control…).
 */
export const serveBytes = (
  req: IncomingMessage,
  res: ServerResponse,
  bytes: Buffer,
  headers: Readonly<Record<string, string>>,
): void => {
  const range = parseRange(req.headers.range, bytes.length);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { 'content-range': `bytes */${bytes.length}`, 'content-length': 0 });
    res.end();
    return;
  }
  if (range) {
    const part = bytes.subarray(range.start, range.end + 1);
    res.writeHead(206, {
      ...headers,
      'accept-ranges': 'bytes',
      'content-range': `bytes ${range.start}-${range.end}/${bytes.length}`,
      'content-length': part.length,
    });
    res.end(req.method === 'HEAD' ? undefined : part);
    return;
  }
  res.writeHead(200, { ...headers, 'accept-ranges': 'bytes', 'content-length': bytes.length });
  res.end(req.method === 'HEAD' ? undefined : bytes);
};

/** `attachment; filename="…"` with an RFC 5987 `filename*` for names that are not plain ASCII. */
export const contentDisposition = (kind: 'attachment' | 'inline', filename: string): string => {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return ascii === filename
    ? `${kind}; filename="${filename}"`
    : `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
};
