import { type InferSchemaType, Schema } from 'mongoose';
import {
  APPROVAL_STATUSES,
  APPROVAL_TYPES,
  STEP_CONDITIONS,
  STEP_STATUSES,
} from '../../domain/approval/approval.types.js';
import { FOLLOW_UP_TASKS } from '../../domain/approval/follow-up.types.js';
import { ROLES } from '../../domain/people/people.types.js';
import { ChannelSchema, HistorySchema } from './common.schemas.js';

/** One step of the chain, owned by a role (resolved to the person on duty when needed). */
const StepSchema = new Schema(
  {
    role: { type: String, enum: ROLES, required: true },
    /** Named deciders instead of the role's holders (a shop's release signers); an array in a sub-document, not a nested array. */
    personIds: { type: [Schema.Types.ObjectId], default: undefined },
    status: { type: String, enum: STEP_STATUSES, required: true },
    deciderId: { type: Schema.Types.ObjectId },
    /** The approver the decider stood in for ("代 X 审批"). */
    onBehalfOfId: { type: Schema.Types.ObjectId },
    decidedAt: { type: Date },
    reason: { type: String, default: '' },
  },
  { _id: false },
);

const DetailSchema = new Schema(
  {
    key: { type: String, required: true },
    label: { type: String, required: true },
    value: { type: String, required: true },
  },
  { _id: false },
);

/** An archive borrower's next-day return (7.2.7). */
const ExtensionSchema = new Schema(
  {
    status: { type: String, enum: ['pending', 'granted', 'refused'], required: true },
    reason: { type: String, default: '', maxlength: 500 },
    askedAt: { type: Date, required: true },
    deciderId: { type: Schema.Types.ObjectId },
    decidedAt: { type: Date },
    answer: { type: String, default: '', maxlength: 500 },
  },
  { _id: false },
);

/** A follow-up task of an approved request (move-out clearance, inspection, lock change, pass). */
const TaskSchema = new Schema(
  {
    task: { type: String, enum: FOLLOW_UP_TASKS, required: true },
    status: { type: String, enum: ['open', 'done'], required: true },
    doneById: { type: Schema.Types.ObjectId },
    doneAt: { type: Date },
    note: { type: String, default: '' },
  },
  { _id: false },
);

/** A file sent with the request, with what it is (装修图纸, 防火材料承诺书). */
const FileSchema = new Schema(
  {
    attachmentId: { type: Schema.Types.ObjectId, required: true },
    label: { type: String, required: true },
  },
  { _id: false },
);

export const ApprovalSchema = new Schema(
  {
    number: { type: String, required: true, unique: true },
    sourceKey: { type: String, required: true, unique: true },
    type: { type: String, enum: APPROVAL_TYPES, required: true },
    status: { type: String, enum: APPROVAL_STATUSES, required: true, index: true },
    requesterId: { type: Schema.Types.ObjectId, required: true, index: true },
    channel: { type: ChannelSchema, required: true },
    shopCode: { type: String, default: '', index: true },
    text: { type: String, default: '', maxlength: 2000 },
    /** What was asked, as labelled strings (kept flat: no nested arrays, no dotted keys). */
    details: { type: [DetailSchema], default: [] },
    steps: { type: [StepSchema], required: true },
    currentStep: { type: Number, default: 0 },
    /** Next reminder to the current approver, and when the step escalates. */
    remindAt: { type: Date, index: true },
    escalateAt: { type: Date, index: true },
    escalationLevel: { type: Number, default: 0 },
    /** Deadline of the thing approved (a key or archive due back the same day, a gate pass's window). */
    dueAt: { type: Date },
    /** An outside key borrower's resident ID number, AES-256-GCM (never in the view or on a card). */
    borrowerIdSealed: { type: String },
    /** An approved gate pass not yet used: when it runs out (the sweep expires it). */
    passExpiresAt: { type: Date, index: true },
    /** A key handed over and not yet back: when it is due (the sweep chases it). */
    keyDueAt: { type: Date, index: true },
    /** The chain conditions that hold (declared at filing, or marked by the archive clerk). */
    conditions: { type: [String], enum: STEP_CONDITIONS, default: [] },
    /** An archive file out and not yet back: its next chase (the sweep reminds, then tells the manager). */
    archiveDueAt: { type: Date, index: true },
    archiveChase: { type: Number, default: 0 },
    extension: { type: ExtensionSchema },
    history: { type: [HistorySchema], default: [] },
    tasks: { type: [TaskSchema], default: [] },
    attachments: { type: [FileSchema], default: [] },
    /**
     * A booked public space (space use) and its slot [slotStart, slotEnd): clashes are found by
     * equality on `space` and a range on the slot (the compound index below).
     */
    space: { type: String },
    slotStart: { type: Date },
    slotEnd: { type: Date },
    /** An approved posting's end date, when its removal is reminded (the sweep reminds once). */
    removeDueAt: { type: Date, index: true },
    /** To-do key: the role the current step waits on ('' once decided). */
    waitRole: { type: String, default: '', index: true },
    stage: { type: Number, default: 0 },
    version: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'approvals' },
);

ApprovalSchema.index({ space: 1, slotStart: 1 });

export type Approval = InferSchemaType<typeof ApprovalSchema>;
