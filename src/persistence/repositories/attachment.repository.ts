import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import type { Clock } from '../../lib/clock.js';
import type { Platform } from '../../platforms/inbound-event.js';
import type { Models } from '../db.js';
import { isDuplicateKey } from './mongo-errors.js';

/** 240 KiB: far below any store's document limit, few round trips for a phone photo. */
const CHUNK_BYTES = 240 * 1024;

export interface AttachmentMeta {
  readonly id: string;
  readonly filename: string;
  readonly mime: string;
  readonly size: number;
  readonly sha256: string;
  readonly uploaderId: string | undefined;
  readonly platform: Platform;
  readonly createdAt: Date;
}

type Row = {
  _id: Types.ObjectId;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  uploaderId?: Types.ObjectId | null;
  platform: Platform;
  createdAt: Date;
  chunks: number;
};

/** Lean reads give BSON Binary for Buffer fields; both expose their bytes. */
const asBuffer = (d: unknown): Buffer => {
  if (Buffer.isBuffer(d)) return d;
  const inner =
    typeof d === 'object' && d !== null && 'buffer' in d ? (d as { buffer: unknown }).buffer : undefined;
  if (inner instanceof Uint8Array) return Buffer.from(inner);
  throw new Error('attachment chunk holds no bytes');
};

const meta = (r: Row): AttachmentMeta => ({
  id: r._id.toString(),
  filename: r.filename,
  mime: r.mime,
  size: r.size,
  sha256: r.sha256,
  uploaderId: r.uploaderId?.toString(),
  platform: r.platform,
  createdAt: r.createdAt,
});

/**
 * Photos and files in the database, chunked. Chunks are written before the row that names them,
 * so a crash leaves at most orphan chunks, never a row pointing at missing bytes; storing the same
 * source twice keeps the first.
 */
export class AttachmentRepository {
  constructor(
    private readonly models: Models,
    private readonly clock: Clock,
  ) {}

  async save(a: {
    sourceKey: string;
    filename: string;
    mime: string;
    bytes: Buffer;
    uploaderId: string | undefined;
    platform: Platform;
  }): Promise<AttachmentMeta> {
    const existing = await this.models.Attachment.findOne({ sourceKey: a.sourceKey }).lean();
    if (existing) return meta(existing as Row);
    const id = new Types.ObjectId();
    const chunks = Math.max(1, Math.ceil(a.bytes.length / CHUNK_BYTES));
    await this.models.AttachmentChunk.deleteMany({ attachmentId: id.toString() });
    await this.models.AttachmentChunk.insertMany(
      Array.from({ length: chunks }, (_, n) => ({
        attachmentId: id.toString(),
        n,
        data: a.bytes.subarray(n * CHUNK_BYTES, (n + 1) * CHUNK_BYTES),
      })),
    );
    try {
      const row = await this.models.Attachment.create({
        _id: id,
        sourceKey: a.sourceKey,
        filename: a.filename,
        mime: a.mime,
        size: a.bytes.length,
        sha256: createHash('sha256').update(a.bytes).digest('hex'),
        chunks,
        ...(a.uploaderId ? { uploaderId: a.uploaderId } : {}),
        platform: a.platform,
        createdAt: this.clock.now(),
      });
      return meta(row.toObject() as Row);
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      await this.models.AttachmentChunk.deleteMany({ attachmentId: id.toString() });
      const first = await this.models.Attachment.findOne({ sourceKey: a.sourceKey }).lean();
      if (!first) throw e;
      return meta(first as Row);
    }
  }

  async get(id: string): Promise<AttachmentMeta | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const row = await this.models.Attachment.findById(id).lean();
    return row ? meta(row as Row) : null;
  }

  /** The bytes, reassembled in order; null when the attachment does not exist. */
  async bytes(id: string): Promise<{ meta: AttachmentMeta; bytes: Buffer } | null> {
    const m = await this.get(id);
    if (!m) return null;
    const chunks = await this.models.AttachmentChunk.find({ attachmentId: id }).lean();
    const ordered = chunks.sort((a, b) => a.n - b.n).map((c) => asBuffer(c.data));
    return { meta: m, bytes: Buffer.concat(ordered) };
  }
}
