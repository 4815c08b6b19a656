/** A byte range of a file, inclusive at both ends (as HTTP writes it). */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Reads a single-range `Range` header against a file of `size` bytes: `bytes=a-b`, `bytes=a-` and
 * `bytes=-n` (RFC 9110 §14.1.2). WeCom's own example writes `Range: bytes 0-1023`, so a space is
 * accepted in place of `=`. Returns undefined when there is no usable header (serve the whole
 * file), or 'unsatisfiable' when the range lies outside the file (answer 416).
 */
export const parseRange = (
  header: string | undefined,
  size: number,
): ByteRange | 'unsatisfiable' | undefined => {
  if (!header) return undefined;
  const m = /^\s*bytes[=\s]\s*(\d*)-(\d*)\s*$/i.exec(header);
  if (!m) return undefined;
  const [, a = '', b = ''] = m;
  if (a === '' && b === '') return undefined;
  if (a === '') {
    const n = Number(b);
    if (n === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(a);
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
};
