import { z } from 'zod';
import { INSECURE_OVERRIDES, type InsecureOverride } from './production-rules.js';

/** Field types shared by the environment schema (env.ts). */

const AES_KEY_RE = /^[A-Za-z0-9]{43}$/;

export const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

export const aesKey = (name: string) =>
  optionalString.refine((v) => v === undefined || AES_KEY_RE.test(v), {
    message: `${name} must be exactly 43 characters from [A-Za-z0-9] (the Base64 form of a 32-byte key, without the trailing "=")`,
  });

export const bool = (dflt: 'true' | 'false') =>
  z
    .enum(['true', 'false', '1', '0', ''])
    .default(dflt)
    .transform((v) => v === 'true' || v === '1');

export const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** `ALLOW_INSECURE`: the production checks to waive, by name. */
export const insecureOverrides = z
  .string()
  .default('')
  .transform((v, ctx) => {
    const parts = v
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const bad = parts.filter((p) => !(INSECURE_OVERRIDES as readonly string[]).includes(p));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `ALLOW_INSECURE may only name ${INSECURE_OVERRIDES.join(', ')}`,
      });
      return z.NEVER;
    }
    return parts as InsecureOverride[];
  });
