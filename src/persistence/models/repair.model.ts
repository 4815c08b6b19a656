import { type InferSchemaType, Schema } from 'mongoose';
import {
  BILLINGS,
  COMPENSATION_STATUSES,
  DEPOSIT_STATUSES,
  QUOTE_STATUSES,
  REPAIR_CATEGORIES,
  REPAIR_STATUSES,
  REPAIR_URGENCIES,
} from '../../domain/repair/repair.types.js';
import { ChannelSchema, HistorySchema, WaitSchema } from './common.schemas.js';

/** A repair work order (工程单) to engineering. */
export const RepairSchema = new Schema(
  {
    number: { type: String, required: true, unique: true },
    sourceKey: { type: String, required: true, unique: true },
    category: { type: String, enum: REPAIR_CATEGORIES, required: true },
    urgency: { type: String, enum: REPAIR_URGENCIES, required: true },
    status: { type: String, enum: REPAIR_STATUSES, required: true, index: true },
    billing: { type: String, enum: BILLINGS, default: 'to_assess' },
    /** The reporter's own words. */
    text: { type: String, required: true, maxlength: 2000 },
    /** Visibility: the shop whose tenant may see it ('' for none). */
    shopCode: { type: String, default: '', index: true },
    /** Where the fault is. */
    unit: { type: String, default: '', index: true },
    place: { type: String, default: '' },
    floor: { type: String, default: '' },
    reporterId: { type: Schema.Types.ObjectId, required: true, index: true },
    channel: { type: ChannelSchema, required: true },
    assigneeId: { type: Schema.Types.ObjectId },
    /** To-do keys (equality-indexed): the role or the person the order waits on now, '' for none. */
    waitRole: { type: String, default: '', index: true },
    waitPersonId: { type: String, default: '', index: true },
    stage: { type: Number, default: 0 },
    faultFoundAt: { type: Date, required: true },
    acceptedAt: { type: Date },
    repairStartedAt: { type: Date },
    restoredAt: { type: Date },
    closedAt: { type: Date },
    reopenCount: { type: Number, default: 0 },
    quoteAmount: { type: Number },
    quoteStatus: { type: String, enum: QUOTE_STATUSES, default: 'none' },
    damageEstimate: { type: Number },
    depositAmount: { type: Number },
    depositStatus: { type: String, enum: DEPOSIT_STATUSES, default: 'none' },
    compensationAmount: { type: Number },
    compensationStatus: { type: String, enum: COMPENSATION_STATUSES, default: 'none' },
    attachmentIds: { type: [String], default: [] },
    /** Resolution target (set by the time rules); total waiting time it does not count. */
    targetAt: { type: Date, index: true },
    /** Deadlines (src/deadlines/kinds): the acknowledgement target and the next rung of each ladder. */
    ackDueAt: { type: Date },
    ackRemindAt: { type: Date, index: true },
    ackRung: { type: Number },
    targetRemindAt: { type: Date, index: true },
    targetRung: { type: Number },
    /** Waiting (挂起): the current wait; wall and business time of finished waits (the target adds them). */
    wait: { type: WaitSchema },
    pausedMs: { type: Number, default: 0 },
    pausedBusinessMs: { type: Number, default: 0 },
    /** The owner's reminder on the expected resume date (src/deadlines/kinds/resume.kinds.ts). */
    resumeRemindAt: { type: Date, index: true },
    resumeRung: { type: Number },
    history: { type: [HistorySchema], default: [] },
    version: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'repairs' },
);
RepairSchema.index({ createdAt: 1 });

export type Repair = InferSchemaType<typeof RepairSchema>;
