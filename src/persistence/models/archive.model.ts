import { Schema } from 'mongoose';

/** How long handled inbound events are kept in the archive (for people looking into a case). */
export const INBOUND_ARCHIVE_DAYS = 7;
/** How long sent messages are kept in the archive. */
export const OUTBOX_ARCHIVE_DAYS = 30;

/**
 * Where finished rows of a hot collection (inbound events, outbox rows) move once their
 * de-duplication horizon has passed: the same document, written once and never queried on the hot
 * path. Keeping history here keeps the hot collections small, which is what makes every hot query
 * cheap on a store that scans (FerretDB on SQLite scans a collection for every non-insert
 * command). Rows expire by TTL (natively on MongoDB, by an hourly sweep elsewhere).
 */
const archiveSchema = (collection: string) => {
  const schema = new Schema(
    { expiresAt: { type: Date, required: true, expires: 0 } },
    { collection, strict: false, minimize: false },
  );
  return schema;
};

export const InboundArchiveSchema = archiveSchema('inbound_archive');
export const OutboxArchiveSchema = archiveSchema('outbox_archive');

/** Archives are swept at most this often where the server has no TTL index (each sweep scans). */
export const ARCHIVE_SWEEP_INTERVAL_MS = 3600_000;
