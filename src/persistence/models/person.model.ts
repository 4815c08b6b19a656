import { type InferSchemaType, Schema } from 'mongoose';
import { ROLES, SHIFTS } from '../../domain/people/people.types.js';

const DutySchema = new Schema(
  {
    /** 0 = Sunday ... 6 = Saturday, in the business time zone. */
    weekday: { type: Number, required: true, min: 0, max: 6 },
    shift: { type: String, enum: SHIFTS, required: true },
  },
  { _id: false },
);

/** A tenant or a member of staff. Platform accounts live in `identities`. */
export const PersonSchema = new Schema(
  {
    name: { type: String, required: true },
    kind: { type: String, enum: ['tenant', 'staff'], required: true, index: true },
    roles: { type: [{ type: String, enum: ROLES }], default: [], index: true },
    /** Shops a tenant may act for (never another tenant's). */
    shopCodes: { type: [String], default: [], index: true },
    phone: { type: String, default: '' },
    /** Staff number in the company roster; the key the roster import upserts on. */
    employeeNo: { type: String },
    active: { type: Boolean, default: true },
    /** Floors a member of staff looks after (an assistant's patrol floors: what the dashboard shows them). */
    floors: { type: [String], default: [] },
    duty: { type: [DutySchema], default: [] },
  },
  { timestamps: true, collection: 'people' },
);
PersonSchema.index({ employeeNo: 1 });

export type Person = InferSchemaType<typeof PersonSchema>;
