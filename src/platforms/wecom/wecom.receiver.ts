import type { WeComConfig } from '../../config/env.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, AppErrorCode } from '../../lib/errors.js';
import { BizMsgCrypt, CryptoError, CryptoErrorCode, signatureMatches } from '../crypto/biz-msg-crypt.js';
import type { InboundEvent } from '../inbound-event.js';
import { parseRawQuery } from '../query.js';
import { checkTimestampWindow } from '../timestamp-window.js';
import { normalizeWeCom } from './wecom.normalize.js';
import { parseWeComXml, text } from './wecom.xml.js';

export interface WeComReceiverOptions {
  readonly wecom: Pick<WeComConfig, 'corpId' | 'token' | 'encodingAesKey'>;
  readonly maxClockSkewS: number;
  readonly clock: Clock;
}

const authFailed = (reason: string, message: string) =>
  new AppError(AppErrorCode.AUTHENTICATION_FAILED, message, { reason });

/**
 * Transport only (Bolt's receiver rule): verify, decrypt, parse, normalise. It never touches the
 * store or the queue; the webhook route does that with what this returns.
 */
export class WeComReceiver {
  private readonly crypt: BizMsgCrypt;

  constructor(private readonly opts: WeComReceiverOptions) {
    this.crypt = new BizMsgCrypt(opts.wecom.encodingAesKey);
  }

  /** URL verification (GET): returns the decrypted echostr, to be answered as the bare body. */
  verifyUrl(rawQuery: string): string {
    const q = parseRawQuery(rawQuery);
    const signature = q.get('msg_signature') ?? '';
    const timestamp = q.get('timestamp') ?? '';
    const nonce = q.get('nonce') ?? '';
    // A proxy that form-decoded the query turned '+' into ' '; Base64 has no spaces, so undo it.
    const echostr = (q.get('echostr') ?? '').replace(/ /g, '+');
    if (!signature || !timestamp || !nonce || !echostr) {
      throw new AppError(
        AppErrorCode.MALFORMED_BODY,
        'msg_signature, timestamp, nonce and echostr are required',
        {
          reason: 'missing_query',
        },
      );
    }
    checkTimestampWindow(timestamp, this.opts.clock.now(), this.opts.maxClockSkewS, 's');
    if (!signatureMatches(signature, [this.opts.wecom.token, timestamp, nonce, echostr])) {
      throw authFailed('bad_signature', 'msg_signature does not verify');
    }
    return this.decrypt(echostr);
  }

  /** Message delivery (POST): verifies and decrypts the envelope, returns the normalised event. */
  open(rawQuery: string, body: string): InboundEvent {
    const q = parseRawQuery(rawQuery);
    const signature = q.get('msg_signature') ?? '';
    const timestamp = q.get('timestamp') ?? '';
    const nonce = q.get('nonce') ?? '';
    const envelope = parseWeComXml(body);
    const encrypted = text(envelope, 'Encrypt');
    if (!encrypted) {
      throw new AppError(AppErrorCode.MALFORMED_BODY, 'envelope has no Encrypt element', {
        reason: 'no_encrypt',
      });
    }
    if (!signature || !timestamp || !nonce) {
      throw new AppError(AppErrorCode.MALFORMED_BODY, 'msg_signature, timestamp and nonce are required', {
        reason: 'missing_query',
      });
    }
    checkTimestampWindow(timestamp, this.opts.clock.now(), this.opts.maxClockSkewS, 's');
    if (!signatureMatches(signature, [this.opts.wecom.token, timestamp, nonce, encrypted])) {
      throw authFailed('bad_signature', 'msg_signature does not verify');
    }
    const plain = this.decrypt(encrypted);
    return normalizeWeCom(parseWeComXml(plain));
  }

  private decrypt(ciphertext: string): string {
    try {
      return this.crypt.decrypt(ciphertext, this.opts.wecom.corpId).message;
    } catch (e) {
      if (e instanceof CryptoError && e.code === CryptoErrorCode.RECEIVE_ID) {
        throw authFailed('bad_receive_id', 'receive id does not match WECOM_CORP_ID');
      }
      const code = e instanceof CryptoError ? e.code : CryptoErrorCode.DECRYPT;
      throw new AppError(AppErrorCode.MALFORMED_BODY, 'ciphertext does not decrypt', {
        reason: `decrypt_failed_${Math.abs(code)}`,
        cause: e,
      });
    }
  }
}
