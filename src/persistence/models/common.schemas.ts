import { Schema } from 'mongoose';
import { WAIT_ONS } from '../../domain/shared/ticket-wait.js';
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

/** A ticket's current wait (挂起): on what, why, since when, until when, and the state it left. */
export const WaitSchema = new Schema(
  {
    on: { type: String, enum: WAIT_ONS, required: true },
    reason: { type: String, default: '', maxlength: 500 },
    since: { type: Date, required: true },
    resumeBy: { type: Date, required: true },
    from: { type: String, required: true },
  },
  { _id: false },
);
