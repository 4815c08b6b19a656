/**
 * A rough strength estimate for operator-chosen secrets (the admin bearer token). It cannot prove
 * a secret random; it refuses the obvious: short tokens, words with a few digits, one character
 * repeated. A token from `openssl rand -hex 32` or `openssl rand -base64 32` passes.
 */

/** Shortest admin token accepted in production. */
export const MIN_PRODUCTION_TOKEN_LENGTH = 32;
/** Least empirical (Shannon) entropy of the whole token, in bits: 32 random hex digits give ~118. */
export const MIN_TOKEN_ENTROPY_BITS = 100;

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

/** Why a token is too weak for production, or undefined when it is acceptable. */
export const weakTokenReason = (token: string): string | undefined => {
  if ([...token].length < MIN_PRODUCTION_TOKEN_LENGTH) {
    return `shorter than ${MIN_PRODUCTION_TOKEN_LENGTH} characters`;
  }
  if (empiricalEntropyBits(token) < MIN_TOKEN_ENTROPY_BITS) {
    return `too predictable (under ${MIN_TOKEN_ENTROPY_BITS} bits of entropy)`;
  }
  return undefined;
};
