import { randomBytes } from 'node:crypto';

/** A file a simulated user sent, or one the bot uploaded, as the emulated platform keeps it. */
export interface StoredMedia {
  readonly id: string;
  readonly bytes: Buffer;
  readonly mime: string;
  /** The name the sender gave it (shown in the console; platforms may name downloads otherwise). */
  readonly filename: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export interface MediaInput {
  readonly bytes: Buffer;
  readonly mime: string;
  readonly filename: string;
}

/**
 * The emulators' file store. Platform media ids are short-lived (a WeCom media_id lives 3 days,
 * PROTOCOLS.md §1.8b), so every entry carries its expiry and `get` answers nothing once it passed.
 */
export class MediaStore {
  private readonly items = new Map<string, StoredMedia>();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs: number,
  ) {}

  /** Stores a file under a fresh id (43 URL-safe characters, like a WeCom media_id). */
  put(input: MediaInput, id: string = randomBytes(32).toString('base64url')): StoredMedia {
    const createdAt = this.now();
    const item = { ...input, id, createdAt, expiresAt: createdAt + this.ttlMs };
    this.items.set(id, item);
    return item;
  }

  /** The file, or undefined when it was never stored or has expired. */
  get(id: string): StoredMedia | undefined {
    const item = this.items.get(id);
    return item && item.expiresAt > this.now() ? item : undefined;
  }

  /** Lets one file (or every file) run out now, for expiry tests. */
  expire(id?: string): void {
    for (const [k, v] of this.items) {
      if (id === undefined || k === id) this.items.set(k, { ...v, expiresAt: this.now() });
    }
  }
}
