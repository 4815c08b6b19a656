import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../shared/body.js';
import { type ControlTarget, handleControl } from '../shared/control.js';
import { handleMediaControl, type MediaControlTarget } from '../shared/control-media.js';
import { LazyFeed } from '../shared/event-feed.js';
import type { InboxItem } from '../shared/inbox.js';
import { type Listening, listenLoopback } from '../shared/listen.js';
import type { MediaInput } from '../shared/media-store.js';
import { dingtalkRobotSign } from '../shared/platform-crypto.js';
import { handleDingTalkApi } from './dingtalk-emulator.api.js';
import { type EventPushResult, pushEvent } from './dingtalk-emulator.events.js';
import { StreamGateway } from './dingtalk-emulator.gateway.js';
import { DingTalkMedia, type DingTalkMediaOptions, handleDingTalkMedia } from './dingtalk-emulator.media.js';
import { type CardInstance, cardKeys, DingTalkEmulatorState } from './dingtalk-emulator.state.js';

/** Stream topics as DingTalk names them (PROTOCOLS.md §2.2). */
const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';
const TOPIC_CARD = '/v1.0/card/instances/callback';

export interface DingTalkEmulatorOptions {
  readonly appKey?: string;
  readonly appSecret?: string;
  readonly robotCode?: string;
  /** The organisation's corp id, carried in robot messages and card callbacks. */
  readonly corpId?: string;
  /** Event subscription crypto (token and 43-character AES key); pushes need both. */
  readonly events?: { readonly token: string; readonly aesKey: string };
  readonly users?: readonly string[];
  /** Bot endpoints for HTTP delivery: robot messages and card callbacks. */
  readonly callbackUrl?: string;
  readonly cardCallbackUrl?: string;
  readonly userLimitPerMinute?: number;
  /** Session webhook lifetime (90 minutes on DingTalk). */
  readonly sessionTtlMs?: number;
  readonly pingMs?: number;
  readonly redeliverMs?: number;
  /** Lifetimes of message download codes and of the download links they buy. */
  readonly media?: Partial<DingTalkMediaOptions>;
}

export interface SendOptions {
  readonly via?: 'http' | 'stream';
  /** A group conversation (the robot only gets @-mentions there). */
  readonly group?: { readonly id: string; readonly title: string };
  readonly sessionTtlMs?: number;
  readonly msgId?: string;
  /** Signature timestamp override (replay tests). */
  readonly timestamp?: number;
}

export interface Delivery {
  readonly status: number;
  readonly body: string;
}

/**
 * A local DingTalk: token, robot send APIs, session webhooks, interactive cards, and a Stream
 * gateway; plus a user simulator that sends signed robot callbacks (HTTP) or Stream frames and
 * presses card buttons, and keeps what each user sees.
 */
export class DingTalkEmulator {
  readonly state: DingTalkEmulatorState;
  readonly gateway: StreamGateway;
  /** Files users sent the robot, with their download codes and links. */
  readonly media: DingTalkMedia;
  readonly appKey: string;
  readonly appSecret: string;
  readonly robotCode: string;
  readonly corpId: string;
  readonly events: { readonly token: string; readonly aesKey: string } | undefined;
  callbackUrl: string;
  /** The bot's event-subscription URL (`/webhooks/dingtalk/events`). */
  eventCallbackUrl = '';
  cardCallbackUrl: string;
  private listening: Listening | undefined;
  private readonly sessionTtlMs: number;
  /** The live feed of chats (`/_emu/events`). */
  private readonly feed = new LazyFeed(() => ({
    inboxes: this.state.inboxes,
    cards: () => this.state.allCards(),
  }));

  constructor(o: DingTalkEmulatorOptions = {}) {
    this.appKey = o.appKey ?? `ding${randomBytes(8).toString('hex')}`;
    this.appSecret = o.appSecret ?? randomBytes(24).toString('base64url');
    this.robotCode = o.robotCode ?? this.appKey;
    this.corpId = o.corpId ?? `ding${randomBytes(6).toString('hex')}`;
    this.events = o.events;
    this.callbackUrl = o.callbackUrl ?? '';
    this.cardCallbackUrl = o.cardCallbackUrl ?? '';
    this.sessionTtlMs = o.sessionTtlMs ?? 90 * 60_000;
    this.state = new DingTalkEmulatorState(
      this.appKey,
      this.appSecret,
      this.robotCode,
      o.userLimitPerMinute ?? 40,
    );
    this.gateway = new StreamGateway({
      pingMs: o.pingMs ?? 8000,
      redeliverMs: o.redeliverMs ?? 60_000,
      ticketTtlMs: 90_000,
    });
    for (const u of o.users ?? []) this.state.users.add(u);
    this.media = new DingTalkMedia(this.state.now, {
      codeTtlMs: o.media?.codeTtlMs ?? 24 * 3600_000,
      urlTtlMs: o.media?.urlTtlMs ?? 3600_000,
    });
  }

  async start(): Promise<this> {
    this.listening = await listenLoopback((req, res) => {
      void this.route(req, res).catch((e: unknown) => sendJson(res, 500, { error: String(e) }));
    });
    this.listening.server.on('upgrade', (req, socket, head) => this.gateway.upgrade(req, socket, head));
    return this;
  }

  get url(): string {
    if (!this.listening) throw new Error('emulator not started');
    return this.listening.url;
  }

  /** Environment for a bot talking to this emulator (Stream mode on when `stream`). */
  botEnv(stream: boolean): Record<string, string> {
    return {
      DINGTALK_APP_KEY: this.appKey,
      DINGTALK_APP_SECRET: this.appSecret,
      DINGTALK_ROBOT_CODE: this.robotCode,
      DINGTALK_API_BASE: this.url,
      DINGTALK_STREAM: stream ? 'true' : 'false',
      DINGTALK_CORP_ID: this.corpId,
      DINGTALK_SESSION_WEBHOOK_BASE: `${this.url}/robot/sendBySession`,
      ...(this.events ? { DINGTALK_TOKEN: this.events.token, DINGTALK_AES_KEY: this.events.aesKey } : {}),
    };
  }

  async stop(): Promise<void> {
    this.feed.close();
    this.gateway.close();
    await this.listening?.close();
    this.listening = undefined;
  }

  addUser(userId: string): void {
    this.state.users.add(userId);
  }

  addGroup(id: string, members: readonly string[]): void {
    this.state.groups.set(id, new Set(members));
  }

  /** The robot message DingTalk would deliver for `text` from `user`. */
  robotMessage(user: string, text: string, o: SendOptions = {}): Record<string, unknown> {
    return {
      msgtype: 'text',
      text: { content: o.group ? `@前台助手 ${text}` : text },
      ...this.envelope(user, o),
    };
  }

  /**
   * The robot message for a photo (`picture`, content `{downloadCode, pictureDownloadCode}`) or a
   * file (`file`, content `{downloadCode, fileName, spaceId, fileId}`) a user sends in their
   * one-to-one chat with the robot (robots in groups receive no files).
   */
  mediaMessage(
    user: string,
    media: MediaInput,
    o: Omit<SendOptions, 'group'> = {},
  ): { message: Record<string, unknown>; downloadCode: string; mediaId: string } {
    const { msgtype, content, downloadCode, mediaId } = this.media.receiveMessage(media);
    return { message: { msgtype, content, ...this.envelope(user, o) }, downloadCode, mediaId };
  }

  /** The fields every robot message carries, with a fresh session webhook for the reply. */
  private envelope(user: string, o: SendOptions): Record<string, unknown> {
    const conversationId = o.group?.id ?? `cid${Buffer.from(user).toString('hex')}`;
    const session = this.state.openSession(user, conversationId, o.sessionTtlMs ?? this.sessionTtlMs);
    return {
      msgId: o.msgId ?? `msg${randomBytes(12).toString('hex')}`,
      createAt: Date.now(),
      conversationType: o.group ? '2' : '1',
      conversationId,
      ...(o.group ? { conversationTitle: o.group.title, isInAtList: true } : {}),
      senderId: `$:LWCP_v1:$${randomBytes(8).toString('hex')}`,
      senderNick: user,
      senderStaffId: user,
      senderCorpId: this.corpId,
      chatbotCorpId: this.corpId,
      chatbotUserId: `$:LWCP_v1:$bot`,
      robotCode: this.robotCode,
      sessionWebhook: `${this.url}/robot/sendBySession?session=${session.token}`,
      sessionWebhookExpiredTime: session.expiresAt,
    };
  }

  /** POSTs a JSON body to the bot with DingTalk's `timestamp` and `sign` headers. */
  async postSigned(
    url: string,
    body: unknown,
    o: { timestamp?: number; secret?: string; sign?: string } = {},
  ): Promise<Delivery> {
    const ts = String(o.timestamp ?? Date.now());
    return this.postWithHeaders(url, body, {
      timestamp: ts,
      sign: o.sign ?? dingtalkRobotSign(ts, o.secret ?? this.appSecret),
    });
  }

  /** POSTs a body with the given `timestamp` and `sign` headers exactly (replay tests). */
  async postWithHeaders(
    url: string,
    body: unknown,
    headers: { timestamp: string; sign: string },
  ): Promise<Delivery> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          timestamp: headers.timestamp,
          sign: headers.sign,
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(5000),
      });
      return { status: res.status, body: await res.text() };
    } catch {
      return { status: 0, body: '' };
    }
  }

  /** DingTalk pushes a subscribed event (JSON payload, or a raw string) to `eventCallbackUrl`. */
  pushEvent(
    payload: Readonly<Record<string, unknown>> | string,
    o: { timestamp?: number } = {},
  ): Promise<EventPushResult> {
    if (!this.events) throw new Error('emulator: no event subscription configured');
    return pushEvent(
      {
        url: this.eventCallbackUrl,
        token: this.events.token,
        aesKey: this.events.aesKey,
        appKey: this.appKey,
      },
      payload,
      o,
    );
  }

  /** A user sends a text to the robot, by HTTP callback or over the Stream connection. */
  async sendText(user: string, text: string, o: SendOptions = {}): Promise<Delivery> {
    const msg = this.robotMessage(user, text, o);
    this.state.inboxes.recordSent(user, { at: Date.now(), msgtype: 'text', text });
    return this.deliverMessage(msg, o);
  }

  /** A user sends a photo or file to the robot; the bot fetches it with the message's downloadCode. */
  async sendMedia(
    user: string,
    media: MediaInput,
    o: Omit<SendOptions, 'group'> = {},
  ): Promise<Delivery & { downloadCode: string; mediaId: string }> {
    const { message, downloadCode, mediaId } = this.mediaMessage(user, media, o);
    this.state.inboxes.recordSent(user, {
      at: Date.now(),
      msgtype: message.msgtype === 'picture' ? 'image' : 'file',
      media: { id: mediaId, mime: media.mime, filename: media.filename, size: media.bytes.length },
    });
    return { ...(await this.deliverMessage(message, o)), downloadCode, mediaId };
  }

  private async deliverMessage(msg: Record<string, unknown>, o: SendOptions): Promise<Delivery> {
    if ((o.via ?? 'http') === 'stream') {
      await this.gateway.push(TOPIC_ROBOT, msg);
      return { status: 200, body: '' };
    }
    return this.postSigned(
      this.callbackUrl,
      msg,
      o.timestamp !== undefined ? { timestamp: o.timestamp } : {},
    );
  }

  /** A user presses a card button; the callback goes the way the card was created (Stream or HTTP). */
  async click(user: string, outTrackId: string, key: string): Promise<Delivery> {
    const pressed = this.state.press(user, outTrackId, key);
    if (typeof pressed === 'string') throw new Error(`emulator: ${pressed}`);
    const payload = {
      type: 'actionCallback',
      outTrackId,
      userId: user,
      corpId: this.corpId,
      spaceType: 'IM_ROBOT',
      spaceId: user,
      content: JSON.stringify({ cardPrivateData: { actionIds: [key], params: { action_key: key } } }),
    };
    if (pressed.callbackType === 'STREAM') {
      await this.gateway.push(TOPIC_CARD, payload);
      return { status: 200, body: '' };
    }
    return this.postSigned(this.cardCallbackUrl, payload);
  }

  inbox(user: string): readonly InboxItem[] {
    return this.state.inboxes.list(user);
  }

  cardsOf(user: string): CardInstance[] {
    return [...this.state.cards.values()].filter((c) => c.userId === user);
  }

  keysOf(card: CardInstance): string[] {
    return cardKeys(card.data);
  }

  lastSeq(user: string): number {
    return this.inbox(user).at(-1)?.seq ?? 0;
  }

  waitFor<T>(probe: () => T | undefined, timeoutMs = 15_000, what = 'condition'): Promise<T> {
    return this.state.inboxes.waitFor(probe, timeoutMs, what);
  }

  waitForMessage(
    user: string,
    match: (i: InboxItem) => boolean,
    timeoutMs = 15_000,
    afterSeq = 0,
  ): Promise<InboxItem> {
    return this.waitFor(
      () => this.inbox(user).find((i) => i.seq > afterSeq && match(i)),
      timeoutMs,
      `a message for ${user}`,
    );
  }

  private readonly control: ControlTarget = {
    send: (userId, text, body) =>
      this.sendText(userId, text, { via: body.via === 'stream' ? 'stream' : 'http' }),
    click: (userId, cardId, key) => this.click(userId, cardId, key),
    inbox: (userId) => ({
      messages: this.inbox(userId),
      cards: this.cardsOf(userId),
      sent: this.state.inboxes.sent(userId),
    }),
    addUser: (userId) => this.addUser(userId),
  };

  private readonly mediaControl: MediaControlTarget = {
    sendMedia: (userId, media, body) =>
      this.sendMedia(userId, media, { via: body.via === 'stream' ? 'stream' : 'http' }),
    media: (id) => this.media.files.get(id),
  };

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (await handleDingTalkMedia(this.media, this.state, this.url, req, res)) return;
    if (this.feed.handle(req, res)) return;
    if (await handleDingTalkApi(this.state, this.gateway, this.url.replace(/^http/, 'ws'), req, res)) return;
    if (await handleMediaControl(this.mediaControl, req, res)) return;
    if (await handleControl(this.control, req, res)) return;
    return sendJson(res, 404, { error: 'not found' });
  }
}
