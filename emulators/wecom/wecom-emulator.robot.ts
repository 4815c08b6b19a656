import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJsonObject, readBody, sendJson } from '../shared/body.js';
import { SlidingWindow } from '../shared/sliding-window.js';

/** One message a group robot posted to its group. */
export interface RobotPost {
  readonly key: string;
  readonly msgtype: string;
  readonly text?: string;
  /** PNG bytes of an image message. */
  readonly image?: Buffer;
  readonly at: number;
}

/**
 * The WeCom group robot (消息推送, PROTOCOLS.md §1.9): `POST /cgi-bin/webhook/send?key=KEY`, the key
 * its only credential; markdown up to 4096 bytes, images as Base64 with their MD5 (2 MB at most),
 * 20 messages a minute per robot. Unknown keys answer 93000, as WeCom does for a removed robot.
 */
export class WeComRobots {
  readonly keys = new Set<string>();
  readonly posts: RobotPost[] = [];
  private readonly window = new SlidingWindow(20, 60_000);
  private failures: {
    errcode: number;
    remaining: number;
    match?: (body: Record<string, unknown>) => boolean;
  }[] = [];

  /** The robot URL the bot should be configured with. */
  url(base: string, key: string): string {
    this.keys.add(key);
    return `${base}/cgi-bin/webhook/send?key=${key}`;
  }

  /** The next `count` posts (of those `match` accepts, when given) fail with `errcode`. */
  failNext(errcode: number, count = 1, match?: (body: Record<string, unknown>) => boolean): void {
    this.failures.push({ errcode, remaining: count, ...(match ? { match } : {}) });
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const key = url.searchParams.get('key') ?? '';
    const body = parseJsonObject(await readBody(req, 4 * 1024 * 1024));
    const f = this.failures.find(
      (x) => x.remaining > 0 && (!x.match || (body !== undefined && x.match(body))),
    );
    if (f) {
      f.remaining--;
      return sendJson(res, 200, { errcode: f.errcode, errmsg: 'injected failure' });
    }
    if (req.method !== 'POST' || !this.keys.has(key))
      return sendJson(res, 200, { errcode: 93000, errmsg: 'invalid webhook url' });
    if (!body) return sendJson(res, 200, { errcode: 40008, errmsg: 'invalid message type' });
    if (!this.window.hit(key, Date.now()))
      return sendJson(res, 200, { errcode: 45009, errmsg: 'api freq out of limit' });
    const msgtype = String(body.msgtype ?? '');
    if (msgtype === 'markdown' || msgtype === 'text') {
      const content = String((body[msgtype] as { content?: unknown } | undefined)?.content ?? '');
      const max = msgtype === 'markdown' ? 4096 : 2048;
      if (!content || Buffer.byteLength(content) > max)
        return sendJson(res, 200, {
          errcode: 40058,
          errmsg: `${msgtype}.content exceeds ${max} bytes or is empty`,
        });
      this.posts.push({ key, msgtype, text: content, at: Date.now() });
      return sendJson(res, 200, { errcode: 0, errmsg: 'ok' });
    }
    if (msgtype === 'image') {
      const img = (body.image ?? {}) as { base64?: unknown; md5?: unknown };
      const bytes = Buffer.from(String(img.base64 ?? ''), 'base64');
      if (bytes.length === 0 || bytes.length > 2 * 1024 * 1024)
        return sendJson(res, 200, { errcode: 40009, errmsg: 'invalid image size' });
      if (createHash('md5').update(bytes).digest('hex') !== img.md5)
        return sendJson(res, 200, { errcode: 301019, errmsg: 'md5 not match' });
      this.posts.push({ key, msgtype, image: bytes, at: Date.now() });
      return sendJson(res, 200, { errcode: 0, errmsg: 'ok' });
    }
    return sendJson(res, 200, { errcode: 40008, errmsg: 'invalid message type' });
  }
}
