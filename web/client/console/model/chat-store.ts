import type { ConsolePlatform } from '../../../shared/console-api.js';
import type { CardModel } from './card-model.js';
import type { EmuInbox, FeedEvent } from './emulator-json.js';
import { botEntry, cardModel, type Entry, sentEntry } from './timeline.js';

/** One persona's chat: its lines in order and its cards' current state. */
export interface Chat {
  readonly entries: readonly Entry[];
  readonly cards: ReadonlyMap<string, CardModel>;
}

const EMPTY: Chat = { entries: [], cards: new Map() };

const insert = (entries: readonly Entry[], e: Entry): readonly Entry[] => {
  if (entries.some((x) => x.seq === e.seq)) return entries;
  const out = [...entries, e];
  out.sort((a, b) => a.seq - b.seq);
  return out;
};

/**
 * Every persona's chat on one platform, fed by inbox snapshots and the live feed. Snapshots and
 * live events may overlap (the feed is opened before the snapshot is read), so lines are merged by
 * sequence number and a card's state is simply replaced. Listeners hear about every change.
 */
export class ChatStore {
  private readonly chats = new Map<string, Chat>();
  private readonly unread = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  /** The persona on screen: its new lines are read at once. */
  viewing: string | undefined;

  constructor(readonly platform: ConsolePlatform) {}

  chat(user: string): Chat {
    return this.chats.get(user) ?? EMPTY;
  }

  unreadOf(user: string): number {
    return this.unread.get(user) ?? 0;
  }

  /** Marks a persona's lines read (it is on screen now). */
  view(user: string): void {
    this.viewing = user;
    if (this.unread.delete(user)) this.changed();
  }

  /** A whole inbox as `/_emu/inbox/<user>` answers it. */
  applyInbox(user: string, inbox: EmuInbox): void {
    let chat = this.chat(user);
    let entries = chat.entries;
    for (const m of inbox.messages) entries = insert(entries, botEntry(this.platform, m));
    for (const s of inbox.sent ?? []) entries = insert(entries, sentEntry(s));
    const cards = new Map(chat.cards);
    for (const c of inbox.cards) {
      const model = cardModel(this.platform, c);
      if (model) cards.set(model.cardId, model);
    }
    chat = { entries, cards };
    this.chats.set(user, chat);
    this.changed();
  }

  /** One event of the live feed. */
  apply(e: FeedEvent): void {
    const chat = this.chat(e.user);
    if (e.type === 'card') {
      const model = cardModel(this.platform, e.card);
      if (!model) return;
      this.chats.set(e.user, { entries: chat.entries, cards: new Map(chat.cards).set(model.cardId, model) });
    } else {
      const entry = e.type === 'message' ? botEntry(this.platform, e.item) : sentEntry(e.item);
      const entries = insert(chat.entries, entry);
      if (entries === chat.entries) return;
      this.chats.set(e.user, { entries, cards: chat.cards });
      if (e.type === 'message' && e.user !== this.viewing) this.unread.set(e.user, this.unreadOf(e.user) + 1);
    }
    this.changed();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of [...this.listeners]) l();
  }
}
