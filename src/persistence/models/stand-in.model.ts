import { type InferSchemaType, Schema } from 'mongoose';

/** A stand-in named by an approver: `deputyId` decides for `principalId` over [from, until). */
export const StandInSchema = new Schema(
  {
    principalId: { type: Schema.Types.ObjectId, required: true, index: true },
    deputyId: { type: Schema.Types.ObjectId, required: true, index: true },
    from: { type: Date, required: true },
    until: { type: Date, required: true },
    note: { type: String, default: '' },
  },
  { timestamps: true, collection: 'stand_ins' },
);

export type StandInRow = InferSchemaType<typeof StandInSchema>;
