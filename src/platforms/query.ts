/**
 * Parses a raw query string with `decodeURIComponent` only: a literal `+` stays `+`. Base64
 * parameters (echostr) must not be form-decoded into spaces (PROTOCOLS.md pitfall 4).
 */
export const parseRawQuery = (raw: string): Map<string, string> => {
  const out = new Map<string, string>();
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = eq < 0 ? part : part.slice(0, eq);
    const v = eq < 0 ? '' : part.slice(eq + 1);
    try {
      if (!out.has(decodeURIComponent(k))) out.set(decodeURIComponent(k), decodeURIComponent(v));
    } catch {
      // a malformed escape: leave the parameter out; the caller reports it missing
    }
  }
  return out;
};
