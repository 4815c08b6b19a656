import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The callback crypto shared by WeCom apps (receive id = corpid) and DingTalk event subscriptions
 * (owner key = app key): SHA-1 over the sorted strings, AES-256-CBC with IV = key[0:16] and PKCS#7
 * padding to 32-byte blocks. Node's auto-padding only accepts pads of 1..16, so padding is done by
 * hand (PROTOCOLS.md §1.4, pitfall 1).
 */

/** Library error codes of the official SDKs, kept so logs can be compared with their docs. */
export const CryptoErrorCode = {
  SIGNATURE: -40001,
  BAD_AES_KEY: -40004,
  RECEIVE_ID: -40005,
  DECRYPT: -40007,
  BAD_BUFFER: -40008,
  BASE64: -40010,
} as const;
export type CryptoErrorCode = (typeof CryptoErrorCode)[keyof typeof CryptoErrorCode];

export class CryptoError extends Error {
  constructor(
    readonly code: CryptoErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CryptoError';
  }
}

const BLOCK = 32;
const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

/** `sha1(sort(parts).join(''))` in lowercase hex. */
export const sha1Signature = (parts: readonly string[]): string =>
  createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');

/** Constant-time comparison of a received signature with the expected one. */
export const signatureMatches = (received: string, parts: readonly string[]): boolean => {
  const expected = Buffer.from(sha1Signature(parts), 'utf8');
  const given = Buffer.from(received.toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
};

export interface Decrypted {
  readonly message: string;
  readonly receiveId: string;
  readonly random: Buffer;
  readonly pad: number;
}

export class BizMsgCrypt {
  private readonly key: Buffer;
  private readonly iv: Buffer;

  /** @param encodingAesKey the 43-character key from the admin console */
  constructor(encodingAesKey: string) {
    if (!/^[A-Za-z0-9]{43}$/.test(encodingAesKey)) {
      throw new CryptoError(
        CryptoErrorCode.BAD_AES_KEY,
        'EncodingAESKey must be 43 characters of [A-Za-z0-9]',
      );
    }
    this.key = Buffer.from(`${encodingAesKey}=`, 'base64');
    if (this.key.length !== 32)
      throw new CryptoError(CryptoErrorCode.BAD_AES_KEY, 'AES key must decode to 32 bytes');
    this.iv = this.key.subarray(0, 16);
  }

  /**
   * Decrypts `random(16) ‖ msg_len(4, BE) ‖ msg ‖ receiveId`. When `expectedReceiveId` is given
   * (always, for self-built apps) a different receive id is refused (-40005).
   */
  decrypt(ciphertextB64: string, expectedReceiveId?: string): Decrypted {
    if (!BASE64_RE.test(ciphertextB64) || ciphertextB64.length % 4 !== 0) {
      throw new CryptoError(CryptoErrorCode.BASE64, 'ciphertext is not Base64');
    }
    const data = Buffer.from(ciphertextB64, 'base64');
    if (data.length === 0 || data.length % 16 !== 0) {
      throw new CryptoError(CryptoErrorCode.DECRYPT, 'ciphertext length is not a multiple of the AES block');
    }
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-cbc', this.key, this.iv);
      decipher.setAutoPadding(false);
      plain = Buffer.concat([decipher.update(data), decipher.final()]);
    } catch {
      throw new CryptoError(CryptoErrorCode.DECRYPT, 'AES decryption failed');
    }
    const pad = plain[plain.length - 1] ?? 0;
    if (pad < 1 || pad > BLOCK || pad > plain.length) {
      throw new CryptoError(CryptoErrorCode.BAD_BUFFER, 'invalid PKCS#7 padding');
    }
    const body = plain.subarray(0, plain.length - pad);
    if (body.length < 20) throw new CryptoError(CryptoErrorCode.BAD_BUFFER, 'decrypted buffer too short');
    const len = body.readUInt32BE(16);
    if (20 + len > body.length)
      throw new CryptoError(CryptoErrorCode.BAD_BUFFER, 'msg_len exceeds the buffer');
    const msg = body.subarray(20, 20 + len);
    const receiveId = body.subarray(20 + len).toString('utf8');
    if (expectedReceiveId !== undefined && receiveId !== expectedReceiveId) {
      throw new CryptoError(CryptoErrorCode.RECEIVE_ID, 'receive id does not match');
    }
    const message = new TextDecoder('utf-8', { fatal: true }).decode(msg);
    return { message, receiveId, random: Buffer.from(body.subarray(0, 16)), pad };
  }

  /** Encrypts a message the way the platform does (used for replies, acks and by the emulators). */
  encrypt(message: string, receiveId: string, random: Buffer = randomBytes(16)): string {
    if (random.length !== 16) throw new Error('random must be 16 bytes');
    const msg = Buffer.from(message, 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(msg.length, 0);
    const body = Buffer.concat([random, len, msg, Buffer.from(receiveId, 'utf8')]);
    const pad = BLOCK - (body.length % BLOCK);
    const padded = Buffer.concat([body, Buffer.alloc(pad, pad)]);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.iv);
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
  }
}
