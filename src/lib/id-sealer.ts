import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const AAD = Buffer.from('mallbot:resident-id:v1');
const PREFIX = 'v1';

/**
 * Resident ID numbers encrypted at rest (AES-256-GCM, a fresh 96-bit nonce per value, the
 * purpose bound as associated data). The key comes from validated configuration
 * (`ID_ENCRYPTION_KEY`); the sealed form is `v1.<nonce>.<ciphertext>.<tag>` in base64url and is
 * the only form of a full ID number the product stores, queues or logs.
 */
export class IdSealer {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('ID encryption key must be 32 bytes');
    this.key = Buffer.from(key);
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    c.setAAD(AAD);
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return [PREFIX, iv, ct, c.getAuthTag()]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  /** The plain value, or undefined when the value is not ours or was tampered with. */
  open(sealed: string): string | undefined {
    const [v, iv, ct, tag] = sealed.split('.');
    if (v !== PREFIX || !iv || !ct || !tag) return undefined;
    try {
      const d = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      d.setAAD(AAD);
      d.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}

/** `ID_ENCRYPTION_KEY` as written: 64 hex characters or base64 of 32 bytes; undefined otherwise. */
export const parseIdKey = (v: string): Buffer | undefined => {
  const s = v.trim();
  if (/^[0-9a-fA-F]{64}$/.test(s)) return Buffer.from(s, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(s)) {
    const b = Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return b.length === 32 ? b : undefined;
  }
  return undefined;
};
