import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DingTalkEmulator } from '../../../emulators/dingtalk/dingtalk-emulator.js';
import { WeComEmulator } from '../../../emulators/wecom/wecom-emulator.js';
import { openSse, type SseEvent } from '../../helpers/sse.js';

/** A webhook that accepts everything (the feed is about the emulator's side of the chat). */
const acceptAll = async (): Promise<{ server: Server; url: string }> => {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200).end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` };
};

const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
  const r = await fetch(url, {
    method: url.endsWith('/v1.0/card/instances') ? 'PUT' : 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return (await r.json()) as Record<string, unknown>;
};

const data = (e: SseEvent) => JSON.parse(e.data) as Record<string, unknown> & { user: string };

describe('the emulators’ live feed (/_emu/events)', () => {
  let hook: Awaited<ReturnType<typeof acceptAll>>;
  beforeAll(async () => {
    hook = await acceptAll();
  });
  afterAll(() => hook.server.close());

  it('WeCom: what a user sends, what the bot sends, and every change to a card, as they happen', async () => {
    const emu = await new WeComEmulator({ users: ['tenant-b1-23', 'staff-ma'] }).start();
    emu.callbackUrl = hook.url;
    const all = await openSse(`${emu.url}/_emu/events`);
    const onlyMa = await openSse(`${emu.url}/_emu/events?user=staff-ma`);
    try {
      await post(`${emu.url}/_emu/send`, { userId: 'tenant-b1-23', text: '铺里漏水了' });
      const sent = data(await all.next((e) => e.event === 'sent'));
      expect(sent).toMatchObject({ user: 'tenant-b1-23', item: { msgtype: 'text', text: '铺里漏水了' } });

      const { access_token: token } = (await (
        await fetch(`${emu.apiBase}/gettoken?corpid=${emu.corpId}&corpsecret=${emu.corpSecret}`)
      ).json()) as { access_token: string };
      const card = {
        card_type: 'button_interaction',
        main_title: { title: '确认报修' },
        task_id: 'task_feed_1',
        button_list: [{ type: 0, text: '确认', key: 'dialog:confirm:1', style: 1 }],
      };
      const sentCard = await post(`${emu.apiBase}/message/send?access_token=${token}`, {
        touser: 'tenant-b1-23',
        msgtype: 'template_card',
        agentid: emu.agentId,
        template_card: card,
      });
      const message = data(await all.next((e) => e.event === 'message'));
      expect(message).toMatchObject({
        user: 'tenant-b1-23',
        item: { msgtype: 'template_card', cardId: 'task_feed_1' },
      });
      const created = data(await all.next((e) => e.event === 'card'));
      expect(created).toMatchObject({
        user: 'tenant-b1-23',
        cardId: 'task_feed_1',
        card: { keys: ['dialog:confirm:1'] },
      });
      expect(Number((await all.next((e) => e.event === 'card')).id)).toBeGreaterThan(
        Number((await all.next((e) => e.event === 'message')).id),
      );

      await post(`${emu.apiBase}/message/update_template_card?access_token=${token}`, {
        agentid: emu.agentId,
        response_code: sentCard.response_code,
        atall: 1,
        button: { replace_name: '已提交' },
      });
      const decided = data(await all.next((e) => e.event === 'card' && e.data.includes('已提交')));
      expect(decided).toMatchObject({ cardId: 'task_feed_1', card: { replacedName: '已提交' } });

      const inbox = (await (await fetch(`${emu.url}/_emu/inbox/tenant-b1-23`)).json()) as {
        sent: { seq: number }[];
        messages: { seq: number }[];
      };
      expect(inbox.sent[0]?.seq).toBeLessThan(inbox.messages[0]?.seq ?? 0);
      expect(onlyMa.events).toEqual([]);
    } finally {
      all.close();
      onlyMa.close();
      await emu.stop();
    }
  });

  it('DingTalk: a created card and its update reach the watcher of that user', async () => {
    const emu = await new DingTalkEmulator({ users: ['staff-ma'], pingMs: 60_000 }).start();
    emu.callbackUrl = hook.url;
    const feed = await openSse(`${emu.url}/_emu/events?user=staff-ma`);
    try {
      const { accessToken } = (await post(`${emu.url}/v1.0/oauth2/accessToken`, {
        appKey: emu.appKey,
        appSecret: emu.appSecret,
      })) as { accessToken: string };
      const auth = { 'x-acs-dingtalk-access-token': accessToken };
      await post(
        `${emu.url}/v1.0/card/instances/createAndDeliver`,
        {
          cardTemplateId: 'mallbot-action-card.schema',
          outTrackId: 'wo_feed_1',
          openSpaceId: 'dtv1.card//IM_ROBOT.staff-ma',
          cardData: {
            cardParamMap: {
              title: '新工单',
              buttons: '[{"key":"repair:accept:1","label":"接单"}]',
              closed: 'false',
            },
          },
        },
        auth,
      );
      const created = data(await feed.next((e) => e.event === 'card'));
      expect(created).toMatchObject({
        user: 'staff-ma',
        cardId: 'wo_feed_1',
        card: { data: { title: '新工单' } },
      });
      await post(
        `${emu.url}/v1.0/card/instances`,
        {
          outTrackId: 'wo_feed_1',
          cardData: { cardParamMap: { buttons: '[]', closed: 'true', status: '已接单' } },
          cardUpdateOptions: { updateCardDataByKey: true },
        },
        auth,
      );
      const closed = data(await feed.next((e) => e.event === 'card' && e.data.includes('已接单')));
      expect(closed).toMatchObject({ card: { data: { title: '新工单', closed: 'true', status: '已接单' } } });
    } finally {
      feed.close();
      await emu.stop();
    }
  });
});
