import { type InferSchemaType, Schema } from 'mongoose';
import { DISPUTE_STATUSES, REFERRALS } from '../../domain/dispute/dispute.types.js';
import { ChannelSchema, HistorySchema } from './common.schemas.js';

/** A buyer–seller dispute (9.3.2): the mediation outcome, or whom it was referred to and when. */
export const DisputeSchema = new Schema(
  {
    number: { type: String, required: true, unique: true },
    sourceKey: { type: String, required: true, unique: true },
    shopCode: { type: String, default: '', index: true },
    text: { type: String, required: true, maxlength: 2000 },
    mediatorId: { type: Schema.Types.ObjectId, required: true },
    channel: { type: ChannelSchema, required: true },
    status: { type: String, enum: DISPUTE_STATUSES, required: true, index: true },
    outcome: { type: String },
    referredTo: { type: String, enum: REFERRALS },
    referredAt: { type: Date },
    stage: { type: Number, default: 0 },
    history: { type: [HistorySchema], default: [] },
    version: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'disputes' },
);

export type Dispute = InferSchemaType<typeof DisputeSchema>;
