import { type InferSchemaType, Schema } from 'mongoose';
import { ChannelSchema, HistorySchema } from './common.schemas.js';

export const COMPLAINT_KINDS = ['general', 'major', 'written'] as const;
export const COMPLAINT_STATUSES = ['open', 'handling', 'replied', 'closed'] as const;
export const COMPLAINT_CATEGORIES = [
  'noise',
  'hygiene',
  'service',
  'fees',
  'order',
  'behaviour',
  'other',
] as const;

/** "五清楚，一报告": the six checkpoints every complaint record carries (rulebook 11). */
const CheckpointsSchema = new Schema(
  {
    heard: { type: Date },
    asked: { type: Date },
    followed: { type: Date },
    replied: { type: Date },
    recorded: { type: Date },
    reported: { type: Date },
  },
  { _id: false },
);

export const ComplaintSchema = new Schema(
  {
    /** Human ticket number, e.g. `TS20261129-003`. */
    number: { type: String, required: true, unique: true },
    /** Idempotency key: the inbound event (or dialog) that filed it. */
    sourceKey: { type: String, required: true, unique: true },
    kind: { type: String, enum: COMPLAINT_KINDS, required: true },
    category: { type: String, enum: COMPLAINT_CATEGORIES, required: true },
    status: { type: String, enum: COMPLAINT_STATUSES, required: true, index: true },
    text: { type: String, required: true, maxlength: 2000 },
    /** The reporter's shop (tenants only see complaints of their own shop). */
    shopCode: { type: String, default: '', index: true },
    /** A unit or place the complaint is about, when named. */
    aboutUnit: { type: String, default: '' },
    place: { type: String, default: '' },
    reporterId: { type: Schema.Types.ObjectId, required: true, index: true },
    channel: { type: ChannelSchema, required: true },
    checkpoints: { type: CheckpointsSchema, default: () => ({}) },
    handlerRole: { type: String, default: 'assistant' },
    handlerId: { type: Schema.Types.ObjectId },
    /** The time promised to the customer for the next reply; reminded before, escalated after. */
    nextReplyAt: { type: Date, index: true },
    escalationLevel: { type: Number, default: 0 },
    callbackVisitDoneAt: { type: Date },
    /** Digest fields (issue 14); the lifecycle sets them. Indexed where the digest ranges over them. */
    createdAt: { type: Date, index: true },
    /** The floor the complaint is about, '' when unknown. */
    floor: { type: String, default: '' },
    unit: { type: String },
    /** The next reply promised to the customer. */
    replyDueAt: { type: Date, index: true },
    firstRepliedAt: { type: Date },
    closedAt: { type: Date, index: true },
    /** The customer's satisfaction at the callback visit, 1-5. */
    rating: { type: Number, min: 1, max: 5 },
    ratingComment: { type: String, maxlength: 500 },
    callbackDoneAt: { type: Date },
    /** Total time spent waiting (挂起), excluded from working time. */
    pausedMs: { type: Number },
    history: { type: [HistorySchema], default: [] },
    version: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'complaints' },
);

export type Complaint = InferSchemaType<typeof ComplaintSchema>;
