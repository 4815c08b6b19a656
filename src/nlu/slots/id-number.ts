/**
 * Finding resident ID numbers (GB 11643, 18 characters) in every way people write them: ASCII or
 * full-width digits (１１０１０５…), grouped with spaces or dashes (110105 19491231 002X,
 * 1101 0519 4912 3100 2X), a full-width or lower-case X. Masking happens at intake, before
 * anything is stored, so the forms must be recognised here and nowhere else.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643 check digit of an 18-character resident ID number (ASCII form). */
export const idChecksumOk = (id: string): boolean => {
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return CHECK[sum % 11] === id[17]?.toUpperCase();
};

/** Masks an ID number for storage and display: first 3 and last 4 kept. */
export const maskId = (id: string): string => `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;

/** What an 18-digit number that fails the check digit becomes (it is not kept either). */
export const INVALID_ID = '[证件号校验不通过]';

/** Full-width digits and X folded to ASCII. */
const toAscii = (s: string): string =>
  s.replace(/[０-９Ｘｘ]/g, (c) => {
    const code = c.charCodeAt(0);
    return code >= 0xff10 && code <= 0xff19 ? String(code - 0xff10) : 'X';
  });

const DIGIT = '0-9\uFF10-\uFF19';
const IDCHAR = `${DIGIT}Xx\uFF38\uFF58`;
/** Space- and dash-like characters people put between digit groups (at most two in a row). */
const SEP = ' \\t\\u00A0\\u3000\\-\\uFF0D\\u2010-\\u2014';
/** A run of digit groups joined by short separators, as written. */
const RUN_RE = new RegExp(`(?<![${IDCHAR}])[${DIGIT}](?:[${SEP}]{0,2}[${IDCHAR}])*`, 'g');
const GROUP_RE = new RegExp(`[${IDCHAR}]+`, 'g');

/** Region code, then a real-looking birth date: what makes grouped digits an ID, not a phone. */
const looksLikeId = (id: string): boolean => {
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
};

export interface FoundId {
  readonly start: number;
  readonly end: number;
  /** ASCII, upper-case X. */
  readonly id: string;
  readonly valid: boolean;
}

/**
 * Every ID number in the text, left to right, as spans of the original. One unbroken group of 18
 * is always an ID (masked or refused); several groups that add up to 18 count when they carry a
 * valid check digit or a plausible region and birth date, so two phone numbers side by side are
 * left alone.
 */
export const findIdNumbers = (text: string): FoundId[] => {
  const found: FoundId[] = [];
  for (const run of text.matchAll(RUN_RE)) {
    const groups = [...run[0].matchAll(GROUP_RE)].map((g) => ({
      start: run.index + g.index,
      end: run.index + g.index + g[0].length,
      chars: toAscii(g[0]).toUpperCase(),
    }));
    let i = 0;
    while (i < groups.length) {
      let joined = '';
      let hit: FoundId | undefined;
      for (let j = i; j < groups.length && joined.length < 18; j++) {
        joined += groups[j]?.chars ?? '';
        if (joined.length !== 18 || !/^\d{17}[\dX]$/.test(joined)) continue;
        const single = i === j;
        if (single || idChecksumOk(joined) || looksLikeId(joined)) {
          hit = {
            start: groups[i]?.start ?? 0,
            end: groups[j]?.end ?? 0,
            id: joined,
            valid: idChecksumOk(joined),
          };
          i = j;
        }
      }
      if (hit) found.push(hit);
      i++;
    }
  }
  return found;
};

/** The text with every ID number masked (invalid ones replaced), before anything stores it. */
export const redactIdNumbers = (text: string): string => {
  const found = findIdNumbers(text);
  if (found.length === 0) return text;
  let out = '';
  let at = 0;
  for (const f of found) {
    out += text.slice(at, f.start) + (f.valid ? maskId(f.id) : INVALID_ID);
    at = f.end;
  }
  return out + text.slice(at);
};
