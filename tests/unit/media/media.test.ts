import { describe, expect, it } from 'vitest';
import { mediaPath, verifyMediaLink } from '../../../src/media/media-url.js';
import { sniffMime } from '../../../src/media/sniff.js';
import { filenameOf } from '../../../src/platforms/http-bytes.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex');

describe('what a file really is', () => {
  it('recognises photos and PDFs by their bytes', () => {
    expect(sniffMime(PNG)).toBe('image/png');
    expect(sniffMime(JPEG)).toBe('image/jpeg');
    expect(sniffMime(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00', 'latin1'))).toBe('image/gif');
    expect(sniffMime(Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(sniffMime(Buffer.from('\x00\x00\x00\x18ftypheic\x00\x00', 'latin1'))).toBe('image/heic');
    expect(sniffMime(Buffer.from('%PDF-1.7\n%âãÏÓ', 'latin1'))).toBe('application/pdf');
  });

  it('refuses what only claims to be a photo: a JSON error, HTML, an executable, too few bytes', () => {
    expect(sniffMime(Buffer.from('{"errcode":40007,"errmsg":"invalid media_id"}'))).toBeUndefined();
    expect(sniffMime(Buffer.from('<html><body>404</body></html>'))).toBeUndefined();
    expect(sniffMime(Buffer.from('4d5a90000300000004000000ffff0000', 'hex'))).toBeUndefined();
    expect(sniffMime(PNG.subarray(0, 8))).toBeUndefined();
  });

  it('reads the file name from Content-Disposition, plain or RFC 5987', () => {
    expect(filenameOf('attachment; filename="leak.jpg"')).toBe('leak.jpg');
    expect(filenameOf("attachment; filename*=UTF-8''%E6%BC%8F%E6%B0%B4.png")).toBe('漏水.png');
    expect(filenameOf('')).toBe('');
  });
});

describe('signed photo links', () => {
  const secret = 's'.repeat(40);
  const id = '0123456789abcdef01234567';
  const now = new Date('2026-11-30T02:00:00Z');
  const parts = (path: string) => {
    const u = new URL(path, 'http://x');
    return { e: u.searchParams.get('e') ?? '', s: u.searchParams.get('s') ?? '' };
  };

  it('a link is good for its photo until it expires', () => {
    const { e, s } = parts(mediaPath(secret, id, now));
    expect(verifyMediaLink(secret, id, e, s, now)).toBe(true);
    expect(verifyMediaLink(secret, id, e, s, new Date(now.getTime() + 6 * 86_400_000))).toBe(true);
    expect(verifyMediaLink(secret, id, e, s, new Date(now.getTime() + 8 * 86_400_000))).toBe(false);
  });

  it('refuses another photo, another key, a moved expiry and a forged signature', () => {
    const { e, s } = parts(mediaPath(secret, id, now));
    expect(verifyMediaLink(secret, '0123456789abcdef01234568', e, s, now)).toBe(false);
    expect(verifyMediaLink('t'.repeat(40), id, e, s, now)).toBe(false);
    expect(verifyMediaLink(secret, id, String(Number(e) + 1000), s, now)).toBe(false);
    expect(verifyMediaLink(secret, id, e, `${s.slice(0, -1)}A`, now)).toBe(false);
    expect(verifyMediaLink(secret, id, 'abc', s, now)).toBe(false);
  });
});
