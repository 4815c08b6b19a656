import type { Redis } from 'ioredis';
import { z } from 'zod';

/** A dialog is forgotten after 30 minutes of silence. */
export const DIALOG_TTL_S = 30 * 60;

export const DialogStateSchema = z.object({
  id: z.string(),
  intent: z.string(),
  /** Filled fields: display values, plus structured extras under `_` keys (ISO times...). */
  fields: z.record(z.string(), z.string()),
  /** The field being asked for, or `confirm`. */
  awaiting: z.string(),
  originalText: z.string(),
  urgency: z.enum(['normal', 'urgent', 'emergency']),
  createdAt: z.string(),
  /** The inbound event last applied (a retried job must not apply it twice). */
  lastInboundId: z.string(),
  /** How many times the current question was asked without an answer the bot could use. */
  retries: z.number().int().default(0),
});
export type DialogState = z.infer<typeof DialogStateSchema>;

/**
 * Dialog state in Redis with a TTL: survives a process restart and is shared by every web and
 * worker process. One dialog per platform account.
 */
export class DialogStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(platform: string, userId: string): string {
    return `${this.prefix}:dialog:${platform}:${userId}`;
  }

  async get(platform: string, userId: string): Promise<DialogState | undefined> {
    const raw = await this.redis.get(this.key(platform, userId));
    if (!raw) return undefined;
    const parsed = DialogStateSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  }

  async save(platform: string, userId: string, state: DialogState): Promise<void> {
    await this.redis.set(this.key(platform, userId), JSON.stringify(state), 'EX', DIALOG_TTL_S);
  }

  async clear(platform: string, userId: string): Promise<void> {
    await this.redis.del(this.key(platform, userId));
  }
}
