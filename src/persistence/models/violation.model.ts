import { type InferSchemaType, Schema } from 'mongoose';
import { FINDING_CATEGORIES } from '../../domain/patrol/patrol.types.js';
import { NOTICE_KINDS, VIOLATION_STATUSES } from '../../domain/violation/violation.types.js';
import { ChannelSchema, HistorySchema } from './common.schemas.js';

/** A shop's breach (9.3.1), its fix-by deadline and the notice it led to. */
export const ViolationSchema = new Schema(
  {
    number: { type: String, required: true, unique: true },
    sourceKey: { type: String, required: true, unique: true },
    shopCode: { type: String, required: true, index: true },
    category: { type: String, enum: FINDING_CATEGORIES, required: true },
    text: { type: String, required: true, maxlength: 2000 },
    inspectorId: { type: Schema.Types.ObjectId, required: true },
    channel: { type: ChannelSchema, required: true },
    patrolNumber: { type: String, default: '' },
    /** The re-inspection deadline (indexed; the deadline sweep finds it); unset once it fired. */
    fixBy: { type: Date, index: true },
    /** The fix-by time as given (kept after the deadline fired). */
    fixByAt: { type: Date, required: true },
    /** When it was opened on the business clock (the dashboard's age of open violations). */
    openedAt: { type: Date },
    status: { type: String, enum: VIOLATION_STATUSES, required: true, index: true },
    offenceNo: { type: Number, default: 1 },
    escalated: { type: Boolean, default: false },
    noticeKind: { type: String, enum: NOTICE_KINDS },
    noticeNumber: { type: String, index: true },
    noticeAt: { type: Date },
    signedAt: { type: Date },
    signerId: { type: Schema.Types.ObjectId },
    meetingNote: { type: String },
    meetingAt: { type: Date },
    stage: { type: Number, default: 0 },
    history: { type: [HistorySchema], default: [] },
    version: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'violations' },
);

export type Violation = InferSchemaType<typeof ViolationSchema>;
