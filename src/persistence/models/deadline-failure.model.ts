import { type InferSchemaType, Schema } from 'mongoose';

/**
 * A deadline step that failed for good (issue 14, delivery discipline): its job used up its
 * attempts, or the platform refused one of its messages for good. `_id` is the step
 * (`dl-<kind>-<item>-<due ms>`, the step's job id and outbox cause), so a step is recorded, and
 * the manager told, once.
 */
export const DeadlineFailureSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    itemId: { type: String, required: true },
    dueAt: { type: Date, required: true },
    /** `job`: the step's job exhausted its attempts; `delivery`: a message of the step was given up. */
    where: { type: String, enum: ['job', 'delivery'], required: true },
    error: { type: String, default: '' },
    /** What the lost message said (its first line), so the manager can follow up by hand. */
    what: { type: String, default: '' },
    /** Platform accounts whose message was given up. */
    recipients: { type: [String], default: [] },
    /** Indexed: the dashboard lists the newest first. */
    at: { type: Date, required: true, index: true },
  },
  { collection: 'deadline_failures', versionKey: false },
);

export type DeadlineFailureRow = InferSchemaType<typeof DeadlineFailureSchema>;
