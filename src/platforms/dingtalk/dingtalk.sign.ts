import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The robot callback signature (and the custom robot's 加签): Base64(HmacSHA256(key = secret,
 * data = timestamp + "\n" + secret)), timestamp in milliseconds (PROTOCOLS.md §2.1).
 */
export const robotSign = (timestamp: string, secret: string): string =>
  createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');

/** Constant-time check of the `sign` header. */
export const robotSignMatches = (sign: string, timestamp: string, secret: string): boolean => {
  const expected = Buffer.from(robotSign(timestamp, secret), 'utf8');
  const given = Buffer.from(sign, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
};
