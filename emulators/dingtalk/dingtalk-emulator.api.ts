import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJsonObject, readBody, sendJson } from '../shared/body.js';
import type { StreamGateway } from './dingtalk-emulator.gateway.js';
import type { DingTalkEmulatorState } from './dingtalk-emulator.state.js';

/** The server side of the DingTalk APIs the bot uses (api.dingtalk.com and session webhooks). */
export const handleDingTalkApi = async (
  state: DingTalkEmulatorState,
  gateway: StreamGateway,
  baseWs: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> => {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const p = url.pathname;
  const known = p.startsWith('/v1.0/') || p === '/robot/sendBySession';
  if (!known) return false;
  const body = parseJsonObject(await readBody(req)) ?? {};
  const reply = (r: { status: number; body: Record<string, unknown> }): true => {
    sendJson(res, r.status, r.body);
    return true;
  };

  if (p === '/v1.0/oauth2/accessToken' && req.method === 'POST') return reply(state.accessToken(body));
  if (p === '/v1.0/gateway/connections/open' && req.method === 'POST') {
    state.calls.gatewayOpen++;
    if (body.clientId !== state.appKey || body.clientSecret !== state.appSecret) {
      sendJson(res, 401, { code: 'InvalidAuthentication', message: 'clientId/clientSecret 无效' });
      return true;
    }
    sendJson(res, 200, { endpoint: `${baseWs}/connect`, ticket: gateway.issueTicket() });
    return true;
  }
  if (p === '/robot/sendBySession' && req.method === 'POST') {
    return reply(state.bySession(url.searchParams.get('session') ?? '', body));
  }
  const tokenProblem = state.checkToken(req.headers['x-acs-dingtalk-access-token'] as string | undefined);
  if (tokenProblem) return reply(tokenProblem);
  if (p === '/v1.0/robot/oToMessages/batchSend' && req.method === 'POST') return reply(state.batchSend(body));
  if (p === '/v1.0/robot/groupMessages/send' && req.method === 'POST') return reply(state.groupSend(body));
  if (p === '/v1.0/card/instances/createAndDeliver' && req.method === 'POST')
    return reply(state.createCard(body));
  if (p === '/v1.0/card/instances' && req.method === 'PUT') return reply(state.updateCard(body));
  sendJson(res, 404, { code: 'NotFound', message: `unknown api ${req.method} ${p}` });
  return true;
};
