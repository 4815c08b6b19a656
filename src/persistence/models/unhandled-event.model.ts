import { type InferSchemaType, Schema } from 'mongoose';
import { PLATFORMS } from './identity.model.js';

/** How long pushes the bot did not act on are kept for an operator to look at. */
export const UNHANDLED_RETENTION_DAYS = 30;
/** `ignored`: verified, and nothing the bot acts on. `dead_letter`: verified but could not be stored. */
export const UNHANDLED_DISPOSITIONS = ['ignored', 'dead_letter'] as const;

/**
 * Verified platform pushes that did not become inbound events: events the bot does not act on
 * (check_url, organisation and approval-flow events) and events that failed validation. They are
 * acknowledged to the platform (it would retry and finally disable the subscription otherwise) and
 * kept here so nothing verified disappears without a trace. The payload is kept as masked text:
 * platform JSON may carry keys a document store refuses ('.', '$').
 */
export const UnhandledEventSchema = new Schema(
  {
    platform: { type: String, enum: PLATFORMS, required: true },
    /** Where it came in: `dingtalk_event_http`, `dingtalk_event_stream`. */
    source: { type: String, required: true },
    disposition: { type: String, enum: UNHANDLED_DISPOSITIONS, required: true },
    eventType: { type: String, default: 'unknown' },
    reason: { type: String, default: '' },
    /** The decrypted payload, ID numbers masked, cut to a few KB. */
    payload: { type: String, default: '' },
    receivedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true, expires: 0 },
  },
  { collection: 'unhandled_events' },
);
UnhandledEventSchema.index({ disposition: 1, receivedAt: 1 });

export type UnhandledEventRow = InferSchemaType<typeof UnhandledEventSchema>;
