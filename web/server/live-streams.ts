import type { ServerResponse } from 'node:http';

/**
 * The console's open live feeds. An event stream never ends by itself, and an HTTP server does not
 * finish closing while a response is open, so shutdown cuts these first (the browser's
 * EventSource simply reconnects to the next server).
 */
export class LiveStreams {
  private readonly open = new Set<ServerResponse>();

  add(res: ServerResponse): void {
    this.open.add(res);
    res.once('close', () => this.open.delete(res));
  }

  get size(): number {
    return this.open.size;
  }

  /** Ends every open feed now. */
  closeAll(): void {
    for (const res of this.open) res.destroy();
    this.open.clear();
  }
}
