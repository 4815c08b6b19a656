import type { Redis } from 'ioredis';
import type { WeComConfig } from '../../config/env.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, AppErrorCode } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import { type DownloadedMedia, filenameOf, requestBytes, TooLargeError } from '../http-bytes.js';
import { requestJson } from '../http-json.js';
import { SharedTokenCache } from '../token-cache.js';
import { classifyErrcode, WECOM_ERRCODES } from './wecom.errors.js';

export interface WeComResult {
  readonly errcode: number;
  readonly errmsg: string;
  readonly [k: string]: unknown;
}

export interface SendResult {
  readonly msgid: string;
  /** One-use code to update an interactive card just sent (button/vote/multiple cards). */
  readonly responseCode?: string;
  readonly invalidUsers: readonly string[];
}

/** The message body of `message/send`, without `agentid` (the client adds it). */
export type WeComSendBody = { touser: string; msgtype: string } & Record<string, unknown>;

export type CardUpdate =
  | { readonly kind: 'replace_name'; readonly replaceName: string }
  | { readonly kind: 'card'; readonly templateCard: Record<string, unknown> };

export interface WeComClientOptions {
  readonly config: WeComConfig;
  readonly redis: Redis;
  readonly keyPrefix: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Backoff before the in-client retries of -1/45009/5xx (ms); tests shorten it. */
  readonly retryDelaysMs?: readonly number[];
}

/** Thrown for 60140: the response_code was used or expired; the caller falls back to a new card. */
export class ResponseCodeInvalidError extends AppError {
  constructor() {
    super(AppErrorCode.PLATFORM_REJECTED, 'response_code is used or expired (60140)', {
      reason: 'wecom_60140',
      details: { errcode: WECOM_ERRCODES.RESPONSE_CODE_INVALID },
    });
  }
}

const asResult = (body: unknown): WeComResult => {
  if (typeof body === 'object' && body !== null && 'errcode' in body && typeof body.errcode === 'number') {
    const errmsg = 'errmsg' in body && typeof body.errmsg === 'string' ? body.errmsg : '';
    return { ...(body as Record<string, unknown>), errcode: body.errcode, errmsg };
  }
  throw new AppError(AppErrorCode.PLATFORM_RETRYABLE, 'WeCom answered without an errcode', {
    reason: 'wecom_bad_body',
  });
};

/**
 * A thin typed client for the WeCom self-built-app API. The access token is cached in Redis and
 * shared by every process; it is refreshed once on 40014/42001; -1/45009/5xx are retried with
 * backoff; configuration errors are never retried.
 */
export class WeComClient {
  readonly tokens: SharedTokenCache;
  private readonly base: string;
  private readonly delays: readonly number[];

  constructor(private readonly o: WeComClientOptions) {
    this.base = o.config.apiBase;
    this.delays = o.retryDelaysMs ?? [300, 1200];
    this.tokens = new SharedTokenCache({
      redis: o.redis,
      key: `${o.keyPrefix}:wecom:token:${o.config.corpId}:${o.config.agentId}`,
      clock: o.clock,
      fetch: () => this.fetchToken(),
    });
  }

  get agentId(): number {
    return this.o.config.agentId;
  }

  /** `message/send`. Partly invalid recipients still receive it; all invalid is 81013. */
  async sendMessage(body: WeComSendBody): Promise<SendResult> {
    const r = await this.call('POST', '/message/send', { ...body, agentid: this.o.config.agentId });
    const invalid = typeof r.invaliduser === 'string' && r.invaliduser ? r.invaliduser.split('|') : [];
    return {
      msgid: typeof r.msgid === 'string' ? r.msgid : '',
      ...(typeof r.response_code === 'string' && r.response_code ? { responseCode: r.response_code } : {}),
      invalidUsers: invalid,
    };
  }

  /** `message/update_template_card` with a one-use response code. */
  async updateTemplateCard(args: {
    readonly responseCode: string;
    readonly userids?: readonly string[];
    readonly atall?: boolean;
    readonly update: CardUpdate;
  }): Promise<void> {
    const body: Record<string, unknown> = {
      agentid: this.o.config.agentId,
      response_code: args.responseCode,
      ...(args.userids && args.userids.length > 0 ? { userids: args.userids } : {}),
      ...(args.atall ? { atall: 1 } : {}),
      ...(args.update.kind === 'replace_name'
        ? { button: { replace_name: args.update.replaceName } }
        : { template_card: args.update.templateCard }),
    };
    await this.call('POST', '/message/update_template_card', body);
  }

  /** `media/upload` (multipart); returns the media_id, valid for 3 days. */
  async uploadMedia(
    type: 'image' | 'file',
    filename: string,
    data: Buffer,
    contentType: string,
  ): Promise<string> {
    const r = await this.call('POST', `/media/upload`, undefined, { type }, () => {
      const form = new FormData();
      form.append('media', new Blob([new Uint8Array(data)], { type: contentType }), filename);
      return form;
    });
    if (typeof r.media_id !== 'string') {
      throw new AppError(AppErrorCode.PLATFORM_RETRYABLE, 'media/upload returned no media_id', {
        reason: 'wecom_bad_body',
      });
    }
    return r.media_id;
  }

  /**
   * `media/get`: the file a user sent (image, voice, video). WeCom answers the bytes, or a JSON
   * error with HTTP 200, so the content type decides (PROTOCOLS.md §1.8b). A media_id lives three
   * days: fetch it when the message arrives. 830002 (too large for one GET) is larger than any
   * file the bot accepts, so it is refused as too large.
   */
  async downloadMedia(mediaId: string, maxBytes: number): Promise<DownloadedMedia> {
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const token = await this.tokens.get();
      const qs = new URLSearchParams({ access_token: token, media_id: mediaId }).toString();
      const res = await requestBytes(`${this.base}/media/get?${qs}`, maxBytes);
      const isError = res.status >= 500 || /json|text\/plain/i.test(res.contentType);
      if (!isError && res.status === 200) {
        return {
          bytes: res.bytes,
          contentType: res.contentType,
          filename: filenameOf(res.contentDisposition),
        };
      }
      let r: WeComResult | undefined;
      try {
        r = res.status < 500 ? asResult(JSON.parse(res.bytes.toString('utf8'))) : undefined;
      } catch {
        r = undefined;
      }
      if (r?.errcode === WECOM_ERRCODES.MEDIA_TOO_LARGE) throw new TooLargeError(maxBytes);
      const cls = r ? classifyErrcode(r.errcode) : 'retry';
      if (cls === 'token' && !refreshed) {
        refreshed = true;
        await this.tokens.invalidate(token);
        continue;
      }
      const delay = this.delays[attempt];
      if ((cls === 'retry' || cls === 'token') && delay !== undefined) {
        await new Promise((ok) => setTimeout(ok, delay));
        continue;
      }
      const errcode = r?.errcode ?? res.status;
      throw new AppError(
        cls === 'retry' ? AppErrorCode.PLATFORM_RETRYABLE : AppErrorCode.PLATFORM_REJECTED,
        `media/get failed: ${errcode} ${r?.errmsg ?? ''}`.trim(),
        { reason: `wecom_${errcode}`, details: { errcode } },
      );
    }
  }

  private async fetchToken(): Promise<{ token: string; expiresInS: number }> {
    const url = `${this.base}/gettoken?corpid=${encodeURIComponent(this.o.config.corpId)}&corpsecret=${encodeURIComponent(this.o.config.secret)}`;
    const res = await requestJson({ method: 'GET', url });
    if (res.status >= 500) {
      throw new AppError(AppErrorCode.PLATFORM_RETRYABLE, `gettoken answered HTTP ${res.status}`, {
        reason: 'wecom_5xx',
      });
    }
    const r = asResult(res.body);
    if (r.errcode !== 0 || typeof r.access_token !== 'string') {
      const cls = classifyErrcode(r.errcode);
      throw new AppError(
        cls === 'retry' ? AppErrorCode.PLATFORM_RETRYABLE : AppErrorCode.PLATFORM_REJECTED,
        `gettoken failed: ${r.errcode} ${r.errmsg}`,
        { reason: `wecom_${r.errcode}`, details: { errcode: r.errcode } },
      );
    }
    const expiresIn = typeof r.expires_in === 'number' ? r.expires_in : 7200;
    this.o.logger.info({ expiresIn }, 'wecom access token fetched');
    return { token: r.access_token, expiresInS: expiresIn };
  }

  /** Calls an API with the shared token; refreshes it once on token errors, retries transient ones. */
  private async call(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    query: Record<string, string> = {},
    form?: () => FormData,
  ): Promise<WeComResult> {
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const token = await this.tokens.get();
      const qs = new URLSearchParams({ access_token: token, ...query }).toString();
      const res = await requestJson({
        method,
        url: `${this.base}${path}?${qs}`,
        body,
        ...(form ? { form: form() } : {}),
      });
      let r: WeComResult | undefined;
      let cls: ReturnType<typeof classifyErrcode>;
      if (res.status >= 500) {
        cls = 'retry';
      } else {
        r = asResult(res.body);
        cls = classifyErrcode(r.errcode);
      }
      if (cls === 'ok' && r) return r;
      if (cls === 'token' && !refreshed) {
        refreshed = true;
        await this.tokens.invalidate(token);
        continue;
      }
      if (cls === 'response_code') throw new ResponseCodeInvalidError();
      const errcode = r?.errcode ?? res.status;
      if (cls === 'retry' || cls === 'token') {
        const delay = this.delays[attempt];
        if (delay !== undefined) {
          await new Promise((ok) => setTimeout(ok, delay));
          continue;
        }
        throw new AppError(AppErrorCode.PLATFORM_RETRYABLE, `${path} failed: ${errcode} ${r?.errmsg ?? ''}`, {
          reason: `wecom_${errcode}`,
          details: { errcode },
        });
      }
      throw new AppError(AppErrorCode.PLATFORM_REJECTED, `${path} rejected: ${errcode} ${r?.errmsg ?? ''}`, {
        reason: `wecom_${errcode}`,
        details: { errcode },
      });
    }
  }
}
