/** Mainland mobile numbers and landlines. */
const MOBILE = /(?<!\d)(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)/;
const LANDLINE = /(?<!\d)(0\d{2,3})-?(\d{7,8})(?!\d)/;

export const extractPhone = (text: string): string | undefined => {
  const m = MOBILE.exec(text);
  if (m) return `${m[1]}${m[2]}${m[3]}`;
  const l = LANDLINE.exec(text);
  return l ? `${l[1]}-${l[2]}` : undefined;
};

const ID_RE = /(?<![\dXx])(\d{17}[\dXx])(?![\dXx])/;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643 check digit of an 18-digit resident ID number. */
export const idChecksumOk = (id: string): boolean => {
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return CHECK[sum % 11] === id[17]?.toUpperCase();
};

/** Masks an ID number for storage and display: first 3 and last 4 digits kept. */
export const maskId = (id: string): string => `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;

export interface IdNumberSlot {
  /** Only the masked form is ever kept or shown. */
  readonly masked: string;
  readonly valid: boolean;
}

/** What an 18-digit number that fails the check digit becomes (it is not kept either). */
export const INVALID_ID = '[证件号校验不通过]';
const MASKED_RE = /(?<![\dXx*])(\d{3})\*{11}([\dXx]{3}[\dXx])(?![\dXx*])/;

/**
 * An ID number, returned masked (the full number is never stored). Inbound text is masked at
 * normalisation, so the masked form is what usually arrives here; its check digit was verified
 * when it was masked.
 */
export const extractIdNumber = (text: string): IdNumberSlot | undefined => {
  const m = ID_RE.exec(text);
  if (m?.[1]) return { masked: maskId(m[1].toUpperCase()), valid: idChecksumOk(m[1]) };
  const masked = MASKED_RE.exec(text);
  if (masked) return { masked: masked[0].toUpperCase(), valid: true };
  return text.includes(INVALID_ID) ? { masked: '', valid: false } : undefined;
};

/** The text with every ID number masked (invalid ones replaced), before anything stores it. */
export const redactIdNumbers = (text: string): string =>
  text.replace(new RegExp(ID_RE.source, 'g'), (id) =>
    idChecksumOk(id) ? maskId(id.toUpperCase()) : INVALID_ID,
  );
