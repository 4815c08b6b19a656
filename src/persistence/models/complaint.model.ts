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
    history: { type: [HistorySchema], default: [] },
    version: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'complaints' },
);

export type Complaint = InferSchemaType<typeof ComplaintSchema>;
