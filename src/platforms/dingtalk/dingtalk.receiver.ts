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
import { normalizeCardCallback, normalizeRobotMessage } from './dingtalk.normalize.js';
import { robotSignMatches } from './dingtalk.sign.js';

export interface DingTalkReceiverOptions {
  readonly dingtalk: Pick<DingTalkConfig, 'appKey' | 'appSecret' | 'events'>;
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

  openRobot(headers: { timestamp: string; sign: string }, body: string): InboundEvent {
    this.verifyHeaders(headers.timestamp, headers.sign);
    return normalizeRobotMessage(parseJson(body));
  }

  openCard(headers: { timestamp: string; sign: string }, body: string): InboundEvent {
    this.verifyHeaders(headers.timestamp, headers.sign);
    return normalizeCardCallback(parseJson(body), this.o.clock.now());
  }

  get eventsEnabled(): boolean {
    return this.crypt !== undefined;
  }

  /**
   * Event subscription push: SHA-1 over sorted [token, timestamp, nonce, encrypt], AES with the app
   * key as owner key. Returns the plaintext event and, unless it is `check_url`, its inbound event.
   */
  openEvent(rawQuery: string, body: string): { eventType: string; event?: InboundEvent } {
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
    const payload = parseJson(plain);
    const eventType =
      typeof payload === 'object' &&
      payload !== null &&
      'EventType' in payload &&
      typeof payload.EventType === 'string'
        ? payload.EventType
        : 'unknown';
    if (eventType === 'check_url') return { eventType };
    const userId =
      typeof payload === 'object' && payload !== null && 'UserId' in payload && Array.isArray(payload.UserId)
        ? String(payload.UserId[0] ?? '')
        : '';
    return {
      eventType,
      event: {
        platform: 'dingtalk',
        dedupeKey: `evt:${eventType}:${createHash('sha1').update(plain).digest('hex')}`,
        kind: eventType.startsWith('user_') ? 'contact' : 'other',
        userId,
        at: this.o.clock.now().toISOString(),
        conversation: { type: 'direct', id: userId },
        eventName: eventType,
        ...(eventType.startsWith('user_') && userId ? { contact: { changeType: eventType, userId } } : {}),
      },
    };
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
