import { Schema } from 'mongoose';
import { PLATFORMS } from './identity.model.js';

/** Where a request came from, so replies and reminders can reach the person again. */
export const ChannelSchema = new Schema(
  {
    platform: { type: String, enum: PLATFORMS, required: true },
    userId: { type: String, required: true },
    conversationId: { type: String, default: '' },
  },
  { _id: false },
);

/** One line of a ticket's history (who did what, when). */
export const HistorySchema = new Schema(
  {
    at: { type: Date, required: true },
    actorId: { type: Schema.Types.ObjectId },
    action: { type: String, required: true },
    note: { type: String, default: '' },
  },
  { _id: false },
);
