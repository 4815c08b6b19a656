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

/** Per-user inboxes with a waiter API so tests can await a message instead of sleeping. */
export class Inboxes {
  private seq = 0;
  private readonly items = new Map<string, InboxItem[]>();
  private readonly waiters = new Set<() => void>();

  push(user: string, item: Omit<InboxItem, 'seq'>): InboxItem {
    const full = { ...item, seq: ++this.seq };
    const list = this.items.get(user) ?? [];
    list.push(full);
    this.items.set(user, list);
    for (const w of [...this.waiters]) w();
    return full;
  }

  list(user: string): readonly InboxItem[] {
    return this.items.get(user) ?? [];
  }

  /** Wakes waiters after a change that is not a new message (a card update). */
  touch(): void {
    for (const w of [...this.waiters]) w();
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
