/** True for a unique-index violation (E11000). */
export const isDuplicateKey = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && 'code' in e && (e.code === 11000 || e.code === 11001);

/** Inserts documents with their own `_id`s; ones already there (a repeated move) are skipped. */
export const insertIgnoringDuplicates = async (
  collection: { insertMany(docs: Record<string, unknown>[], opts: { ordered: boolean }): Promise<unknown> },
  docs: Record<string, unknown>[],
): Promise<void> => {
  if (docs.length === 0) return;
  try {
    await collection.insertMany(docs, { ordered: false });
  } catch (e) {
    if (!isDuplicateKey(e) && !hasOnlyDuplicateWriteErrors(e)) throw e;
  }
};

const hasOnlyDuplicateWriteErrors = (e: unknown): boolean => {
  if (typeof e !== 'object' || e === null || !('writeErrors' in e)) return false;
  const list: unknown = e.writeErrors;
  const arr: unknown[] = Array.isArray(list) ? list : [list];
  return arr.every((w) => isDuplicateKey(w));
};
