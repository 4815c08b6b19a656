import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJsonObject, readBody, sendJson } from './body.js';

/** What the dev-mode control API can ask of an emulated platform's user simulator. */
export interface ControlTarget {
  send(userId: string, text: string, body: Record<string, unknown>): Promise<unknown>;
  click(userId: string, cardId: string, key: string): Promise<unknown>;
  inbox(userId: string): unknown;
  addUser(userId: string): void;
}

/**
 * `/_emu/*`, shared by both emulators: add a user, send as a user, press a card button, read what a
 * user sees. For the local dev mode and manual poking; tests call the emulators directly.
 */
export const handleControl = async (
  t: ControlTarget,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> => {
  const url = new URL(req.url ?? '/', 'http://emulator');
  if (!url.pathname.startsWith('/_emu/')) return false;
  if (req.method === 'POST' && ['/_emu/users', '/_emu/send', '/_emu/click'].includes(url.pathname)) {
    const b = parseJsonObject(await readBody(req)) ?? {};
    const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : undefined);
    const userId = str('userId');
    if (!userId) {
      sendJson(res, 400, { error: 'userId required' });
      return true;
    }
    if (url.pathname === '/_emu/users') {
      t.addUser(userId);
      sendJson(res, 200, { ok: true });
      return true;
    }
    if (url.pathname === '/_emu/send') {
      const text = str('text');
      if (text === undefined) {
        sendJson(res, 400, { error: 'text required' });
        return true;
      }
      sendJson(res, 200, await t.send(userId, text, b));
      return true;
    }
    const cardId = str('cardId');
    const key = str('key');
    if (!cardId || !key) {
      sendJson(res, 400, { error: 'cardId and key required' });
      return true;
    }
    try {
      sendJson(res, 200, await t.click(userId, cardId, key));
    } catch (e) {
      sendJson(res, 409, { error: e instanceof Error ? e.message : String(e) });
    }
    return true;
  }
  const inbox = /^\/_emu\/inbox\/([^/]+)$/.exec(url.pathname);
  if (inbox?.[1] && req.method === 'GET') {
    sendJson(res, 200, t.inbox(decodeURIComponent(inbox[1])));
    return true;
  }
  return false;
};
