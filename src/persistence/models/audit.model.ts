import { type InferSchemaType, Schema } from 'mongoose';

const refuse = () => {
  throw new Error('audit_log is append-only');
};

/** Append-only audit log: every decision, refusal and identity change. */
export const AuditSchema = new Schema(
  {
    at: { type: Date, required: true, index: true },
    action: { type: String, required: true, index: true },
    outcome: { type: String, enum: ['allowed', 'refused', 'info'], required: true },
    actorPersonId: { type: Schema.Types.ObjectId },
    actorPlatform: { type: String, default: '' },
    actorPlatformUserId: { type: String, default: '' },
    targetKind: { type: String, default: '' },
    targetId: { type: String, default: '' },
    reason: { type: String, default: '' },
    details: { type: Schema.Types.Mixed },
  },
  { collection: 'audit_log' },
);
/** A ticket's timeline on the dashboard is read by equality on its id. */
AuditSchema.index({ targetId: 1 });
for (const op of [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'replaceOne',
  'findOneAndReplace',
  'deleteOne',
  'deleteMany',
  'findOneAndDelete',
] as const) {
  AuditSchema.pre(op, refuse);
}

export type AuditRow = InferSchemaType<typeof AuditSchema>;
