import { createHmac, timingSafeEqual } from 'node:crypto';

/** A photo link stays valid this long (a manager may open an old message). */
export const MEDIA_LINK_TTL_MS = 7 * 86_400_000;

const sign = (secret: string, id: string, exp: number): string =>
  createHmac('sha256', secret).update(`${id}.${exp}`).digest('base64url');

/**
 * Signed, expiring links to one attachment (`/media/<id>?e=<ms>&s=<sig>`), so a DingTalk image
 * message can show a photo without making every photo public.
 */
export const mediaPath = (secret: string, id: string, now: Date, ttlMs = MEDIA_LINK_TTL_MS): string => {
  const exp = now.getTime() + ttlMs;
  return `/media/${id}?e=${exp}&s=${sign(secret, id, exp)}`;
};

/** Whether a link is genuine and not expired (compared in constant time). */
export const verifyMediaLink = (secret: string, id: string, e: string, s: string, now: Date): boolean => {
  const exp = Number(e);
  if (!/^\d{10,16}$/.test(e) || exp < now.getTime()) return false;
  const want = Buffer.from(sign(secret, id, exp));
  const got = Buffer.from(s);
  return want.length === got.length && timingSafeEqual(want, got);
};
