import type { DingTalkEmulator } from '../../emulators/dingtalk/dingtalk-emulator.js';
import type { WeComEmulator } from '../../emulators/wecom/wecom-emulator.js';
import type { Platform } from '../../src/platforms/inbound-event.js';

export interface SeenCard {
  readonly cardId: string;
  readonly title: string;
  readonly keys: readonly string[];
  /** Set once the card's buttons were replaced (decided, submitted, cancelled). */
  readonly closedLabel: string | undefined;
}

/**
 * A person chatting with the bot on one platform, as the conversation scenarios see it. Each
 * platform's emulator implements it, so one scenario suite runs on WeCom and on DingTalk.
 */
export interface ChatDriver {
  readonly platform: Platform;
  addUser(user: string): void;
  /** The user sends a text message; resolves once the platform got its acknowledgement. */
  say(user: string, text: string): Promise<void>;
  click(user: string, cardId: string, key: string): Promise<void>;
  /**
   * A correctly signed click from `user` on a card they never received (a forwarded or replayed
   * key): the platform delivers it; the bot must refuse it.
   */
  forgeClick(user: string, cardId: string, key: string): Promise<void>;
  /** A marker to wait for messages that arrive after it. */
  mark(user: string): number;
  /** The next text after `after` that matches. */
  waitForText(
    user: string,
    match: (t: string) => boolean,
    after: number,
    timeoutMs?: number,
  ): Promise<string>;
  waitForCard(user: string, match: (c: SeenCard) => boolean, timeoutMs?: number): Promise<SeenCard>;
  texts(user: string, after: number): string[];
  /** The user sends a photo through the platform (an image message with the platform's media id). */
  sendPhoto(user: string, photo: { filename: string; mime: string; bytes: Buffer }): Promise<void>;
  /** The bytes of the next photo the bot sends `user` after `after`, fetched the way the client would. */
  waitForPhoto(user: string, after: number, timeoutMs?: number): Promise<Buffer>;
}

export const wecomDriver = (emu: WeComEmulator): ChatDriver => {
  const cards = (user: string): SeenCard[] =>
    emu.cards(user).map((v) => ({
      cardId: v.taskId,
      title: String((v.card.main_title as { title?: string } | undefined)?.title ?? ''),
      keys: v.keys,
      closedLabel: v.replacedName,
    }));
  return {
    platform: 'wecom',
    addUser: (u) => emu.addUser(u),
    async say(user, text) {
      const r = await emu.sendText(user, text);
      if (r.status !== 200) throw new Error(`WeCom callback answered ${r.status}`);
    },
    async click(user, cardId, key) {
      const r = await emu.click(user, cardId, key);
      if (r.status !== 200) throw new Error(`WeCom click answered ${r.status}`);
    },
    async forgeClick(user, cardId, key) {
      const ts = Math.floor(Date.now() / 1000);
      const xml = `<xml><ToUserName><![CDATA[${emu.corpId}]]></ToUserName><FromUserName><![CDATA[${user}]]></FromUserName><CreateTime>${ts}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[${key}]]></EventKey><TaskId><![CDATA[${cardId}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[forged]]></ResponseCode><AgentID>${emu.agentId}</AgentID></xml>`;
      const r = await emu.deliver(emu.signed(xml));
      if (r.status !== 200) throw new Error(`WeCom forged click answered ${r.status}`);
    },
    mark: (user) => emu.lastSeq(user),
    async waitForText(user, match, after, timeoutMs = 15_000) {
      const m = await emu.waitForMessage(
        user,
        (i) => i.text !== undefined && match(i.text),
        timeoutMs,
        after,
      );
      return m.text ?? '';
    },
    waitForCard: (user, match, timeoutMs = 15_000) =>
      emu.waitFor(() => cards(user).find(match), timeoutMs, `a card for ${user}`),
    texts: (user, after) =>
      emu.inbox(user).flatMap((i) => (i.seq > after && i.text !== undefined ? [i.text] : [])),
    async sendPhoto(user, photo) {
      const r = await emu.sendMedia(user, photo);
      if (r.status !== 200) throw new Error(`WeCom image callback answered ${r.status}`);
    },
    async waitForPhoto(user, after, timeoutMs = 15_000) {
      const m = await emu.waitForMessage(user, (i) => i.msgtype === 'image', timeoutMs, after);
      const mediaId = (m.payload as { media_id?: string }).media_id ?? '';
      const stored = emu.state.files.get(mediaId);
      if (!stored) throw new Error(`WeCom: the bot sent media ${mediaId} it never uploaded`);
      return stored.bytes;
    },
  };
};

export const dingtalkDriver = (emu: DingTalkEmulator, via: 'http' | 'stream'): ChatDriver => {
  const cards = (user: string): SeenCard[] =>
    emu.cardsOf(user).map((c) => ({
      cardId: c.outTrackId,
      title: c.data.title ?? '',
      keys: emu.keysOf(c),
      closedLabel: c.data.closed === 'true' ? c.data.status : undefined,
    }));
  return {
    platform: 'dingtalk',
    addUser: (u) => emu.addUser(u),
    async say(user, text) {
      const r = await emu.sendText(user, text, { via });
      if (r.status !== 200) throw new Error(`DingTalk callback answered ${r.status}`);
    },
    async click(user, cardId, key) {
      const r = await emu.click(user, cardId, key);
      if (r.status !== 200) throw new Error(`DingTalk card callback answered ${r.status}`);
    },
    async forgeClick(user, cardId, key) {
      const payload = {
        type: 'actionCallback',
        outTrackId: cardId,
        userId: user,
        content: JSON.stringify({ cardPrivateData: { actionIds: [key], params: { action_key: key } } }),
      };
      if (via === 'stream') await emu.gateway.push('/v1.0/card/instances/callback', payload);
      else {
        const r = await emu.postSigned(emu.cardCallbackUrl, payload);
        if (r.status !== 200) throw new Error(`DingTalk forged click answered ${r.status}`);
      }
    },
    mark: (user) => emu.lastSeq(user),
    async waitForText(user, match, after, timeoutMs = 15_000) {
      const m = await emu.waitForMessage(
        user,
        (i) => i.text !== undefined && i.msgtype !== 'interactiveCard' && match(i.text),
        timeoutMs,
        after,
      );
      return m.text ?? '';
    },
    waitForCard: (user, match, timeoutMs = 15_000) =>
      emu.waitFor(() => cards(user).find(match), timeoutMs, `a card for ${user}`),
    texts: (user, after) =>
      emu
        .inbox(user)
        .flatMap((i) =>
          i.seq > after && i.text !== undefined && i.msgtype !== 'interactiveCard' ? [i.text] : [],
        ),
    async sendPhoto(user, photo) {
      const r = await emu.sendMedia(user, photo, { via });
      if (r.status !== 200) throw new Error(`DingTalk image callback answered ${r.status}`);
    },
    async waitForPhoto(user, after, timeoutMs = 15_000) {
      const m = await emu.waitForMessage(user, (i) => i.msgtype === 'sampleImageMsg', timeoutMs, after);
      // A DingTalk client loads the picture from its URL: the bot's signed media link.
      const url = (m.payload as { param?: { photoURL?: string } }).param?.photoURL ?? '';
      const r = await fetch(url);
      if (r.status !== 200) throw new Error(`DingTalk: photo link ${url} answered ${r.status}`);
      return Buffer.from(await r.arrayBuffer());
    },
  };
};
