import { type InferSchemaType, Schema } from 'mongoose';
import { FINDING_CATEGORIES, PATROL_SHIFTS, PATROL_STATUSES } from '../../domain/patrol/patrol.types.js';
import { ChannelSchema, HistorySchema } from './common.schemas.js';

/** A patrol (巡场) and its record header; the findings are rows of their own. */
export const PatrolSchema = new Schema(
  {
    number: { type: String, required: true, unique: true },
    sourceKey: { type: String, required: true, unique: true },
    walkerId: { type: Schema.Types.ObjectId, required: true, index: true },
    /** The walker's id while the patrol is being walked, '' after: "am I patrolling?" by equality. */
    walkingBy: { type: String, default: '', index: true },
    channel: { type: ChannelSchema, required: true },
    dayKey: { type: String, required: true, index: true },
    shift: { type: String, enum: PATROL_SHIFTS, required: true },
    status: { type: String, enum: PATROL_STATUSES, required: true, index: true },
    startedAt: { type: Date, required: true },
    endedAt: { type: Date },
    reviewedAt: { type: Date },
    reviewerId: { type: Schema.Types.ObjectId },
    findingCount: { type: Number, default: 0 },
    stage: { type: Number, default: 0 },
    history: { type: [HistorySchema], default: [] },
    version: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'patrols' },
);

export type Patrol = InferSchemaType<typeof PatrolSchema>;

/** One finding of a patrol (one row each: single-document inserts, no nested arrays). */
export const PatrolFindingSchema = new Schema(
  {
    sourceKey: { type: String, required: true, unique: true },
    patrolId: { type: String, required: true, index: true },
    seq: { type: Number, required: true },
    category: { type: String, enum: FINDING_CATEGORIES, required: true },
    text: { type: String, required: true, maxlength: 2000 },
    unit: { type: String, default: '' },
    attachmentIds: { type: [String], default: [] },
    repairNumber: { type: String, default: '' },
    violationNumber: { type: String, default: '' },
    at: { type: Date, required: true },
  },
  { timestamps: true, collection: 'patrol_findings' },
);

export type PatrolFinding = InferSchemaType<typeof PatrolFindingSchema>;
