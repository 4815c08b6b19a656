/** What one emulated user sees in their chat with the bot, newest last. */
export interface InboxItem {
  readonly seq: number;
  readonly at: number;
  readonly msgtype: string;
  /** Text or markdown content, for text-like messages. */
  readonly text?: string;
  /** Card instance id (WeCom task_id / DingTalk outTrackId) for cards. */
  readonly cardId?: string;
  readonly payload: unknown;
}

/** What one emulated user sent the bot (their side of the chat), numbered with the inbox items. */
export interface SentItem {
  readonly seq: number;
  readonly at: number;
  readonly msgtype: 'text' | 'image' | 'file';
  readonly text?: string;
  /** The file sent, by the emulator's media id (served at `/_emu/media/<id>`). */
  readonly media?: {
    readonly id: string;
    readonly mime: string;
    readonly filename: string;
    readonly size: number;
  };
}

/** A change watchers (the SSE feed) hear about: a message to a user, one from a user, or a card update. */
export type InboxChange =
  | { readonly type: 'message'; readonly user: string; readonly item: InboxItem }
  | { readonly type: 'sent'; readonly user: string; readonly item: SentItem }
  | { readonly type: 'touch' };

/** Per-user inboxes with a waiter API so tests can await a message instead of sleeping. */
export class Inboxes {
  private seq = 0;
  private readonly items = new Map<string, InboxItem[]>();
  private readonly sentItems = new Map<string, SentItem[]>();
  private readonly waiters = new Set<() => void>();
  private readonly listeners = new Set<(change: InboxChange) => void>();

  push(user: string, item: Omit<InboxItem, 'seq'>): InboxItem {
    const full = { ...item, seq: ++this.seq };
    const list = this.items.get(user) ?? [];
    list.push(full);
    this.items.set(user, list);
    for (const w of [...this.waiters]) w();
    this.notify({ type: 'message', user, item: full });
    return full;
  }

  /**
   * Records what a user sent, numbered in the same sequence as the messages they receive, so a
   * chat view can interleave both sides. Kept apart from `list` so inbox readers see the bot only.
   */
  recordSent(user: string, item: Omit<SentItem, 'seq'>): SentItem {
    const full = { ...item, seq: ++this.seq };
    const list = this.sentItems.get(user) ?? [];
    list.push(full);
    this.sentItems.set(user, list);
    this.notify({ type: 'sent', user, item: full });
    return full;
  }

  sent(user: string): readonly SentItem[] {
    return this.sentItems.get(user) ?? [];
  }

  /** Calls `listener` on every change until the returned function is called. */
  subscribe(listener: (change: InboxChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(change: InboxChange): void {
    for (const l of [...this.listeners]) l(change);
  }

  list(user: string): readonly InboxItem[] {
    return this.items.get(user) ?? [];
  }

  /** Wakes waiters after a change that is not a new message (a card update). */
  touch(): void {
    for (const w of [...this.waiters]) w();
    this.notify({ type: 'touch' });
  }

  /** Resolves with the first value `probe` returns that is not undefined. */
  waitFor<T>(probe: () => T | undefined, timeoutMs = 15_000, what = 'condition'): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const v = probe();
        if (v !== undefined) {
          cleanup();
          resolve(v);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`emulator: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }
}
