import type { Redis } from 'ioredis';
import type { DingTalkConfig } from '../../config/env.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, AppErrorCode } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import { type DownloadedMedia, filenameOf, requestBytes } from '../http-bytes.js';
import { type JsonResponse, redactUrl, requestJson } from '../http-json.js';
import { SharedTokenCache } from '../token-cache.js';
import { sessionWebhookAllowed } from './dingtalk.origin.js';

export interface DingTalkClientOptions {
  readonly config: DingTalkConfig;
  readonly redis: Redis;
  readonly keyPrefix: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly retryDelaysMs?: readonly number[];
}

/** A robot message body for `msgKey`/`msgParam` (the OpenAPI) or a session webhook. */
export interface RobotMessage {
  readonly msgKey: 'sampleText' | 'sampleMarkdown' | 'sampleActionCard' | 'sampleImageMsg';
  readonly msgParam: Record<string, string>;
}

export interface BatchSendResult {
  readonly processQueryKey: string;
  readonly invalidStaffIdList: readonly string[];
  /** Users DingTalk rate-limited: they did not get the message and must be sent to again. */
  readonly flowControlledStaffIdList: readonly string[];
}

/** Thrown when the session webhook has expired (errcode 300001 "session 不存在"). */
export class SessionExpiredError extends AppError {
  constructor(message = 'session webhook expired (300001)', reason = 'dingtalk_300001') {
    super(AppErrorCode.PLATFORM_REJECTED, message, { reason });
  }
}

/**
 * Thrown, before any request, for a session webhook that is not DingTalk's own endpoint. It is an
 * unusable session like an expired one, so senders fall back to the send API the same way.
 */
export class ForeignSessionWebhookError extends SessionExpiredError {
  constructor() {
    super('session webhook is not the DingTalk endpoint; not called', 'dingtalk_foreign_session');
  }
}

const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** Session-webhook bodies use the custom-robot shapes, not msgKey/msgParam. */
const sessionBody = (m: RobotMessage): Record<string, unknown> => {
  switch (m.msgKey) {
    case 'sampleText':
      return { msgtype: 'text', text: { content: m.msgParam.content ?? '' } };
    case 'sampleMarkdown':
      return {
        msgtype: 'markdown',
        markdown: { title: m.msgParam.title ?? '', text: m.msgParam.text ?? '' },
      };
    case 'sampleImageMsg':
      // Session webhooks take the custom-robot types, which have no image: a markdown picture.
      return {
        msgtype: 'markdown',
        markdown: { title: '照片', text: `![照片](${m.msgParam.photoURL ?? ''})` },
      };
    case 'sampleActionCard':
      return {
        msgtype: 'actionCard',
        actionCard: {
          title: m.msgParam.title ?? '',
          text: m.msgParam.text ?? '',
          singleTitle: m.msgParam.singleTitle ?? '查看详情',
          singleURL: m.msgParam.singleURL ?? '',
        },
      };
  }
};

/**
 * A thin typed client for the DingTalk v1.0 OpenAPI and robot session webhooks. The access token
 * is shared through Redis and refreshed once by one caller; 429/5xx are retried with backoff;
 * other 4xx (configuration) errors are not.
 */
export class DingTalkClient {
  readonly tokens: SharedTokenCache;
  private readonly delays: readonly number[];

  constructor(private readonly o: DingTalkClientOptions) {
    this.delays = o.retryDelaysMs ?? [300, 1200];
    this.tokens = new SharedTokenCache({
      redis: o.redis,
      key: `${o.keyPrefix}:dingtalk:token:${o.config.appKey}`,
      clock: o.clock,
      fetch: () => this.fetchToken(),
    });
  }

  private async fetchToken(): Promise<{ token: string; expiresInS: number }> {
    const res = await requestJson({
      method: 'POST',
      url: `${this.o.config.apiBase}/v1.0/oauth2/accessToken`,
      body: { appKey: this.o.config.appKey, appSecret: this.o.config.appSecret },
    });
    const b = obj(res.body);
    if (res.status !== 200 || typeof b.accessToken !== 'string') {
      throw new AppError(
        res.status >= 500 || res.status === 429
          ? AppErrorCode.PLATFORM_RETRYABLE
          : AppErrorCode.PLATFORM_REJECTED,
        `accessToken failed: HTTP ${res.status} ${String(b.code ?? '')}`,
        { reason: `dingtalk_token_${res.status}` },
      );
    }
    this.o.logger.info({ expireIn: b.expireIn }, 'dingtalk access token fetched');
    return { token: b.accessToken, expiresInS: typeof b.expireIn === 'number' ? b.expireIn : 7200 };
  }

  /** One OpenAPI call with the shared token: refresh once on 401, retry 429/5xx, reject other 4xx. */
  private async call(method: 'POST' | 'PUT', path: string, body: unknown): Promise<Record<string, unknown>> {
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const token = await this.tokens.get();
      const res: JsonResponse = await requestJson({
        method,
        url: `${this.o.config.apiBase}${path}`,
        body,
        headers: { 'x-acs-dingtalk-access-token': token },
      });
      const b = obj(res.body);
      if (res.status >= 200 && res.status < 300) return b;
      if ((res.status === 401 || b.code === 'InvalidAuthentication') && !refreshed) {
        refreshed = true;
        await this.tokens.invalidate(token);
        continue;
      }
      const retryable =
        res.status === 429 || res.status >= 500 || String(b.code ?? '').startsWith('Throttling');
      const delay = this.delays[attempt];
      if (retryable && delay !== undefined) {
        await new Promise((r) => setTimeout(r, delay));
        continue;
      }
      throw new AppError(
        retryable ? AppErrorCode.PLATFORM_RETRYABLE : AppErrorCode.PLATFORM_REJECTED,
        `${path} failed: HTTP ${res.status} ${String(b.code ?? '')} ${String(b.message ?? '')}`.trim(),
        { reason: `dingtalk_${res.status}`, details: { status: res.status } },
      );
    }
  }

  /**
   * A picture or file a user sent the robot: `downloadCode` → a short-lived `downloadUrl`
   * (PROTOCOLS.md §2.1), fetched without our token (it is a storage URL, not the OpenAPI).
   */
  async downloadMessageFile(downloadCode: string, maxBytes: number): Promise<DownloadedMedia> {
    const b = await this.call('POST', '/v1.0/robot/messageFiles/download', {
      downloadCode,
      robotCode: this.o.config.robotCode,
    });
    if (typeof b.downloadUrl !== 'string' || !/^https?:\/\//.test(b.downloadUrl)) {
      throw new AppError(AppErrorCode.PLATFORM_RETRYABLE, 'messageFiles/download returned no downloadUrl', {
        reason: 'dingtalk_bad_body',
      });
    }
    const res = await requestBytes(b.downloadUrl, maxBytes);
    if (res.status !== 200) {
      throw new AppError(
        res.status >= 500 ? AppErrorCode.PLATFORM_RETRYABLE : AppErrorCode.PLATFORM_REJECTED,
        `file download answered HTTP ${res.status}`,
        { reason: `dingtalk_download_${res.status}` },
      );
    }
    return { bytes: res.bytes, contentType: res.contentType, filename: filenameOf(res.contentDisposition) };
  }

  /** One-to-one robot messages (at most 20 users per call). */
  async batchSend(userIds: readonly string[], m: RobotMessage): Promise<BatchSendResult> {
    if (userIds.length === 0 || userIds.length > 20)
      throw new AppError(AppErrorCode.VALIDATION_FAILED, 'batchSend takes 1..20 users');
    const b = await this.call('POST', '/v1.0/robot/oToMessages/batchSend', {
      robotCode: this.o.config.robotCode,
      userIds,
      msgKey: m.msgKey,
      msgParam: JSON.stringify(m.msgParam),
    });
    return {
      processQueryKey: String(b.processQueryKey ?? ''),
      invalidStaffIdList: strings(b.invalidStaffIdList),
      flowControlledStaffIdList: strings(b.flowControlledStaffIdList),
    };
  }

  /** A robot message to a group conversation (never through a stored session webhook). */
  async groupSend(openConversationId: string, m: RobotMessage): Promise<string> {
    const b = await this.call('POST', '/v1.0/robot/groupMessages/send', {
      robotCode: this.o.config.robotCode,
      openConversationId,
      msgKey: m.msgKey,
      msgParam: JSON.stringify(m.msgParam),
    });
    return String(b.processQueryKey ?? '');
  }

  /**
   * Replies through a message's session webhook; {@link SessionExpiredError} once it has lapsed,
   * {@link ForeignSessionWebhookError} (nothing sent) when it is not DingTalk's endpoint.
   */
  async sendBySession(webhook: string, m: RobotMessage): Promise<void> {
    // Never send the access token anywhere but DingTalk's own session endpoint.
    if (!sessionWebhookAllowed(webhook, this.o.config.sessionWebhookBase))
      throw new ForeignSessionWebhookError();
    const token = await this.tokens.get();
    const res = await requestJson({
      method: 'POST',
      url: webhook,
      body: sessionBody(m),
      headers: { 'x-acs-dingtalk-access-token': token },
    });
    const b = obj(res.body);
    if (b.errcode === 300001) throw new SessionExpiredError();
    if (res.status !== 200 || (typeof b.errcode === 'number' && b.errcode !== 0)) {
      throw new AppError(
        res.status >= 500 ? AppErrorCode.PLATFORM_RETRYABLE : AppErrorCode.PLATFORM_REJECTED,
        `session webhook ${redactUrl(webhook)} failed: HTTP ${res.status} ${String(b.errcode ?? '')}`,
        { reason: 'dingtalk_session' },
      );
    }
  }

  /** Creates an interactive card and delivers it to one user's robot chat (callbacks by Stream or HTTP). */
  async createAndDeliverCard(args: {
    readonly outTrackId: string;
    readonly userId: string;
    readonly cardParamMap: Record<string, string>;
    readonly callbackType: 'STREAM' | 'HTTP';
  }): Promise<void> {
    await this.call('POST', '/v1.0/card/instances/createAndDeliver', {
      cardTemplateId: this.o.config.cardTemplateId,
      outTrackId: args.outTrackId,
      callbackType: args.callbackType,
      cardData: { cardParamMap: args.cardParamMap },
      openSpaceId: `dtv1.card//IM_ROBOT.${args.userId}`,
      imRobotOpenSpaceModel: { supportForward: false },
      imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode: this.o.config.robotCode },
      userIdType: 1,
    });
  }

  /** Updates the public data of a card: every recipient sees the change. */
  async updateCard(outTrackId: string, cardParamMap: Record<string, string>): Promise<void> {
    await this.call('PUT', '/v1.0/card/instances', {
      outTrackId,
      cardData: { cardParamMap },
      cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: false },
      userIdType: 1,
    });
  }
}
