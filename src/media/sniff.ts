/**
 * What a file really is, from its first bytes. A platform may answer an error page or JSON where a
 * photo was expected, and a sender's file name proves nothing: only these kinds are kept.
 */
export const ACCEPTED = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'application/pdf': 'pdf',
} as const;
export type AcceptedMime = keyof typeof ACCEPTED;

const starts = (b: Buffer, sig: readonly number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (b: Buffer, at: number, s: string) => b.subarray(at, at + s.length).toString('latin1') === s;

export const sniffMime = (b: Buffer): AcceptedMime | undefined => {
  if (b.length < 12) return undefined;
  if (starts(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) return 'image/gif';
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return 'image/webp';
  if (ascii(b, 4, 'ftyp') && ['heic', 'heix', 'mif1', 'msf1'].some((brand) => ascii(b, 8, brand)))
    return 'image/heic';
  if (ascii(b, 0, '%PDF-')) return 'application/pdf';
  return undefined;
};

export const isImage = (mime: string): boolean => mime.startsWith('image/');
