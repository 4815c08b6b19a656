import { type InferSchemaType, Schema } from 'mongoose';

/** One-time binding code issued by the front desk for a tenant; only its hash is stored. */
export const BindCodeSchema = new Schema(
  {
    codeHash: { type: String, required: true, unique: true },
    shopCode: { type: String, required: true, index: true },
    /** The tenant person the code binds to. */
    personId: { type: Schema.Types.ObjectId, required: true },
    issuedBy: { type: String, default: 'admin' },
    issuedAt: { type: Date, required: true },
    usedAt: { type: Date },
    /** Set when a newer code was issued for the same shop: only the newest one binds. */
    revokedAt: { type: Date },
    expiresAt: { type: Date, required: true, expires: 0 },
  },
  { collection: 'bind_codes' },
);

export type BindCodeRow = InferSchemaType<typeof BindCodeSchema>;
