import { type InferSchemaType, Schema } from 'mongoose';
import { NOTICE_KINDS } from '../../domain/violation/violation.types.js';

/**
 * The register of notices (违章警告书 JG…, 违约处理单 WY…): one row per number, the number as
 * `_id`, so the insert itself decides who owns a number on every server (FerretDB's counters are
 * not atomic). `pressKey` (violation, stage and kind) makes a retried or doubled press reuse its number.
 */
export const NoticeSchema = new Schema(
  {
    _id: { type: String, required: true },
    pressKey: { type: String, required: true, unique: true },
    kind: { type: String, enum: NOTICE_KINDS, required: true },
    violationId: { type: String, required: true, index: true },
    shopCode: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'notices', versionKey: false },
);

export type Notice = InferSchemaType<typeof NoticeSchema>;
