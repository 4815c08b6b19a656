import { type InferSchemaType, Schema } from 'mongoose';

/**
 * A short-lived claim on a change (`<kind>:<id>:v<version>`, a single-use code): whoever inserts the
 * `_id` first holds it. A unique `_id` insert is atomic on every server we run on, while a
 * conditional update is not on FerretDB 1.x (it reads, applies the operators and writes the whole
 * document back without re-checking the filter, so two "conditional" updates can both succeed).
 */
export const ClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    /** A claim whose holder died is taken over after this; TTL (or the expiry sweeper) removes it. */
    expiresAt: { type: Date, required: true, expires: 0 },
  },
  { collection: 'claims', versionKey: false },
);

export type ClaimRow = InferSchemaType<typeof ClaimSchema>;
