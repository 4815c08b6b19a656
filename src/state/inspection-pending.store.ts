import type { Redis } from 'ioredis';
import { z } from 'zod';
import { INSPECTION_KINDS } from '../../cards/inspection-key.js';
import { PENDING_TTL_S } from './pending-input.store.js';

/** An inspection action waiting for words (a meeting record, a dispute reason), asked after its button. */
export const InspectionPendingSchema = z.object({
  kind: z.enum(INSPECTION_KINDS),
  id: z.string(),
  action: z.string(),
  stage: z.number().int().optional(),
  /** The input being asked for. */
  key: z.string(),
  lastInboundId: z.string(),
});
export type InspectionPending = z.infer<typeof InspectionPendingSchema>;

/** One pending inspection action per platform account, in Redis with a TTL. */
export class InspectionPendingStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(platform: string, userId: string): string {
    return `${this.prefix}:ipending:${platform}:${userId}`;
  }

  async get(platform: string, userId: string): Promise<InspectionPending | undefined> {
    const raw = await this.redis.get(this.key(platform, userId));
    if (!raw) return undefined;
    const parsed = InspectionPendingSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  }

  async save(platform: string, userId: string, p: InspectionPending): Promise<void> {
    await this.redis.set(this.key(platform, userId), JSON.stringify(p), 'EX', PENDING_TTL_S);
  }

  async clear(platform: string, userId: string): Promise<void> {
    await this.redis.del(this.key(platform, userId));
  }
}
