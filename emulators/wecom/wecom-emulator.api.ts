import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJsonObject, readBody, sendJson } from '../shared/body.js';
import { keepUpload } from './wecom-emulator.media.js';
import type { WeComEmulatorState } from './wecom-emulator.state.js';

/**
 * The server side of the WeCom APIs the bot uses, under `/cgi-bin`. Errors come back the way
 * WeCom sends them: HTTP 200 with a non-zero errcode.
 */
export const handleWeComApi = async (
  state: WeComEmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> => {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const path = url.pathname.replace(/^\/cgi-bin/, '');
  if (!url.pathname.startsWith('/cgi-bin/')) return false;

  const failure = state.takeFailure(path);
  if (failure) {
    if (failure.httpStatus) sendJson(res, failure.httpStatus, { error: 'injected failure' });
    else sendJson(res, 200, { errcode: failure.errcode, errmsg: 'injected failure' });
    return true;
  }

  if (path === '/gettoken' && req.method === 'GET') {
    sendJson(res, 200, {
      errcode: 0,
      errmsg: 'ok',
      ...state.getToken(url.searchParams.get('corpid') ?? '', url.searchParams.get('corpsecret') ?? ''),
    });
    return true;
  }

  const tokenProblem = state.checkToken(url.searchParams.get('access_token'));
  if (tokenProblem) {
    sendJson(res, 200, tokenProblem);
    return true;
  }

  if (req.method !== 'POST') {
    sendJson(res, 200, { errcode: 40000, errmsg: 'method not supported' });
    return true;
  }

  if (path === '/media/upload') {
    state.calls.upload++;
    const body = await readBody(req, 20 * 1024 * 1024);
    const type = url.searchParams.get('type') ?? '';
    if (!['image', 'voice', 'video', 'file'].includes(type)) {
      sendJson(res, 200, { errcode: 40004, errmsg: 'invalid media type' });
      return true;
    }
    const ct = req.headers['content-type'] ?? '';
    const filename = /filename="([^"]+)"/.exec(body.toString('latin1'))?.[1] ?? '';
    if (!ct.startsWith('multipart/form-data') || !filename) {
      sendJson(res, 200, { errcode: 44001, errmsg: 'empty media data' });
      return true;
    }
    const mediaId = randomBytes(20).toString('hex');
    state.media.set(mediaId, { type, size: body.length, filename });
    await keepUpload(state, mediaId, body, ct);
    sendJson(res, 200, {
      errcode: 0,
      errmsg: 'ok',
      type,
      media_id: mediaId,
      created_at: String(Math.floor(state.now() / 1000)),
    });
    return true;
  }

  const json = parseJsonObject(await readBody(req));
  if (!json) {
    sendJson(res, 200, { errcode: 47001, errmsg: 'data format error' });
    return true;
  }
  if (path === '/message/send') {
    sendJson(res, 200, state.send(json));
    return true;
  }
  if (path === '/message/update_template_card') {
    sendJson(res, 200, state.updateCard(json));
    return true;
  }
  sendJson(res, 200, { errcode: 40000, errmsg: `unknown api ${path}` });
  return true;
};
