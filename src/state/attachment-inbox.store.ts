import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { TicketKind } from '../domain/shared/ticket.types.js';

/** "补充照片 WX…" holds for this long: photos sent meanwhile go to that ticket. */
export const TARGET_TTL_S = 10 * 60;
/** A photo sent before any report waits this long for the report it belongs to. */
export const ORPHAN_TTL_S = 30 * 60;

const TargetSchema = z.object({
  kind: z.enum(['complaint', 'repair', 'approval']),
  id: z.string(),
  number: z.string(),
});
export type AttachTarget = { readonly kind: TicketKind; readonly id: string; readonly number: string };

/**
 * Where the next photos of one account go: a ticket named with "补充照片", or (when nothing is
 * named yet) a short list of photos waiting for the report they belong to. Redis, shared by every
 * process, expiring on its own.
 */
export class AttachmentInbox {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(kind: 'target' | 'orphans', platform: string, userId: string): string {
    return `${this.prefix}:attach:${kind}:${platform}:${userId}`;
  }

  async setTarget(platform: string, userId: string, t: AttachTarget): Promise<void> {
    await this.redis.set(this.key('target', platform, userId), JSON.stringify(t), 'EX', TARGET_TTL_S);
  }

  async target(platform: string, userId: string): Promise<AttachTarget | undefined> {
    const raw = await this.redis.get(this.key('target', platform, userId));
    if (!raw) return undefined;
    const p = TargetSchema.safeParse(JSON.parse(raw));
    return p.success ? p.data : undefined;
  }

  /** Keeps a photo for the next report (idempotent: the same id is kept once). */
  async addOrphan(platform: string, userId: string, attachmentId: string): Promise<number> {
    const k = this.key('orphans', platform, userId);
    const r = await this.redis
      .multi()
      .lrem(k, 0, attachmentId)
      .rpush(k, attachmentId)
      .expire(k, ORPHAN_TTL_S)
      .exec();
    return Number(r?.[1]?.[1] ?? 0);
  }

  /** Takes every waiting photo (they now belong to a report). */
  async takeOrphans(platform: string, userId: string): Promise<string[]> {
    const k = this.key('orphans', platform, userId);
    const r = await this.redis.multi().lrange(k, 0, -1).del(k).exec();
    const ids = r?.[0]?.[1];
    return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
  }
}
