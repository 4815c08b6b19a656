/**
 * Normalises what people type before any matching: full-width ASCII (Ａ１０２３, －, ：) to
 * half-width, the ideographic space to a space, runs of whitespace to one, Latin letters kept
 * as typed (unit codes are upper-cased where they are recognised).
 */
export const normalizeText = (raw: string): string =>
  raw
    .normalize('NFKC')
    .replace(/[\u3000\s]+/g, ' ')
    .replace(/[—–－﹣]/g, '-')
    .replace(/[～〜]/g, '~')
    .trim();

/** True when the text has no letters, digits or Chinese characters at all (emoji, punctuation). */
export const hasNoWords = (text: string): boolean => text.length > 0 && !/[\p{L}\p{N}]/u.test(text);
