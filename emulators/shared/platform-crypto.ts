import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * The platform side of the callback crypto, written for the emulators on their own (never shared
 * with the bot's src/platforms/crypto), so a mistake on one side shows up as a failed exchange
 * instead of cancelling out. Checked against the official vectors W1, W4 and D1 of
 * PROTOCOLS.md (tests/unit/emulators/platform-crypto.test.ts).
 *
 * WeCom apps (receive id = corp id) and DingTalk event subscriptions (owner key = app key) share
 * it: AES-256-CBC, key = Base64(EncodingAESKey + "="), IV = first 16 key bytes, PKCS#7 to 32-byte
 * blocks over random(16) ‖ length(4, big-endian) ‖ message ‖ receive id.
 */
export class PlatformCallbackCrypto {
  private readonly key: Buffer;

  constructor(encodingAesKey: string) {
    const key = Buffer.from(`${encodingAesKey}=`, 'base64');
    if (encodingAesKey.length !== 43 || key.length !== 32) {
      throw new Error('emulator: an EncodingAESKey is 43 Base64 characters (32 bytes)');
    }
    this.key = key;
  }

  /** What the platform puts in `Encrypt` / `encrypt`. */
  seal(message: string, receiveId: string, random: Buffer = randomBytes(16)): string {
    const text = Buffer.from(message, 'utf8');
    const header = Buffer.alloc(20);
    random.copy(header, 0, 0, 16);
    header.writeUInt32BE(text.length, 16);
    const framed = Buffer.concat([header, text, Buffer.from(receiveId, 'utf8')]);
    const padLength = 32 - (framed.length % 32);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16)).setAutoPadding(false);
    return Buffer.concat([
      cipher.update(Buffer.concat([framed, Buffer.alloc(padLength, padLength)])),
      cipher.final(),
    ]).toString('base64');
  }

  /** Opens what the bot sent back (the DingTalk event ack); throws on anything malformed. */
  open(sealed: string): { message: string; receiveId: string } {
    const decipher = createDecipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16)).setAutoPadding(
      false,
    );
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]);
    const padLength = plain.at(-1) ?? 0;
    if (padLength < 1 || padLength > 32) throw new Error('emulator: bad padding from the bot');
    const framed = plain.subarray(0, plain.length - padLength);
    const length = framed.readUInt32BE(16);
    return {
      message: framed.subarray(20, 20 + length).toString('utf8'),
      receiveId: framed.subarray(20 + length).toString('utf8'),
    };
  }
}

/** SHA-1 of the sorted strings, lowercase hex: `msg_signature` on both platforms. */
export const callbackSignature = (...parts: string[]): string =>
  createHash('sha1').update(parts.slice().sort().join('')).digest('hex');

/** The DingTalk robot callback `sign` header: Base64 HmacSHA256(secret, timestamp + "\n" + secret). */
export const dingtalkRobotSign = (timestampMs: string, appSecret: string): string =>
  createHmac('sha256', appSecret).update(`${timestampMs}\n${appSecret}`).digest('base64');
