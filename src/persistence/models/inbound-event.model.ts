import { type InferSchemaType, Schema } from 'mongoose';
import { PLATFORMS } from './identity.model.js';

/** How long the de-duplication log keeps an event (platform retries stop long before). */
export const INBOUND_RETENTION_DAYS = 7;
/** `failed` will be retried; `dead` exhausted its attempts (the person was told). */
export const INBOUND_STATUSES = ['received', 'processing', 'done', 'failed', 'dead'] as const;

/**
 * Every inbound message or card click, stored before the platform gets its 200: the de-duplication
 * log (unique per platform event key) and the outbox that drives processing.
 */
export const InboundEventSchema = new Schema(
  {
    platform: { type: String, enum: PLATFORMS, required: true },
    /** Platform event identity: MsgId, or the event tuple for WeCom events; msgId for DingTalk. */
    dedupeKey: { type: String, required: true },
    /** Sender, top level so per-person ordering has an index. */
    userId: { type: String, required: true },
    /** The normalised, platform-neutral event (see src/platforms/inbound-event.ts). */
    event: { type: Schema.Types.Mixed, required: true },
    status: { type: String, enum: INBOUND_STATUSES, required: true },
    attempts: { type: Number, default: 0 },
    receivedAt: { type: Date, required: true },
    processedAt: { type: Date },
    lastError: { type: String },
    /** TTL: the row disappears after this moment (Mongo TTL monitor, or the expiry sweeper). */
    expiresAt: { type: Date, required: true, expires: 0 },
  },
  { collection: 'inbound_events', minimize: false },
);
InboundEventSchema.index({ platform: 1, dedupeKey: 1 }, { unique: true });
InboundEventSchema.index({ status: 1, receivedAt: 1 });
InboundEventSchema.index({ platform: 1, userId: 1, receivedAt: 1 });

export type InboundEventRow = InferSchemaType<typeof InboundEventSchema>;
