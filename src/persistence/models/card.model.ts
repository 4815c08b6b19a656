import { type InferSchemaType, Schema } from 'mongoose';
import { PLATFORMS } from './identity.model.js';

/**
 * An interactive card instance sent to people (WeCom `task_id`, DingTalk `outTrackId`). The id is
 * unique forever; the row remembers who received it so a decision can update it for everyone.
 */
export const CardSchema = new Schema(
  {
    cardId: { type: String, required: true, unique: true },
    platform: { type: String, enum: PLATFORMS, required: true },
    /** What the card is about, e.g. `approval` + id, or `dialog` + dialog key. */
    subjectKind: { type: String, required: true },
    subjectId: { type: String, required: true },
    /** The subject's stage when the card was sent: copies of a passed stage are closed. */
    stage: { type: Number, default: 0 },
    recipients: { type: [String], default: [] },
    state: { type: String, enum: ['open', 'closed'], default: 'open' },
    /** Latest unused WeCom response_code for this card ('' when none): each is good for one update. */
    responseCode: { type: String, default: '' },
    responseCodeAt: { type: Date },
    createdAt: { type: Date, required: true },
    closedAt: { type: Date },
  },
  { collection: 'cards' },
);
CardSchema.index({ subjectKind: 1, subjectId: 1 });

export type CardRow = InferSchemaType<typeof CardSchema>;
