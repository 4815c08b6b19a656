import { APPROVAL_TYPES } from '../domain/approval/approval.types.js';

/** Everything the bot recognises in a message; the approval intents are exactly the approval types. */
export const INTENTS = [
  'complaint',
  'repair',
  ...APPROVAL_TYPES,
  'query_status',
  'fee_quote',
  'help',
  'smalltalk',
  'unknown',
] as const;
export type Intent = (typeof INTENTS)[number];
