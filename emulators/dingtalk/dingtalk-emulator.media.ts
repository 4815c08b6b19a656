import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJsonObject, readBody, sendJson } from '../shared/body.js';
import { type MediaInput, MediaStore, type StoredMedia } from '../shared/media-store.js';
import { contentDisposition, serveBytes } from '../shared/serve-bytes.js';
import type { DingTalkEmulatorState } from './dingtalk-emulator.state.js';

export interface DingTalkMediaOptions {
  /**
   * How long a message's downloadCode works. DingTalk calls it temporary without a figure; the
   * emulator assumes a day so a bot that fetches late is caught.
   */
  readonly codeTtlMs: number;
  /** How long a returned downloadUrl works ("temporary download link"; assumed 1 hour). */
  readonly urlTtlMs: number;
}

interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

const fail = (status: number, code: string, message: string): Reply => ({
  status,
  body: { code, message, requestid: randomBytes(8).toString('hex') },
});

/** The object-storage answer to an expired or unknown signed URL. */
const ACCESS_DENIED =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>AccessDenied</Code>\n  <Message>Request has expired.</Message>\n</Error>\n';

/**
 * What users sent the robot: the files, their download codes, and the short-lived download links
 * handed out by `POST /v1.0/robot/messageFiles/download` (PROTOCOLS.md §2.1, §1.8b).
 */
export class DingTalkMedia {
  readonly files: MediaStore;
  readonly calls = { download: 0, fetch: 0 };
  private readonly codes = new Map<string, string>();
  private readonly urls = new Map<string, { mediaId: string; expiresAt: number }>();

  constructor(
    private readonly now: () => number,
    private readonly o: DingTalkMediaOptions,
  ) {
    this.files = new MediaStore(now, o.codeTtlMs);
  }

  /** Stores a file a user sends and returns the codes its robot message carries. */
  receive(media: MediaInput): { stored: StoredMedia; downloadCode: string; pictureDownloadCode: string } {
    const stored = this.files.put(media);
    const code = () => {
      const c = randomBytes(96).toString('base64');
      this.codes.set(c, stored.id);
      return c;
    };
    return { stored, downloadCode: code(), pictureDownloadCode: code() };
  }

  /**
   * The `msgtype` and `content` of the robot message for a file a user sends: `picture` with
   * `{downloadCode, pictureDownloadCode}`, or `file` with `{downloadCode, fileName, spaceId, fileId}`.
   */
  receiveMessage(media: MediaInput): {
    msgtype: 'picture' | 'file';
    content: Record<string, string>;
    downloadCode: string;
    mediaId: string;
  } {
    const { stored, downloadCode, pictureDownloadCode } = this.receive(media);
    const picture = media.mime.startsWith('image/');
    const id = () => String(randomBytes(5).readUIntBE(0, 5));
    return {
      msgtype: picture ? 'picture' : 'file',
      content: picture
        ? { downloadCode, pictureDownloadCode }
        : { downloadCode, fileName: media.filename, spaceId: id(), fileId: id() },
      downloadCode,
      mediaId: stored.id,
    };
  }

  /** `{downloadCode, robotCode}` → `{downloadUrl}`, or DingTalk's `{code, message}` error. */
  downloadUrl(body: Record<string, unknown>, robotCode: string, baseUrl: string): Reply {
    this.calls.download++;
    if (typeof body.robotCode !== 'string' || body.robotCode === '')
      return fail(400, 'invalidParameter.robotCode.empty', '机器人robotCode为空');
    if (body.robotCode !== robotCode) return fail(400, 'invalidParameter.robotCode.notExsit', '机器人不存在');
    if (typeof body.downloadCode !== 'string' || body.downloadCode === '')
      return fail(400, 'invalidParameter.downloadCode.empty', 'downloadCode 不能为空');
    const mediaId = this.codes.get(body.downloadCode);
    if (!mediaId || !this.files.get(mediaId))
      return fail(400, 'invalidParameter.downloadCode.invalid', 'downloadCode 无效或已过期');
    const token = randomBytes(16).toString('hex');
    const expiresAt = this.now() + this.o.urlTtlMs;
    this.urls.set(token, { mediaId, expiresAt });
    return {
      status: 200,
      body: { downloadUrl: `${baseUrl}/_files/${token}?Expires=${Math.floor(expiresAt / 1000)}` },
    };
  }

  /** The file behind a download link, or undefined when the link is unknown or expired. */
  fetch(token: string): StoredMedia | undefined {
    this.calls.fetch++;
    const u = this.urls.get(token);
    if (!u || u.expiresAt <= this.now()) return undefined;
    return this.files.get(u.mediaId);
  }

  /** Lets every download link lapse now (the next GET answers 403). */
  expireLinks(): void {
    for (const [k, v] of this.urls) this.urls.set(k, { ...v, expiresAt: this.now() });
  }
}

/**
 * `POST /v1.0/robot/messageFiles/download` (access token in `x-acs-dingtalk-access-token`) and the
 * download links it hands out, `GET /_files/<token>` (with Range support, like object storage).
 */
export const handleDingTalkMedia = async (
  media: DingTalkMedia,
  state: DingTalkEmulatorState,
  baseUrl: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> => {
  const url = new URL(req.url ?? '/', 'http://emulator');
  if (url.pathname === '/v1.0/robot/messageFiles/download' && req.method === 'POST') {
    const body = parseJsonObject(await readBody(req)) ?? {};
    const tokenProblem = state.checkToken(req.headers['x-acs-dingtalk-access-token'] as string | undefined);
    const r = tokenProblem ?? media.downloadUrl(body, state.robotCode, baseUrl);
    sendJson(res, r.status, r.body);
    return true;
  }
  const m = /^\/_files\/([0-9a-f]+)$/.exec(url.pathname);
  if (m?.[1] && (req.method === 'GET' || req.method === 'HEAD')) {
    const item = media.fetch(m[1]);
    if (!item) {
      res.writeHead(403, { 'content-type': 'application/xml' });
      res.end(ACCESS_DENIED);
      return true;
    }
    serveBytes(req, res, item.bytes, {
      'content-type': item.mime,
      'content-disposition': contentDisposition('attachment', item.filename),
    });
    return true;
  }
  return false;
};
