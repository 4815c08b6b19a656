import type { Redis } from 'ioredis';
import { z } from 'zod';

/** Words asked for after a button are forgotten after 30 minutes of silence. */
export const PENDING_TTL_S = 30 * 60;

/**
 * An action waiting for words: a button was pressed that needs a reply, a reason, a price; the
 * bot asked the first question and keeps the answers here until the last one arrives.
 */
export const PendingInputSchema = z.object({
  kind: z.enum(['complaint', 'repair', 'approval']),
  id: z.string(),
  action: z.string(),
  /** The stage of the card pressed (absent for follow-up questions that are not tied to a card). */
  stage: z.number().int().optional(),
  /** Input keys still to ask, in order; the first is the one being asked. */
  asking: z.array(z.string()),
  answers: z.record(z.string(), z.string()),
  retries: z.number().int().default(0),
  /** The inbound event last applied (a retried job must not apply it twice). */
  lastInboundId: z.string(),
});
export type PendingInput = z.infer<typeof PendingInputSchema>;

/** One pending action per platform account, in Redis with a TTL, shared by every process. */
export class PendingInputStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(platform: string, userId: string): string {
    return `${this.prefix}:pending:${platform}:${userId}`;
  }

  async get(platform: string, userId: string): Promise<PendingInput | undefined> {
    const raw = await this.redis.get(this.key(platform, userId));
    if (!raw) return undefined;
    const parsed = PendingInputSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  }

  async save(platform: string, userId: string, p: PendingInput): Promise<void> {
    await this.redis.set(this.key(platform, userId), JSON.stringify(p), 'EX', PENDING_TTL_S);
  }

  async clear(platform: string, userId: string): Promise<void> {
    await this.redis.del(this.key(platform, userId));
  }
}
