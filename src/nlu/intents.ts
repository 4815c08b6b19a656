import { APPROVAL_TYPES, type ApprovalType } from '../persistence/models/approval.model.js';

/** Intents that become an approval request: exactly the approval types. */
export const APPROVAL_INTENTS = APPROVAL_TYPES;
export type ApprovalIntent = ApprovalType;

/** Everything the bot recognises in a message. */
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

export const isApprovalIntent = (i: Intent): i is ApprovalIntent =>
  (APPROVAL_INTENTS as readonly string[]).includes(i);
