import { randomBytes } from 'node:crypto';
import { Inboxes } from '../shared/inbox.js';
import { SlidingWindow } from '../shared/sliding-window.js';

export interface ApiReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export interface CardInstance {
  readonly outTrackId: string;
  readonly userId: string;
  readonly callbackType: 'STREAM' | 'HTTP';
  data: Record<string, string>;
}

interface Session {
  readonly userId: string;
  readonly conversationId: string;
  readonly expiresAt: number;
}

const ok = (body: Record<string, unknown>): ApiReply => ({ status: 200, body });
const fail = (status: number, code: string, message: string): ApiReply => ({
  status,
  body: { code, message, requestid: randomBytes(8).toString('hex') },
});

/** Buttons a card shows (the template reads them from the `buttons` JSON string). */
export const cardKeys = (data: Record<string, string>): string[] => {
  try {
    const b = JSON.parse(data.buttons ?? '[]') as { key?: unknown }[];
    return b.flatMap((x) => (typeof x.key === 'string' ? [x.key] : []));
  } catch {
    return [];
  }
};

/**
 * The emulated DingTalk server's knowledge and rules: tokens, users, session webhooks, cards and
 * what each user sees; the HTTP and Stream layers are separate files.
 */
export class DingTalkEmulatorState {
  readonly users = new Set<string>();
  readonly groups = new Map<string, Set<string>>();
  readonly inboxes = new Inboxes();
  readonly cards = new Map<string, CardInstance>();
  readonly calls = {
    token: 0,
    batchSend: 0,
    groupSend: 0,
    session: 0,
    createCard: 0,
    updateCard: 0,
    gatewayOpen: 0,
  };
  /** Messages held back by flow control (the bot must send them again). */
  readonly flowControlled: { user: string; at: number }[] = [];
  private token: { value: string; expiresAt: number } | undefined;
  private readonly sessions = new Map<string, Session>();
  private readonly window: SlidingWindow;

  constructor(
    readonly appKey: string,
    readonly appSecret: string,
    readonly robotCode: string,
    readonly userLimitPerMinute: number,
    readonly now: () => number = Date.now,
  ) {
    this.window = new SlidingWindow(userLimitPerMinute, 60_000);
  }

  /** Within its lifetime the same token comes back (and is extended), as DingTalk documents. */
  accessToken(body: Record<string, unknown>): ApiReply {
    this.calls.token++;
    if (body.appKey !== this.appKey || body.appSecret !== this.appSecret)
      return fail(400, 'invalidClientIdOrSecret', '无效的clientId或者clientSecret');
    const now = this.now();
    if (!this.token || this.token.expiresAt <= now)
      this.token = { value: randomBytes(16).toString('hex'), expiresAt: now + 7200_000 };
    else this.token.expiresAt = now + 7200_000;
    return ok({ accessToken: this.token.value, expireIn: 7200 });
  }

  invalidateToken(): void {
    this.token = undefined;
  }

  checkToken(header: string | undefined): ApiReply | undefined {
    if (!header || !this.token || header !== this.token.value || this.token.expiresAt <= this.now()) {
      return fail(401, 'InvalidAuthentication', '不合法的access_token');
    }
    return undefined;
  }

  /** A session webhook for replies to one message (valid `ttlMs`, 90 minutes on DingTalk). */
  openSession(userId: string, conversationId: string, ttlMs: number): { token: string; expiresAt: number } {
    const token = randomBytes(12).toString('hex');
    const expiresAt = this.now() + ttlMs;
    this.sessions.set(token, { userId, conversationId, expiresAt });
    return { token, expiresAt };
  }

  /** Lets every session webhook lapse now (the next use answers 300001). */
  expireSessions(): void {
    for (const [k, s] of this.sessions) this.sessions.set(k, { ...s, expiresAt: this.now() });
  }

  bySession(token: string, body: Record<string, unknown>): ApiReply {
    this.calls.session++;
    const s = this.sessions.get(token);
    if (!s || s.expiresAt <= this.now()) return ok({ errcode: 300001, errmsg: 'session 不存在' });
    const msgtype = String(body.msgtype ?? '');
    const inner = (body[msgtype] ?? {}) as Record<string, unknown>;
    const text =
      msgtype === 'text'
        ? String(inner.content ?? '')
        : msgtype === 'markdown'
          ? String(inner.text ?? '')
          : String(inner.text ?? '');
    const targets = this.groups.get(s.conversationId) ?? new Set([s.userId]);
    for (const u of targets) this.inboxes.push(u, { at: this.now(), msgtype, text, payload: body });
    return ok({ errcode: 0, errmsg: 'ok' });
  }

  private parseParam(
    body: Record<string, unknown>,
  ): { msgKey: string; param: Record<string, unknown> } | ApiReply {
    if (body.robotCode !== this.robotCode) return fail(400, 'InvalidParameter.robotCode', 'robotCode 不存在');
    if (typeof body.msgParam !== 'string')
      return fail(400, 'InvalidParameter.msgParam', 'msgParam 必须是 JSON 字符串');
    try {
      return {
        msgKey: String(body.msgKey ?? ''),
        param: JSON.parse(body.msgParam) as Record<string, unknown>,
      };
    } catch {
      return fail(400, 'InvalidParameter.msgParam', 'msgParam 不是合法 JSON');
    }
  }

  private push(user: string, msgKey: string, param: Record<string, unknown>, group?: string): void {
    const text = String(param.content ?? param.text ?? '');
    this.inboxes.push(user, {
      at: this.now(),
      msgtype: msgKey,
      text,
      payload: { msgKey, param, ...(group ? { group } : {}) },
    });
  }

  batchSend(body: Record<string, unknown>): ApiReply {
    this.calls.batchSend++;
    const p = this.parseParam(body);
    if ('status' in p) return p;
    const userIds = Array.isArray(body.userIds) ? body.userIds.map(String) : [];
    if (userIds.length === 0 || userIds.length > 20)
      return fail(400, 'InvalidParameter.userIds', 'userIds 数量需在1到20之间');
    const invalid = userIds.filter((u) => !this.users.has(u));
    const flow: string[] = [];
    for (const u of userIds.filter((x) => this.users.has(x))) {
      if (!this.window.hit(u, this.now())) {
        flow.push(u);
        this.flowControlled.push({ user: u, at: this.now() });
        continue;
      }
      this.push(u, p.msgKey, p.param);
    }
    return ok({
      processQueryKey: randomBytes(8).toString('hex'),
      invalidStaffIdList: invalid,
      flowControlledStaffIdList: flow,
    });
  }

  groupSend(body: Record<string, unknown>): ApiReply {
    this.calls.groupSend++;
    const p = this.parseParam(body);
    if ('status' in p) return p;
    const members = this.groups.get(String(body.openConversationId ?? ''));
    if (!members) return fail(400, 'InvalidParameter.openConversationId', '群不存在');
    for (const u of members) this.push(u, p.msgKey, p.param, String(body.openConversationId));
    return ok({ processQueryKey: randomBytes(8).toString('hex') });
  }

  createCard(body: Record<string, unknown>): ApiReply {
    this.calls.createCard++;
    const outTrackId = String(body.outTrackId ?? '');
    if (!body.cardTemplateId || !outTrackId)
      return fail(400, 'InvalidParameter', 'cardTemplateId 和 outTrackId 必填');
    if (this.cards.has(outTrackId))
      return fail(400, 'param.duplicateOutTrackId', 'outTrackId duplicate: already exists');
    const map = ((body.cardData as Record<string, unknown> | undefined)?.cardParamMap ?? {}) as Record<
      string,
      unknown
    >;
    if (Object.values(map).some((v) => typeof v !== 'string'))
      return fail(400, 'InvalidParameter.cardParamMap', 'cardParamMap 的值必须是字符串');
    const space = /^dtv1\.card\/\/IM_ROBOT\.(.+)$/i.exec(String(body.openSpaceId ?? ''));
    const userId = space?.[1] ?? '';
    if (!this.users.has(userId)) return fail(400, 'InvalidParameter.openSpaceId', 'openSpaceId 无效');
    const callbackType = body.callbackType === 'HTTP' ? 'HTTP' : 'STREAM';
    const card: CardInstance = {
      outTrackId,
      userId,
      callbackType,
      data: { ...(map as Record<string, string>) },
    };
    this.cards.set(outTrackId, card);
    this.inboxes.push(userId, {
      at: this.now(),
      msgtype: 'interactiveCard',
      cardId: outTrackId,
      payload: structuredClone(card.data),
    });
    return ok({
      success: true,
      result: { outTrackId, deliverResults: [{ spaceType: 'IM_ROBOT', spaceId: userId, success: true }] },
    });
  }

  updateCard(body: Record<string, unknown>): ApiReply {
    this.calls.updateCard++;
    const card = this.cards.get(String(body.outTrackId ?? ''));
    if (!card) return fail(404, 'resource.notFound', '卡片不存在');
    const map = ((body.cardData as Record<string, unknown> | undefined)?.cardParamMap ?? {}) as Record<
      string,
      unknown
    >;
    if (Object.values(map).some((v) => typeof v !== 'string'))
      return fail(400, 'InvalidParameter.cardParamMap', 'cardParamMap 的值必须是字符串');
    const byKey =
      (body.cardUpdateOptions as { updateCardDataByKey?: boolean } | undefined)?.updateCardDataByKey === true;
    card.data = byKey
      ? { ...card.data, ...(map as Record<string, string>) }
      : { ...(map as Record<string, string>) };
    this.inboxes.touch();
    return ok({ success: true });
  }

  /** Every card, keyed by its one recipient (for the live feed). */
  *allCards(): Iterable<{ user: string; cardId: string; view: CardInstance }> {
    for (const card of this.cards.values()) yield { user: card.userId, cardId: card.outTrackId, view: card };
  }

  /** A user presses a button: the card must be theirs, open, and show that button. */
  press(user: string, outTrackId: string, key: string): CardInstance | string {
    const card = this.cards.get(outTrackId);
    if (!card || card.userId !== user) return `user ${user} has no card ${outTrackId}`;
    if (card.data.closed === 'true') return `card ${outTrackId} is closed (${card.data.status ?? ''})`;
    if (!cardKeys(card.data).includes(key)) return `card ${outTrackId} has no button ${key}`;
    return card;
  }
}
