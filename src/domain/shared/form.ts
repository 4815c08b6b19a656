/**
 * A form as data: the fields a filing asks for, one question at a time. Request types declare
 * theirs in `APPROVAL_TYPE_DEFS` (approval.rules.ts); the conversation reads words into them.
 */
export type FieldKind =
  | 'where'
  | 'unit'
  | 'items'
  | 'when'
  | 'phone'
  | 'id'
  | 'count'
  | 'text'
  | 'yesno'
  | 'overnight'
  /** A time window (start and end): a space booking, after-hours work. */
  | 'window'
  /** One of the bookable public spaces. */
  | 'space'
  /** Files sent in chat while the field is asked (photos, PDFs); the value counts them. */
  | 'attachments';

export interface Field {
  readonly key: string;
  readonly label: string;
  readonly kind: FieldKind;
  /** The question, asked when the field is missing (one at a time). */
  readonly question: string;
  readonly required: boolean;
  /** Defaults to the tenant's own shop when nothing is said (where/unit fields). */
  readonly defaultsToOwnShop?: boolean;
  /** Only outside people (not staff) are asked. */
  readonly outsidersOnly?: boolean;
}

export const whereField = (q: string): Field => ({
  key: 'where',
  label: '位置',
  kind: 'where',
  question: q,
  required: true,
  defaultsToOwnShop: true,
});
export const unitField = (q = '请问是哪个铺位？（例如 B1-23、A1023）'): Field => ({
  key: 'unit',
  label: '铺位',
  kind: 'unit',
  question: q,
  required: true,
  defaultsToOwnShop: true,
});
export const whenField = (label: string, q: string): Field => ({
  key: 'when',
  label,
  kind: 'when',
  question: q,
  required: true,
});
export const textField = (key: string, label: string, q: string, required = true): Field => ({
  key,
  label,
  kind: 'text',
  question: q,
  required,
});

export const windowField = (key: string, label: string, q: string): Field => ({
  key,
  label,
  kind: 'window',
  question: q,
  required: true,
});
export const filesField = (key: string, label: string, q: string): Field => ({
  key,
  label,
  kind: 'attachments',
  question: q,
  required: true,
});
