import { type InferSchemaType, Schema } from 'mongoose';

export const PLATFORMS = ['wecom', 'dingtalk'] as const;
export type PlatformName = (typeof PLATFORMS)[number];

/**
 * A platform account bound to a person. One person can have a WeCom and a DingTalk account; an
 * account belongs to exactly one person.
 */
export const IdentitySchema = new Schema(
  {
    platform: { type: String, enum: PLATFORMS, required: true },
    platformUserId: { type: String, required: true },
    personId: { type: Schema.Types.ObjectId, required: true, index: true },
    boundAt: { type: Date, required: true },
    /** `roster` (staff import), `code` (tenant one-time code) or `seed`. */
    via: { type: String, enum: ['roster', 'code', 'seed', 'admin'], required: true },
  },
  { collection: 'identities' },
);
IdentitySchema.index({ platform: 1, platformUserId: 1 }, { unique: true });

export type Identity = InferSchemaType<typeof IdentitySchema>;
