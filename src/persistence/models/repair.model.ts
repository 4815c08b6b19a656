import { type InferSchemaType, Schema } from 'mongoose';
import { ChannelSchema, HistorySchema } from './common.schemas.js';

export const REPAIR_CATEGORIES = [
  'leak',
  'power',
  'lighting',
  'aircon',
  'door',
  'lock',
  'lift',
  'plumbing',
  'alarm',
  'other',
] as const;
export const REPAIR_STATUSES = [
  'open',
  'dispatched',
  'in_progress',
  'restored',
  'accepted',
  'cancelled',
] as const;
export const REPAIR_URGENCIES = ['normal', 'urgent', 'emergency'] as const;

/** A repair work order (工程单) to engineering. */
export const RepairSchema = new Schema(
  {
    number: { type: String, required: true, unique: true },
    sourceKey: { type: String, required: true, unique: true },
    category: { type: String, enum: REPAIR_CATEGORIES, required: true },
    urgency: { type: String, enum: REPAIR_URGENCIES, required: true },
    status: { type: String, enum: REPAIR_STATUSES, required: true, index: true },
    /** Free (public areas, handover defects), paid (a tenant's own unit) or to be assessed. */
    billing: { type: String, enum: ['free', 'paid', 'to_assess'], default: 'to_assess' },
    text: { type: String, required: true, maxlength: 2000 },
    shopCode: { type: String, default: '', index: true },
    place: { type: String, default: '' },
    reporterId: { type: Schema.Types.ObjectId, required: true, index: true },
    channel: { type: ChannelSchema, required: true },
    assigneeId: { type: Schema.Types.ObjectId },
    /** Lift rule: when the fault was found, when repair started, when service was restored. */
    faultFoundAt: { type: Date, required: true },
    repairStartedAt: { type: Date },
    restoredAt: { type: Date },
    history: { type: [HistorySchema], default: [] },
    version: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'repairs' },
);

export type Repair = InferSchemaType<typeof RepairSchema>;
