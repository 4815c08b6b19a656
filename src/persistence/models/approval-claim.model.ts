import { Schema } from 'mongoose';

/**
 * One row per decided approval version (`<approvalId>:<version>`): the unique `_id` decides which
 * of two simultaneous decisions may write (see ApprovalRepository.update).
 */
export const ApprovalClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'approval_claims', versionKey: false },
);
