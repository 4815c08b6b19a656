/** Everything the bot recognises in a message. */
export const INTENTS = [
  'complaint',
  'repair',
  'goods_release',
  'key_loan',
  'archive_access',
  'renovation',
  'space_use',
  'lock_change',
  'staff_pass',
  'after_hours',
  'posting',
  'move_out',
  'query_status',
  'fee_quote',
  'help',
  'smalltalk',
  'unknown',
] as const;
export type Intent = (typeof INTENTS)[number];

/** Intents that become an approval request. */
export const APPROVAL_INTENTS = [
  'goods_release',
  'key_loan',
  'archive_access',
  'renovation',
  'space_use',
  'lock_change',
  'staff_pass',
  'after_hours',
  'posting',
  'move_out',
] as const satisfies readonly Intent[];
export type ApprovalIntent = (typeof APPROVAL_INTENTS)[number];

export const isApprovalIntent = (i: Intent): i is ApprovalIntent =>
  (APPROVAL_INTENTS as readonly string[]).includes(i);
