import { createHash, randomBytes } from 'node:crypto';
import type { DingTalkConfig } from '../../config/env.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, AppErrorCode } from '../../lib/errors.js';
import {
  BizMsgCrypt,
  CryptoError,
  CryptoErrorCode,
  sha1Signature,
  signatureMatches,
} from '../crypto/biz-msg-crypt.js';
import type { InboundEvent } from '../inbound-event.js';
import { parseRawQuery } from '../query.js';
import { checkTimestampWindow } from '../timestamp-window.js';
import { classifyEventPush, type EventPush } from './dingtalk.events.js';
import { normalizeCardCallback, normalizeRobotMessage } from './dingtalk.normalize.js';
import { checkDingTalkOrigin } from './dingtalk.origin.js';
import { robotSignMatches } from './dingtalk.sign.js';

export interface DingTalkReceiverOptions {
  readonly dingtalk: Pick<
    DingTalkConfig,
    'appKey' | 'appSecret' | 'events' | 'robotCode' | 'corpId' | 'sessionWebhookBase'
  >;
  readonly maxClockSkewS: number;
  readonly clock: Clock;
}

/** The encrypted answer DingTalk requires for every event push (check_url included). */
export interface EventAck {
  readonly msg_signature: string;
  readonly timeStamp: string;
  readonly nonce: string;
  readonly encrypt: string;
}

const authFailed = (reason: string, message: string) =>
  new AppError(AppErrorCode.AUTHENTICATION_FAILED, message, { reason });

const parseJson = (raw: string): unknown => {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new AppError(AppErrorCode.MALFORMED_BODY, 'body is not valid JSON', { reason: 'bad_json' });
  }
};

/** Transport only: verify, decrypt, parse, normalise. Storing is the route's job. */
export class DingTalkReceiver {
  private readonly crypt: BizMsgCrypt | undefined;

  constructor(private readonly o: DingTalkReceiverOptions) {
    this.crypt = o.dingtalk.events ? new BizMsgCrypt(o.dingtalk.events.aesKey) : undefined;
  }

  /**
   * Robot callbacks and card callbacks over HTTP carry `timestamp` (ms) and `sign` headers:
   * Base64 HmacSHA256 of timestamp + "\n" + app secret, checked in constant time inside the window.
   */
  private verifyHeaders(timestamp: string, sign: string): void {
    checkTimestampWindow(timestamp, this.o.clock.now(), this.o.maxClockSkewS, 'ms');
    if (!sign || !robotSignMatches(sign, timestamp, this.o.dingtalk.appSecret)) {
      throw authFailed('bad_signature', 'sign does not verify');
    }
  }

  /**
   * A robot message over HTTP. The sign does not cover the body: the route must also bind the
   * (timestamp, sign) pair to this body (SignBindingStore) before storing anything.
   */
  openRobot(headers: { timestamp: string; sign: string }, body: string): InboundEvent {
    this.verifyHeaders(headers.timestamp, headers.sign);
    const payload = parseJson(body);
    checkDingTalkOrigin(payload, this.origin);
    return normalizeRobotMessage(payload, { sessionWebhookBase: this.o.dingtalk.sessionWebhookBase });
  }

  /** A card button press over HTTP; the same pair binding applies. */
  openCard(headers: { timestamp: string; sign: string }, body: string): InboundEvent {
    this.verifyHeaders(headers.timestamp, headers.sign);
    const payload = parseJson(body);
    checkDingTalkOrigin(payload, this.origin);
    return normalizeCardCallback(payload, this.o.clock.now());
  }

  private get origin() {
    const d = this.o.dingtalk;
    return { robotCode: d.robotCode, ...(d.corpId ? { corpId: d.corpId } : {}) };
  }

  get eventsEnabled(): boolean {
    return this.crypt !== undefined;
  }

  /**
   * Event subscription push: SHA-1 over sorted [token, timestamp, nonce, encrypt], AES with the app
   * key as owner key. Returns the plaintext and what it comes to (see {@link classifyEventPush}):
   * every verified push is answered `success`, whatever it is.
   */
  openEvent(rawQuery: string, body: string): { plain: string; push: EventPush } {
    const events = this.o.dingtalk.events;
    if (!this.crypt || !events)
      throw new AppError(AppErrorCode.NOT_FOUND, 'event subscription is not configured');
    const q = parseRawQuery(rawQuery);
    const signature = q.get('signature') ?? q.get('msg_signature') ?? '';
    const timestamp = q.get('timestamp') ?? q.get('timeStamp') ?? '';
    const nonce = q.get('nonce') ?? '';
    const parsed = parseJson(body);
    const encrypt =
      typeof parsed === 'object' &&
      parsed !== null &&
      'encrypt' in parsed &&
      typeof parsed.encrypt === 'string'
        ? parsed.encrypt
        : '';
    if (!encrypt || !signature || !nonce) {
      throw new AppError(
        AppErrorCode.MALFORMED_BODY,
        'signature, timestamp, nonce and encrypt are required',
        {
          reason: 'missing_fields',
        },
      );
    }
    checkTimestampWindow(timestamp, this.o.clock.now(), this.o.maxClockSkewS, 'ms');
    if (!signatureMatches(signature, [events.token, timestamp, nonce, encrypt])) {
      throw authFailed('bad_signature', 'signature does not verify');
    }
    let plain: string;
    try {
      plain = this.crypt.decrypt(encrypt, this.o.dingtalk.appKey).message;
    } catch (e) {
      if (e instanceof CryptoError && e.code === CryptoErrorCode.RECEIVE_ID)
        throw authFailed('bad_owner_key', 'owner key is not the app key');
      throw new AppError(AppErrorCode.MALFORMED_BODY, 'encrypt does not decrypt', {
        reason: 'decrypt_failed',
      });
    }
    let payload: unknown;
    try {
      payload = JSON.parse(plain) as unknown;
    } catch {
      return { plain, push: { kind: 'invalid', eventType: 'unknown', reason: 'plaintext is not JSON' } };
    }
    const identity = createHash('sha1').update(plain).digest('hex');
    return { plain, push: classifyEventPush(payload, { identity, at: this.o.clock.now() }) };
  }

  /** The encrypted "success" every event push must be answered with (within 1500 ms). */
  ackEvent(): EventAck {
    const events = this.o.dingtalk.events;
    if (!this.crypt || !events)
      throw new AppError(AppErrorCode.NOT_FOUND, 'event subscription is not configured');
    const timeStamp = String(this.o.clock.now().getTime());
    const nonce = randomBytes(8).toString('hex');
    const encrypt = this.crypt.encrypt('success', this.o.dingtalk.appKey);
    return {
      msg_signature: sha1Signature([events.token, timeStamp, nonce, encrypt]),
      timeStamp,
      nonce,
      encrypt,
    };
  }
}
