import { type InferSchemaType, Schema } from 'mongoose';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_KINDS,
  COMPLAINT_STATUSES,
} from '../../domain/complaint/complaint.types.js';
import { STAFF_ROLES } from '../../domain/people/people.types.js';
import { ChannelSchema, HistorySchema, WaitSchema } from './common.schemas.js';

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
    /** The tenant's own words, as written. */
    text: { type: String, required: true, maxlength: 2000 },
    /** The shop whose tenant may see it ('' for none). */
    shopCode: { type: String, default: '', index: true },
    /** The unit the complaint is about, when named. */
    unit: { type: String, default: '', index: true },
    place: { type: String, default: '' },
    floor: { type: String, default: '' },
    reporterId: { type: Schema.Types.ObjectId, required: true, index: true },
    channel: { type: ChannelSchema, required: true },
    ownerRole: { type: String, enum: STAFF_ROLES, required: true },
    routedRoles: { type: [{ type: String, enum: STAFF_ROLES }], default: [] },
    ownerId: { type: Schema.Types.ObjectId },
    /** To-do keys (equality-indexed): the role or the person the complaint waits on now, '' for none. */
    waitRole: { type: String, default: '', index: true },
    waitPersonId: { type: String, default: '', index: true },
    stage: { type: Number, default: 0 },
    checkpoints: { type: CheckpointsSchema, default: () => ({}) },
    /** The time promised to the customer for the next reply; reminded before, escalated after. */
    replyDueAt: { type: Date, index: true },
    firstRepliedAt: { type: Date },
    /** Deadlines (src/deadlines/kinds): the next rung of the take-up ladder while open, and of the promised reply. */
    takeRemindAt: { type: Date, index: true },
    takeRung: { type: Number },
    takeSince: { type: Date },
    replyRemindAt: { type: Date, index: true },
    replyRung: { type: Number },
    /** Indexed: the weekly digest ranges over complaints closed in the week (issue 14). */
    closedAt: { type: Date, index: true },
    /**
     * Week keys (issue 13): the business-zone Monday (`YYYY-MM-DD`) of `createdAt` and of
     * `closedAt`, absent while not closed. The weekly statistics lead with equality on them,
     * which FerretDB pushes down, where a date range is not (persistence/complaint-weeks.ts).
     */
    createdWeek: { type: String, index: true },
    closedWeek: { type: String, index: true },
    escalationLevel: { type: Number, default: 0 },
    lastReply: { type: String, default: '' },
    record: { type: String, default: '' },
    rating: { type: Number, min: 1, max: 5 },
    ratingComment: { type: String, default: '' },
    callbackDoneAt: { type: Date },
    callbackById: { type: Schema.Types.ObjectId },
    callbackNote: { type: String, default: '' },
    /** Written complaints: incoming-document number and the complainant as written on it. */
    docNo: { type: String, default: '' },
    complainant: { type: String, default: '' },
    attachmentIds: { type: [String], default: [] },
    /** Total time spent waiting (挂起), which the resolution target does not count. */
    pausedMs: { type: Number, default: 0 },
    /** Waiting (挂起): the current wait, and the owner's reminder on its expected resume date. */
    wait: { type: WaitSchema },
    resumeRemindAt: { type: Date, index: true },
    resumeRung: { type: Number },
    history: { type: [HistorySchema], default: [] },
    version: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'complaints' },
);
ComplaintSchema.index({ createdAt: 1 });

export type Complaint = InferSchemaType<typeof ComplaintSchema>;
