import { isAppError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type {
  AttachmentMeta,
  AttachmentRepository,
} from '../persistence/repositories/attachment.repository.js';
import type { DownloadedMedia } from '../platforms/http-bytes.js';
import type { Platform } from '../platforms/inbound-event.js';
import { ACCEPTED, sniffMime } from './sniff.js';

/** Fetches a file a user sent, by the platform's media id or download code. */
export type MediaFetcher = (mediaId: string, maxBytes: number) => Promise<DownloadedMedia>;

export type StoreOutcome =
  | { readonly ok: true; readonly attachment: AttachmentMeta }
  | { readonly ok: false; readonly why: 'too_large' | 'unsupported' | 'gone' };

/**
 * Takes a photo or file from chat into the database: fetched through the platform's media API the
 * moment it arrives (media ids expire), size-limited, type-checked by its bytes, stored once per
 * inbound event. Transient platform errors are thrown (the job retries); permanent ones answer.
 */
export class MediaService {
  constructor(
    private readonly attachments: AttachmentRepository,
    private readonly fetchers: Partial<Record<Platform, MediaFetcher>>,
    private readonly maxBytes: number,
    private readonly logger: Logger,
  ) {}

  async fromChat(a: {
    platform: Platform;
    mediaId: string;
    sourceKey: string;
    uploaderId: string | undefined;
  }): Promise<StoreOutcome> {
    const fetcher = this.fetchers[a.platform];
    if (!fetcher || !a.mediaId) return { ok: false, why: 'gone' };
    let file: DownloadedMedia;
    try {
      file = await fetcher(a.mediaId, this.maxBytes);
    } catch (e) {
      if (isAppError(e) && e.reason === 'too_large') return { ok: false, why: 'too_large' };
      if (isAppError(e) && e.code === 'PLATFORM_REJECTED') {
        this.logger.info({ platform: a.platform, reason: e.reason }, 'media could not be fetched');
        return { ok: false, why: 'gone' };
      }
      throw e;
    }
    const mime = sniffMime(file.bytes);
    if (!mime) return { ok: false, why: 'unsupported' };
    const attachment = await this.attachments.save({
      sourceKey: a.sourceKey,
      filename: file.filename || `photo.${ACCEPTED[mime]}`,
      mime,
      bytes: file.bytes,
      uploaderId: a.uploaderId,
      platform: a.platform,
    });
    return { ok: true, attachment };
  }
}
