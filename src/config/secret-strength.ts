/**
 * A rough strength estimate for operator-chosen secrets (the admin bearer token). It cannot prove
 * a secret random; it refuses the obvious: short tokens, words with a few digits, one character
 * repeated. A token from `openssl rand -hex 32` or `openssl rand -base64 32` passes.
 */

/** Shortest admin token accepted in production. */
export const MIN_PRODUCTION_TOKEN_LENGTH = 32;
/** Least empirical (Shannon) entropy of the whole token, in bits: 32 random hex digits give 105-125. */
export const MIN_TOKEN_ENTROPY_BITS = 90;

/** Shannon entropy of the token's own character distribution, times its length. */
export const empiricalEntropyBits = (s: string): number => {
  const chars = [...s];
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    perChar -= p * Math.log2(p);
  }
  return perChar * chars.length;
};

/** Fewest different characters: a random hex token of 32 has about 14. */
const MIN_DISTINCT_CHARS = 10;

/** Whether some 4-character piece occurs three times or more (a word or pattern repeated). */
const repeatsItself = (s: string): boolean => {
  const seen = new Map<string, number>();
  for (let i = 0; i + 4 <= s.length; i++) {
    const piece = s.slice(i, i + 4);
    const n = (seen.get(piece) ?? 0) + 1;
    if (n >= 3) return true;
    seen.set(piece, n);
  }
  return false;
};

/** Why a token is too weak for production, or undefined when it is acceptable. */
export const weakTokenReason = (token: string): string | undefined => {
  if ([...token].length < MIN_PRODUCTION_TOKEN_LENGTH) {
    return `shorter than ${MIN_PRODUCTION_TOKEN_LENGTH} characters`;
  }
  if (
    empiricalEntropyBits(token) < MIN_TOKEN_ENTROPY_BITS ||
    new Set(token).size < MIN_DISTINCT_CHARS ||
    repeatsItself(token)
  ) {
    return `too predictable (under ${MIN_TOKEN_ENTROPY_BITS} bits of entropy)`;
  }
  return undefined;
};
