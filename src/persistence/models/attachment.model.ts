import { type InferSchemaType, Schema } from 'mongoose';
import { PLATFORMS } from './identity.model.js';

/**
 * A photo or file someone sent in chat, stored in the database (it must outlive the platform's
 * three-day media ids). Bytes live in `attachment_chunks`; this row is what it is and who sent it.
 */
export const AttachmentSchema = new Schema(
  {
    /** Idempotency key: the inbound event that brought it (a retried job stores it once). */
    sourceKey: { type: String, required: true, unique: true },
    filename: { type: String, default: '' },
    /** What the bytes really are (sniffed), not what the sender claimed. */
    mime: { type: String, required: true },
    size: { type: Number, required: true },
    sha256: { type: String, required: true },
    chunks: { type: Number, required: true },
    uploaderId: { type: Schema.Types.ObjectId },
    platform: { type: String, enum: PLATFORMS, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'attachments' },
);

export type AttachmentRow = InferSchemaType<typeof AttachmentSchema>;

/** One slice of an attachment's bytes (kept well under the document size limit of every store). */
export const AttachmentChunkSchema = new Schema(
  {
    attachmentId: { type: String, required: true, index: true },
    n: { type: Number, required: true },
    data: { type: Buffer, required: true },
  },
  { collection: 'attachment_chunks' },
);
