import { findIdNumbers, INVALID_ID, maskId } from './id-number.js';

/** Mainland mobile numbers and landlines. */
const MOBILE = /(?<!\d)(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)/;
const LANDLINE = /(?<!\d)(0\d{2,3})-?(\d{7,8})(?!\d)/;

export const extractPhone = (text: string): string | undefined => {
  const m = MOBILE.exec(text);
  if (m) return `${m[1]}${m[2]}${m[3]}`;
  const l = LANDLINE.exec(text);
  return l ? `${l[1]}-${l[2]}` : undefined;
};

export { INVALID_ID, idChecksumOk, maskId, redactIdNumbers } from './id-number.js';

export interface IdNumberSlot {
  /** Only the masked form is ever kept or shown. */
  readonly masked: string;
  readonly valid: boolean;
}

const MASKED_RE = /(?<![\dXx*])(\d{3})\*{11}([\dXx]{3}[\dXx])(?![\dXx*])/;

/**
 * An ID number, returned masked (the full number is never stored). Inbound text is masked at
 * normalisation, so the masked form is what usually arrives here; its check digit was verified
 * when it was masked.
 */
export const extractIdNumber = (text: string): IdNumberSlot | undefined => {
  const [first] = findIdNumbers(text);
  if (first) return { masked: maskId(first.id), valid: first.valid };
  const masked = MASKED_RE.exec(text);
  if (masked) return { masked: masked[0].toUpperCase(), valid: true };
  return text.includes(INVALID_ID) ? { masked: '', valid: false } : undefined;
};
