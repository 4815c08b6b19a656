import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InboxChange, Inboxes } from './inbox.js';

/** One card as one user sees it now (WeCom CardView, DingTalk CardInstance). */
export interface CardState {
  readonly user: string;
  readonly cardId: string;
  readonly view: unknown;
}

/** Where the feed reads from: the inboxes (which announce changes) and every card's current state. */
export interface FeedSource {
  readonly inboxes: Inboxes;
  cards(): Iterable<CardState>;
}

interface Client {
  readonly res: ServerResponse;
  /** Users this client follows; empty = everyone. */
  readonly users: ReadonlySet<string>;
}

const HEARTBEAT_MS = 15_000;

/**
 * `GET /_emu/events[?user=a&user=b]`: a server-sent-events stream of what happens in users' chats,
 * so a chat view updates live: `message` (the bot sent a user something), `sent` (a user sent the
 * bot something) and `card` (a card a user holds changed: created, buttons replaced, decided).
 * Card changes are found by comparing each card's state after every change, because the
 * platforms' update calls change several users' cards at once without naming them.
 */
export class EventFeed {
  private readonly clients = new Set<Client>();
  private readonly lastCards = new Map<string, string>();
  private readonly unsubscribe: () => void;
  private readonly heartbeat: NodeJS.Timeout;
  private id = 0;

  constructor(private readonly source: FeedSource) {
    for (const c of source.cards()) this.lastCards.set(`${c.user}\u0000${c.cardId}`, JSON.stringify(c.view));
    this.unsubscribe = source.inboxes.subscribe((change) => this.onChange(change));
    this.heartbeat = setInterval(() => {
      for (const c of this.clients) c.res.write(': ping\n\n');
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Serves `/_emu/events`; false for any other request. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (url.pathname !== '/_emu/events' || req.method !== 'GET') return false;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n: connected\n\n');
    const client: Client = { res, users: new Set(url.searchParams.getAll('user')) };
    this.clients.add(client);
    req.on('close', () => this.clients.delete(client));
    return true;
  }

  /** Ends every stream (the emulator is stopping). */
  close(): void {
    clearInterval(this.heartbeat);
    this.unsubscribe();
    for (const c of this.clients) c.res.end();
    this.clients.clear();
  }

  private onChange(change: InboxChange): void {
    if (change.type !== 'touch')
      this.emit(change.type, change.user, { user: change.user, item: change.item });
    for (const c of this.source.cards()) {
      const key = `${c.user}\u0000${c.cardId}`;
      const json = JSON.stringify(c.view);
      if (this.lastCards.get(key) === json) continue;
      this.lastCards.set(key, json);
      this.emit('card', c.user, { user: c.user, cardId: c.cardId, card: c.view });
    }
  }

  private emit(event: string, user: string, data: unknown): void {
    if (this.clients.size === 0) return;
    const frame = `id: ${++this.id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const c of this.clients) if (c.users.size === 0 || c.users.has(user)) c.res.write(frame);
  }
}

/** An EventFeed made on the first `/_emu/events` request, so emulators nobody watches pay nothing. */
export class LazyFeed {
  private feed: EventFeed | undefined;

  constructor(private readonly source: () => FeedSource) {}

  handle(req: IncomingMessage, res: ServerResponse): boolean {
    if (!req.url?.startsWith('/_emu/events')) return false;
    this.feed ??= new EventFeed(this.source());
    return this.feed.handle(req, res);
  }

  close(): void {
    this.feed?.close();
    this.feed = undefined;
  }
}
