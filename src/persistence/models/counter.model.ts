import { Schema } from 'mongoose';

/** Sequence counters for human ticket numbers, one row per prefix and day. */
export const CounterSchema = new Schema(
  {
    _id: { type: String, required: true },
    seq: { type: Number, required: true, default: 0 },
  },
  { collection: 'counters', versionKey: false },
);
