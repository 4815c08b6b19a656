import { type InferSchemaType, Schema } from 'mongoose';
import { PLATFORMS } from './identity.model.js';

/** How long an unfinished or dead event is kept (for the relay and for a human to look at). */
export const INBOUND_RETENTION_DAYS = 7;
/**
 * `received` is open (waiting, or retried after a failure: see `attempts` and `lastError`);
 * `done` was handled; `dead` exhausted its attempts (the person was told). `processing` and
 * `failed` are no longer written (older rows may carry them and count as open).
 */
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
    /** Sender. */
    userId: { type: String, required: true },
    /**
     * `platform:userId` while the event is open, removed once it is done or dead: the drain of one
     * person reads its open events by equality on this field, so finished rows never weigh on it.
     */
    lane: { type: String },
    /** The normalised, platform-neutral event (see src/platforms/inbound-event.ts). */
    event: { type: Schema.Types.Mixed, required: true },
    status: { type: String, enum: INBOUND_STATUSES, required: true },
    attempts: { type: Number, default: 0 },
    receivedAt: { type: Date, required: true },
    processedAt: { type: Date },
    lastError: { type: String },
    /**
     * TTL: the row disappears after this moment (Mongo TTL monitor, or the expiry sweeper). A done
     * row keeps only the de-duplication horizon, so the collection holds open events and the
     * last hour's, whatever the history (FerretDB on SQLite scans a collection for every query).
     */
    expiresAt: { type: Date, required: true, expires: 0 },
  },
  { collection: 'inbound_events', minimize: false },
);
InboundEventSchema.index({ platform: 1, dedupeKey: 1 }, { unique: true });
InboundEventSchema.index({ status: 1 });
InboundEventSchema.index({ lane: 1 });

export type InboundEventRow = InferSchemaType<typeof InboundEventSchema>;
