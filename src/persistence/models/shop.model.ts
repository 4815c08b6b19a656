import { type InferSchemaType, Schema } from 'mongoose';
import { RELEASE_SIGNATURE_MODES } from '../../domain/approval/approval.rules.js';

/** How goods-release slips from this shop must be signed (chosen at move-in). */
export { RELEASE_SIGNATURE_MODES };

const ContactSchema = new Schema(
  {
    name: { type: String, required: true },
    phone: { type: String, required: true },
    title: { type: String, default: '' },
  },
  { _id: false },
);

const SignerSchema = new Schema(
  {
    name: { type: String, required: true },
    personId: { type: Schema.Types.ObjectId },
  },
  { _id: false },
);

/** A shop unit: the registry every unit code a tenant types is checked against. */
export const ShopSchema = new Schema(
  {
    /** Canonical unit code: `A1023`, `B1-23`, `3F-12`, `205`. */
    code: { type: String, required: true, unique: true },
    /** `B1`, `1F`, `2F`, `3F`. */
    floor: { type: String, required: true, index: true },
    zone: { type: String, default: '' },
    /** Building area in m², used by the move-in fee formulas. */
    areaM2: { type: Number, required: true, min: 1 },
    occupancy: { type: String, enum: ['owner', 'renter', 'vacant'], required: true },
    /** Trading name of the shop. */
    shopName: { type: String, default: '' },
    occupantName: { type: String, default: '' },
    /** Management-fee unit price in 元/m² per month (35 owners; 30 or 35 renters). */
    mgmtUnitPrice: { type: Number, default: 35 },
    /** Purchase price in 元 (owners only), for the 2% maintenance fund. */
    purchasePrice: { type: Number },
    contacts: { type: [ContactSchema], default: [] },
    releaseSignatureMode: { type: String, enum: RELEASE_SIGNATURE_MODES, default: 'any_signer' },
    releaseSigners: { type: [SignerSchema], default: [] },
  },
  { timestamps: true, collection: 'shops' },
);

export type Shop = InferSchemaType<typeof ShopSchema>;
