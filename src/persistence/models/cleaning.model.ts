import { type InferSchemaType, Schema } from 'mongoose';
import { CLEANING_STATUSES } from '../../domain/cleaning/cleaning.types.js';
import { PATROL_SHIFTS } from '../../domain/patrol/patrol.types.js';
import { ChannelSchema, HistorySchema } from './common.schemas.js';

/** One cleaning inspection record: a deduction (扣分表) or a minor finding (检查表). */
export const CleaningSchema = new Schema(
  {
    number: { type: String, required: true, unique: true },
    sourceKey: { type: String, required: true, unique: true },
    status: { type: String, enum: CLEANING_STATUSES, required: true, index: true },
    itemCode: { type: String, default: '' },
    item: { type: String, required: true },
    points: { type: Number, default: 0 },
    text: { type: String, required: true, maxlength: 2000 },
    inspectorId: { type: Schema.Types.ObjectId, required: true },
    channel: { type: ChannelSchema, required: true },
    dayKey: { type: String, required: true, index: true },
    monthKey: { type: String, required: true, index: true },
    shift: { type: String, enum: PATROL_SHIFTS, required: true },
    contractorId: { type: Schema.Types.ObjectId },
    confirmedAt: { type: Date },
    disputeReason: { type: String },
    decidedById: { type: Schema.Types.ObjectId },
    stage: { type: Number, default: 0 },
    history: { type: [HistorySchema], default: [] },
    version: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'cleaning_records' },
);

export type Cleaning = InferSchemaType<typeof CleaningSchema>;
