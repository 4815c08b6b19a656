import { randomBytes } from 'node:crypto';
import { sendJson } from '../shared/body.js';
import { type ControlTarget, handleControl } from '../shared/control.js';
import { handleMediaControl, type MediaControlTarget, MediaRefused } from '../shared/control-media.js';
import { LazyFeed } from '../shared/event-feed.js';
import type { InboxItem } from '../shared/inbox.js';
import { type Listening, listenLoopback } from '../shared/listen.js';
import type { MediaInput } from '../shared/media-store.js';
import { handleWeComApi } from './wecom-emulator.api.js';
import {
  buildXml,
  type CallbackTarget,
  type DeliveryResult,
  deliverWithRetries,
  type SignedCallback,
  signCallback,
} from './wecom-emulator.callbacks.js';
import { handleWeComMediaGet, WECOM_MEDIA_CHUNK_LIMIT } from './wecom-emulator.media.js';
import { WeComRobots } from './wecom-emulator.robot.js';
import { type CardView, WeComEmulatorState } from './wecom-emulator.state.js';

export interface WeComEmulatorOptions {
  readonly corpId?: string;
  readonly corpSecret?: string;
  readonly agentId?: number;
  /** Bot callback settings (URL, Token, EncodingAESKey), as entered in the admin console. */
  readonly token?: string;
  readonly encodingAesKey?: string;
  readonly callbackUrl?: string;
  readonly tokenLifetimeS?: number;
  readonly memberLimitPerMinute?: number;
  readonly memberWindowMs?: number;
  readonly responseCodeLifetimeMs?: number;
  readonly port?: number;
  readonly users?: readonly string[];
  /** media/get answers 830002 for a file (or Range chunk) larger than this (20 MB on WeCom). */
  readonly mediaChunkLimitBytes?: number;
}

const randomAesKey = () =>
  randomBytes(32).toString('base64').replace(/=+$/, '').replace(/[+/]/g, 'A').slice(0, 43);

/**
 * A local WeCom: the `/cgi-bin` APIs with their documented rules, plus a user simulator that sends
 * signed, encrypted callbacks to the bot and keeps what each user sees.
 */
export class WeComEmulator {
  readonly state: WeComEmulatorState;
  /** Group robots (send-only webhooks) and what they posted. */
  readonly robots = new WeComRobots();
  readonly corpId: string;
  readonly corpSecret: string;
  readonly agentId: number;
  readonly token: string;
  readonly encodingAesKey: string;
  callbackUrl: string;
  private listening: Listening | undefined;
  private msgSeq = BigInt(Date.now()) * 1000n;
  private readonly mediaChunkLimit: number;
  /** The live feed of chats (`/_emu/events`). */
  private readonly feed = new LazyFeed(() => ({
    inboxes: this.state.inboxes,
    cards: () => this.state.allCards(),
  }));

  constructor(opts: WeComEmulatorOptions = {}) {
    this.corpId = opts.corpId ?? `ww${randomBytes(8).toString('hex')}`;
    this.corpSecret = opts.corpSecret ?? randomBytes(20).toString('base64url');
    this.agentId = opts.agentId ?? 1000002;
    this.token = opts.token ?? randomBytes(8).toString('hex');
    this.encodingAesKey = opts.encodingAesKey ?? randomAesKey();
    this.callbackUrl = opts.callbackUrl ?? '';
    this.state = new WeComEmulatorState(this.corpId, this.corpSecret, this.agentId, {
      tokenLifetimeS: opts.tokenLifetimeS ?? 7200,
      memberLimitPerMinute: opts.memberLimitPerMinute ?? 30,
      memberWindowMs: opts.memberWindowMs ?? 60_000,
      responseCodeLifetimeMs: opts.responseCodeLifetimeMs ?? 72 * 3600_000,
    });
    for (const u of opts.users ?? []) this.state.users.add(u);
    this.mediaChunkLimit = opts.mediaChunkLimitBytes ?? WECOM_MEDIA_CHUNK_LIMIT;
  }

  /** Starts the HTTP server on loopback; `apiBase` is what WECOM_API_BASE should be. */
  async start(): Promise<this> {
    this.listening = await listenLoopback((req, res) => {
      void this.route(req, res).catch((e: unknown) => sendJson(res, 500, { error: String(e) }));
    }, 0);
    return this;
  }

  get url(): string {
    if (!this.listening) throw new Error('emulator not started');
    return this.listening.url;
  }

  get apiBase(): string {
    return `${this.url}/cgi-bin`;
  }

  /** A group robot's webhook URL on this emulator (the key becomes valid). */
  robotUrl(key: string): string {
    return this.robots.url(this.url, key);
  }

  /** Environment for a bot that talks to this emulator. */
  botEnv(): Record<string, string> {
    return {
      WECOM_CORP_ID: this.corpId,
      WECOM_AGENT_ID: String(this.agentId),
      WECOM_SECRET: this.corpSecret,
      WECOM_TOKEN: this.token,
      WECOM_ENCODING_AES_KEY: this.encodingAesKey,
      WECOM_API_BASE: this.apiBase,
    };
  }

  async stop(): Promise<void> {
    this.feed.close();
    await this.listening?.close();
    this.listening = undefined;
  }

  addUser(userId: string): void {
    this.state.users.add(userId);
  }

  private get target(): CallbackTarget {
    if (!this.callbackUrl) throw new Error('emulator: callbackUrl is not set');
    return {
      url: this.callbackUrl,
      token: this.token,
      encodingAesKey: this.encodingAesKey,
      corpId: this.corpId,
    };
  }

  nextMsgId(): string {
    this.msgSeq += 1n;
    return this.msgSeq.toString();
  }

  /** The signed callback of a text message from `user` (not sent yet). */
  textCallback(
    user: string,
    content: string,
    opts: { msgId?: string; timestamp?: number; nonce?: string } = {},
  ): SignedCallback {
    const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
    const xml = buildXml({
      ToUserName: this.corpId,
      FromUserName: user,
      CreateTime: ts,
      MsgType: 'text',
      Content: content,
      MsgId: opts.msgId ?? this.nextMsgId(),
      AgentID: this.agentId,
    });
    return signCallback(this.target, xml, {
      timestamp: ts,
      ...(opts.nonce ? { nonce: opts.nonce } : {}),
      agentId: this.agentId,
    });
  }

  /** Any event or message XML, signed (for tests of each message and event type). */
  signed(plainXml: string, opts: { timestamp?: number; nonce?: string } = {}): SignedCallback {
    return signCallback(this.target, plainXml, { ...opts, agentId: this.agentId });
  }

  /** A user sends a text message to the app; delivered with WeCom's retry rules. */
  sendText(user: string, content: string): Promise<DeliveryResult> {
    const cb = this.textCallback(user, content);
    this.state.inboxes.recordSent(user, { at: Date.now(), msgtype: 'text', text: content });
    return deliverWithRetries(this.target.url, cb);
  }

  /** Delivers a prepared callback with WeCom's retry rules. */
  deliver(cb: SignedCallback, opts: { timeoutMs?: number; retries?: number } = {}): Promise<DeliveryResult> {
    return deliverWithRetries(this.target.url, cb, opts);
  }

  /** The signed template_card_event of `user` pressing `key` on card `taskId`. */
  clickCallback(user: string, taskId: string, key: string): SignedCallback {
    const pressed = this.state.press(user, taskId, key);
    if (typeof pressed === 'string') throw new Error(`emulator: ${pressed}`);
    const ts = Math.floor(Date.now() / 1000);
    const xml = buildXml({
      ToUserName: this.corpId,
      FromUserName: user,
      CreateTime: ts,
      MsgType: 'event',
      Event: 'template_card_event',
      EventKey: key,
      TaskId: taskId,
      CardType: pressed.cardType,
      ResponseCode: pressed.responseCode,
      AgentID: this.agentId,
    });
    return signCallback(this.target, xml, { timestamp: ts, agentId: this.agentId });
  }

  /**
   * A user sends a photo: stored under a fresh media_id (3 days), announced as an encrypted `image`
   * callback with PicUrl and MediaId (doc 90375/96467), fetched by the bot with media/get. WeCom
   * self-built apps receive text, image, voice, video, location and link messages only, so any
   * other file is refused here as the WeCom client would not send it.
   */
  async sendMedia(user: string, media: MediaInput): Promise<DeliveryResult & { mediaId: string }> {
    if (!media.mime.startsWith('image/')) {
      throw new MediaRefused(
        `WeCom self-built apps do not receive ${media.mime} files (messages are text, image, voice, video, location or link)`,
      );
    }
    const stored = this.state.files.put(media);
    this.state.inboxes.recordSent(user, {
      at: Date.now(),
      msgtype: 'image',
      media: { id: stored.id, mime: media.mime, filename: media.filename, size: media.bytes.length },
    });
    const ts = Math.floor(Date.now() / 1000);
    const xml = buildXml({
      ToUserName: this.corpId,
      FromUserName: user,
      CreateTime: ts,
      MsgType: 'image',
      PicUrl: `${this.url}/_emu/media/${stored.id}`,
      MediaId: stored.id,
      MsgId: this.nextMsgId(),
      AgentID: this.agentId,
    });
    const delivery = await this.deliver(
      signCallback(this.target, xml, { timestamp: ts, agentId: this.agentId }),
    );
    return { ...delivery, mediaId: stored.id };
  }

  /** A user presses a button on a card they received. */
  click(user: string, taskId: string, key: string): Promise<DeliveryResult> {
    return deliverWithRetries(this.target.url, this.clickCallback(user, taskId, key));
  }

  inbox(user: string): readonly InboxItem[] {
    return this.state.inboxes.list(user);
  }

  /** Texts and markdown the user has received, oldest first. */
  texts(user: string): string[] {
    return this.inbox(user).flatMap((i) => (i.text !== undefined ? [i.text] : []));
  }

  cards(user: string): CardView[] {
    return this.state.cardsOf(user);
  }

  /** Waits until the user has a message matching `match` (after index `afterSeq`). */
  waitForMessage(
    user: string,
    match: (i: InboxItem) => boolean,
    timeoutMs = 15_000,
    afterSeq = 0,
  ): Promise<InboxItem> {
    return this.state.inboxes.waitFor(
      () => this.inbox(user).find((i) => i.seq > afterSeq && match(i)),
      timeoutMs,
      `a message for ${user}`,
    );
  }

  /** Waits until `probe` returns a value (re-checked whenever anything changes). */
  waitFor<T>(probe: () => T | undefined, timeoutMs = 15_000, what = 'condition'): Promise<T> {
    return this.state.inboxes.waitFor(probe, timeoutMs, what);
  }

  /** Highest message sequence number so far (to wait for "the next" message). */
  lastSeq(user: string): number {
    return this.inbox(user).at(-1)?.seq ?? 0;
  }

  private readonly control: ControlTarget = {
    send: (userId, text) => this.sendText(userId, text),
    click: (userId, cardId, key) => this.click(userId, cardId, key),
    inbox: (userId) => ({
      messages: this.inbox(userId),
      cards: this.cards(userId),
      sent: this.state.inboxes.sent(userId),
    }),
    addUser: (userId) => this.addUser(userId),
  };

  private readonly mediaControl: MediaControlTarget = {
    sendMedia: (userId, media) => this.sendMedia(userId, media),
    media: (id) => this.state.files.get(id),
  };

  private async route(
    req: import('node:http').IncomingMessage,
    res: import('node:http').ServerResponse,
  ): Promise<void> {
    if (new URL(req.url ?? '/', 'http://emulator').pathname === '/cgi-bin/webhook/send') {
      return this.robots.handle(req, res);
    }
    if (handleWeComMediaGet(this.state, this.mediaChunkLimit, req, res)) return;
    if (this.feed.handle(req, res)) return;
    if (await handleWeComApi(this.state, req, res)) return;
    if (await handleMediaControl(this.mediaControl, req, res)) return;
    if (await handleControl(this.control, req, res)) return;
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (url.pathname === '/_emu/stats') {
      return sendJson(res, 200, { calls: this.state.calls, dropped: this.state.dropped.length });
    }
    return sendJson(res, 404, { error: 'not found' });
  }
}
