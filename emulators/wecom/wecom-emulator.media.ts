import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../shared/body.js';
import { parseRange } from '../shared/http-range.js';
import { serveBytes } from '../shared/serve-bytes.js';
import type { WeComEmulatorState } from './wecom-emulator.state.js';

/** WeCom serves files above this size only in Range chunks of at most this size (doc 96486). */
export const WECOM_MEDIA_CHUNK_LIMIT = 20 * 1024 * 1024;

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/bmp': 'bmp',
  'audio/amr': 'amr',
  'video/mp4': 'mp4',
};

/** The extension WeCom gives a download (`MEDIA_ID.jpg`), from the stored media type. */
export const extensionOf = (mime: string, filename: string): string =>
  EXTENSIONS[mime] ?? /\.([A-Za-z0-9]{1,8})$/.exec(filename)?.[1]?.toLowerCase() ?? 'bin';

/**
 * `GET /cgi-bin/media/get?access_token=&media_id=` (doc 96486, PROTOCOLS.md §1.8b): the file with
 * WeCom's headers (Content-Type, `Content-disposition: attachment; filename="MEDIA_ID.jpg"`,
 * Cache-Control), a Range chunk as 206, or a JSON error with HTTP 200: 40007 for an unknown or
 * expired media_id (they live 3 days), 830002 for a file or chunk over `chunkLimit` bytes.
 */
export const handleWeComMediaGet = (
  state: WeComEmulatorState,
  chunkLimit: number,
  req: IncomingMessage,
  res: ServerResponse,
): boolean => {
  const url = new URL(req.url ?? '/', 'http://emulator');
  if (url.pathname !== '/cgi-bin/media/get' || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  state.calls.mediaGet++;
  const failure = state.takeFailure('/media/get');
  if (failure) {
    if (failure.httpStatus) sendJson(res, failure.httpStatus, { error: 'injected failure' });
    else sendJson(res, 200, { errcode: failure.errcode, errmsg: 'injected failure' });
    return true;
  }
  const tokenProblem = state.checkToken(url.searchParams.get('access_token'));
  if (tokenProblem) {
    sendJson(res, 200, tokenProblem);
    return true;
  }
  const mediaId = url.searchParams.get('media_id') ?? '';
  const item = mediaId ? state.files.get(mediaId) : undefined;
  if (!item) {
    sendJson(res, 200, { errcode: 40007, errmsg: 'invalid media_id' });
    return true;
  }
  const range = parseRange(req.headers.range, item.bytes.length);
  const span =
    range === undefined ? item.bytes.length : range === 'unsatisfiable' ? 0 : range.end - range.start + 1;
  if (span > chunkLimit) {
    sendJson(res, 200, {
      errcode: 830002,
      errmsg: 'file too large, download it in Range chunks of at most 20M',
    });
    return true;
  }
  serveBytes(req, res, item.bytes, {
    'content-type': item.mime,
    'content-disposition': `attachment; filename="${mediaId}.${extensionOf(item.mime, item.filename)}"`,
    date: new Date(state.now()).toUTCString(),
    'cache-control': 'no-cache, must-revalidate',
  });
  return true;
};

/** Keeps the bytes of a `media/upload` so media/get (and the console) can serve them later. */
export const keepUpload = async (
  state: WeComEmulatorState,
  mediaId: string,
  body: Buffer,
  contentType: string,
): Promise<void> => {
  try {
    const form = await new Response(new Uint8Array(body), {
      headers: { 'content-type': contentType },
    }).formData();
    const file = form.get('media');
    if (!file || typeof file === 'string') return;
    state.files.put(
      {
        bytes: Buffer.from(await file.arrayBuffer()),
        mime: file.type || 'application/octet-stream',
        filename: file.name,
      },
      mediaId,
    );
  } catch {
    // a body the multipart parser cannot read was refused above already; nothing to keep
  }
};
