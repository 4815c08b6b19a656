/** True for a unique-index violation (E11000). */
export const isDuplicateKey = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && 'code' in e && (e.code === 11000 || e.code === 11001);
