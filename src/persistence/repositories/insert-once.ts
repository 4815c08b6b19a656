import type { Model, Types } from 'mongoose';
import { isDuplicateKey } from './mongo-errors.js';

/**
 * Inserts a document that is unique per `sourceKey` (the cause that created it). When the cause is
 * handled again, the existing document is returned instead; any other duplicate (the ticket number)
 * is rethrown for the caller to retry with a new number.
 */
export const insertOnce = async <T>(
  model: Model<T>,
  sourceKey: string,
  doc: Record<string, unknown>,
): Promise<{ row: T & { _id: Types.ObjectId }; created: boolean }> => {
  try {
    const created = await model.create(doc);
    return { row: created.toObject() as T & { _id: Types.ObjectId }, created: true };
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const existing = (await model.findOne({ sourceKey }).lean()) as (T & { _id: Types.ObjectId }) | null;
    if (!existing) throw e;
    return { row: existing, created: false };
  }
};
