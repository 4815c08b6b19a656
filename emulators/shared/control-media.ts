import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJsonObject, readBody, sendJson } from './body.js';
import type { MediaInput, StoredMedia } from './media-store.js';
import { contentDisposition, serveBytes } from './serve-bytes.js';

/** What the media control routes ask of an emulator's user simulator. */
export interface MediaControlTarget {
  /** A user sends a photo or file; resolves with the delivery result and the platform's media id. */
  sendMedia(userId: string, media: MediaInput, body: Record<string, unknown>): Promise<unknown>;
  /** A stored file by the emulator's id (what the user sent, or what the bot uploaded). */
  media(id: string): StoredMedia | undefined;
}

/** A media type the platform refuses from a user (e.g. files to a WeCom self-built app). */
export class MediaRefused extends Error {
  override readonly name = 'MediaRefused';
}

/** Files a simulated user may send through the control API (16 MB of Base64 ≈ 12 MB of file). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const MIME_RE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;
const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

/** Reads `{filename, mime, base64}` into a file; a string describes what is wrong. */
export const parseMediaBody = (b: Record<string, unknown>): MediaInput | string => {
  const { filename, mime, base64 } = b;
  if (typeof filename !== 'string' || filename.trim() === '' || filename.length > 255)
    return 'filename required (1-255 characters)';
  if (/[/\\\0]/.test(filename)) return 'filename must not contain a path';
  if (typeof mime !== 'string' || !MIME_RE.test(mime)) return 'mime must be a media type such as image/png';
  if (typeof base64 !== 'string') return 'base64 required';
  const clean = base64.replace(/\s+/g, '');
  if (clean.length === 0 || clean.length % 4 !== 0 || !BASE64_RE.test(clean))
    return 'base64 is not valid Base64';
  return { filename: filename.trim(), mime: mime.toLowerCase(), bytes: Buffer.from(clean, 'base64') };
};

/**
 * `POST /_emu/send-image {userId, filename, mime, base64}` (the DingTalk emulator also reads `via`):
 * a simulated user sends a photo or file, which the emulator stores and announces to the bot the
 * way the platform does. `GET /_emu/media/<id>` serves a stored file (what a chat client would show).
 */
export const handleMediaControl = async (
  t: MediaControlTarget,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> => {
  const url = new URL(req.url ?? '/', 'http://emulator');
  if (req.method === 'POST' && url.pathname === '/_emu/send-image') {
    let raw: Buffer;
    try {
      raw = await readBody(req, MAX_BODY_BYTES);
    } catch {
      sendJson(res, 413, { error: `body over ${MAX_BODY_BYTES} bytes` });
      return true;
    }
    const b = parseJsonObject(raw) ?? {};
    if (typeof b.userId !== 'string' || b.userId === '') {
      sendJson(res, 400, { error: 'userId required' });
      return true;
    }
    const media = parseMediaBody(b);
    if (typeof media === 'string') {
      sendJson(res, 400, { error: media });
      return true;
    }
    try {
      sendJson(res, 200, await t.sendMedia(b.userId, media, b));
    } catch (e) {
      if (!(e instanceof MediaRefused)) throw e;
      sendJson(res, 400, { error: e.message });
    }
    return true;
  }
  const m = /^\/_emu\/media\/([^/]+)$/.exec(url.pathname);
  if (m?.[1] && (req.method === 'GET' || req.method === 'HEAD')) {
    const item = t.media(decodeURIComponent(m[1]));
    if (!item) {
      sendJson(res, 404, { error: 'no such media' });
      return true;
    }
    serveBytes(req, res, item.bytes, {
      'content-type': item.mime,
      'content-disposition': contentDisposition('inline', item.filename),
      'cache-control': 'private, max-age=3600',
    });
    return true;
  }
  return false;
};
