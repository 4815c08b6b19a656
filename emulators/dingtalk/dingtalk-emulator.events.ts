import { randomBytes } from 'node:crypto';
import { callbackSignature, PlatformCallbackCrypto } from '../shared/platform-crypto.js';

export interface EventTarget {
  readonly url: string;
  readonly token: string;
  readonly aesKey: string;
  /** The owner key of a self-built app's event subscription. */
  readonly appKey: string;
}

export interface EventPushResult {
  readonly status: number;
  /** Whether the answer was the encrypted, correctly signed "success" DingTalk requires. */
  readonly acked: boolean;
  readonly body: string;
}

/**
 * One event push as DingTalk's HTTP event subscription sends it (PROTOCOLS.md §2.3): the JSON
 * payload sealed with the app key as owner key, signed over sorted [token, timestamp, nonce,
 * encrypt], timestamp in milliseconds. The answer counts only if it decrypts to `success` and its
 * own signature verifies; anything else is what DingTalk reports as 71009 and retries.
 */
export const pushEvent = async (
  target: EventTarget,
  payload: Readonly<Record<string, unknown>> | string,
  o: { timestamp?: number } = {},
): Promise<EventPushResult> => {
  const crypto = new PlatformCallbackCrypto(target.aesKey);
  const encrypt = crypto.seal(typeof payload === 'string' ? payload : JSON.stringify(payload), target.appKey);
  const timestamp = String(o.timestamp ?? Date.now());
  const nonce = randomBytes(6).toString('hex');
  const signature = callbackSignature(target.token, timestamp, nonce, encrypt);
  let res: Response;
  try {
    res = await fetch(`${target.url}?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ encrypt }),
      signal: AbortSignal.timeout(5000),
    });
  } catch {
    return { status: 0, acked: false, body: '' };
  }
  const body = await res.text();
  return { status: res.status, acked: res.status === 200 && ackIsSuccess(crypto, target, body), body };
};

const ackIsSuccess = (crypto: PlatformCallbackCrypto, target: EventTarget, body: string): boolean => {
  try {
    const a = JSON.parse(body) as Record<string, unknown>;
    const { msg_signature: sig, timeStamp, nonce, encrypt } = a;
    if (typeof sig !== 'string' || typeof timeStamp !== 'string' || typeof nonce !== 'string') return false;
    if (typeof encrypt !== 'string') return false;
    if (callbackSignature(target.token, timeStamp, nonce, encrypt) !== sig) return false;
    const opened = crypto.open(encrypt);
    return opened.message === 'success' && opened.receiveId === target.appKey;
  } catch {
    return false;
  }
};
