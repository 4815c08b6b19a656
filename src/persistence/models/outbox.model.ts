import { type InferSchemaType, Schema } from 'mongoose';
import { PLATFORMS } from './identity.model.js';

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
/** How long a pending or failed row is kept (a human may look at a failed one). */
export const OUTBOX_RETENTION_DAYS = 7;

/**
 * A message to send, stored before it is sent so that a crash or a Redis blip never loses it and a
 * retry never sends it twice (the key is deterministic per cause).
 */
export const OutboxSchema = new Schema(
  {
    /** Deterministic: `<cause>:<n>`, so re-running the cause re-creates the same rows. */
    key: { type: String, required: true, unique: true },
    platform: { type: String, enum: PLATFORMS, required: true },
    /** The recipient user on that platform (one row per recipient keeps rate limiting exact). */
    toUserId: { type: String, default: '' },
    /** A group conversation, when the message goes to a group. */
    toConversationId: { type: String, default: '' },
    /** DingTalk: the session webhook of the message being answered, and when it expires. */
    sessionWebhook: { type: String, default: '' },
    sessionExpiresAt: { type: Date },
    /** Platform-neutral message (text, markdown, card or card update); rendered at send time. */
    message: { type: Schema.Types.Mixed, required: true },
    status: { type: String, enum: OUTBOX_STATUSES, required: true },
    /**
     * The recipient's lane while the row is pending, removed once sent or failed: one drain per
     * recipient reads its pending rows by equality on this field and sends them in order.
     */
    lane: { type: String },
    attempts: { type: Number, default: 0 },
    lastError: { type: String },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date },
    /** What the platform returned (msgid, response_code, processQueryKey...). */
    result: { type: Schema.Types.Mixed },
    /** TTL. A sent row keeps only the de-duplication horizon of its key (see the repository). */
    expiresAt: { type: Date, required: true, expires: 0 },
  },
  { collection: 'outbox', minimize: false },
);
OutboxSchema.index({ status: 1 });
OutboxSchema.index({ lane: 1 });

export type OutboxRow = InferSchemaType<typeof OutboxSchema>;
