import { randomBytes } from 'node:crypto';
import { callbackSignature, PlatformCallbackCrypto } from '../shared/platform-crypto.js';

export interface CallbackTarget {
  readonly url: string;
  readonly token: string;
  readonly encodingAesKey: string;
  readonly corpId: string;
}

export interface SignedCallback {
  readonly query: string;
  readonly body: string;
}

export interface DeliveryResult {
  readonly attempts: number;
  readonly status: number;
  readonly body: string;
}

const cdata = (s: string) => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

/** Builds the decrypted XML of a message or event from flat fields (strings go in CDATA). */
export const buildXml = (fields: Readonly<Record<string, string | number>>, extra = ''): string =>
  `<xml>${Object.entries(fields)
    .map(([k, v]) => `<${k}>${typeof v === 'number' ? v : cdata(v)}</${k}>`)
    .join('')}${extra}</xml>`;

/** Encrypts and signs a callback exactly as WeCom does (Encrypt in the body, signature in the query). */
export const signCallback = (
  target: CallbackTarget,
  plainXml: string,
  opts: { timestamp?: number; nonce?: string; agentId?: number } = {},
): SignedCallback => {
  const encrypt = new PlatformCallbackCrypto(target.encodingAesKey).seal(plainXml, target.corpId);
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = opts.nonce ?? String(randomBytes(4).readUInt32BE(0));
  const signature = callbackSignature(target.token, timestamp, nonce, encrypt);
  const body = `<xml><ToUserName>${cdata(target.corpId)}</ToUserName><AgentID>${cdata(String(opts.agentId ?? 1000002))}</AgentID><Encrypt>${cdata(encrypt)}</Encrypt></xml>`;
  const query = `msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`;
  return { query, body };
};

/** One POST of a signed callback; `timeoutMs` is how long WeCom waits (5 s). */
export const postCallback = async (
  url: string,
  cb: SignedCallback,
  timeoutMs = 5000,
): Promise<{ status: number; body: string }> => {
  try {
    const res = await fetch(`${url}?${cb.query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: cb.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: res.status, body: await res.text() };
  } catch {
    return { status: 0, body: '' };
  }
};

/**
 * Delivers like WeCom: no answer within 5 s or any status but 200 counts as a failure, and the
 * request is sent again, up to 3 retries (PROTOCOLS.md §1.7).
 */
export const deliverWithRetries = async (
  url: string,
  cb: SignedCallback,
  opts: { timeoutMs?: number; retries?: number } = {},
): Promise<DeliveryResult> => {
  const retries = opts.retries ?? 3;
  let last = { status: 0, body: '' };
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    last = await postCallback(url, cb, opts.timeoutMs ?? 5000);
    if (last.status === 200) return { attempts: attempt, ...last };
  }
  return { attempts: retries + 1, ...last };
};
