import type { WeComConfig } from '../../config/env.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, AppErrorCode } from '../../lib/errors.js';
import { BizMsgCrypt, CryptoError, CryptoErrorCode, signatureMatches } from '../crypto/biz-msg-crypt.js';
import type { InboundEvent } from '../inbound-event.js';
import { parseRawQuery } from '../query.js';
import { checkTimestampWindow } from '../timestamp-window.js';
import { parseWeComEnvelope } from './wecom.envelope.js';
import { normalizeWeCom } from './wecom.normalize.js';
import { parseWeComXml } from './wecom.xml.js';

/** The signed query of a message delivery, checked before the body is read. */
export interface CheckedQuery {
  readonly signature: string;
  readonly timestamp: string;
  readonly nonce: string;
}

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

  /**
   * Message delivery, step 1: the query alone (signature and nonce present, timestamp inside the
   * window). Runs before the body is read, so a request without credentials costs next to nothing.
   */
  checkQuery(rawQuery: string): CheckedQuery {
    const q = parseRawQuery(rawQuery);
    const signature = q.get('msg_signature') ?? '';
    const timestamp = q.get('timestamp') ?? '';
    const nonce = q.get('nonce') ?? '';
    if (!/^[0-9a-fA-F]{40}$/.test(signature) || !nonce || nonce.length > 64) {
      throw new AppError(AppErrorCode.MALFORMED_BODY, 'msg_signature, timestamp and nonce are required', {
        reason: 'missing_query',
      });
    }
    checkTimestampWindow(timestamp, this.opts.clock.now(), this.opts.maxClockSkewS, 's');
    return { signature, timestamp, nonce };
  }

  /**
   * Message delivery, step 2: the envelope (read with a strict flat scan), the signature over its
   * Encrypt, decryption; only the authenticated plaintext is parsed as XML and normalised.
   */
  open(query: CheckedQuery, body: string): InboundEvent {
    const encrypted = parseWeComEnvelope(body).get('Encrypt') ?? '';
    if (!encrypted) {
      throw new AppError(AppErrorCode.MALFORMED_BODY, 'envelope has no Encrypt element', {
        reason: 'no_encrypt',
      });
    }
    const { signature, timestamp, nonce } = query;
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
