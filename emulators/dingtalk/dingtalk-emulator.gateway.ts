import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';

interface Pending {
  readonly frame: Record<string, unknown>;
  redeliverAt: number;
  readonly acked: Promise<unknown>;
  resolve(data: unknown): void;
}

export interface GatewayOptions {
  /** How often the server pings each connection. */
  readonly pingMs: number;
  /** An unacked CALLBACK is delivered again after this long (about 60 s on DingTalk). */
  readonly redeliverMs: number;
  /** Ticket lifetime (90 s on DingTalk); a ticket opens one connection only. */
  readonly ticketTtlMs: number;
}

/**
 * The Stream gateway on loopback: one-use tickets, pings, acks by messageId, re-delivery of
 * unacknowledged frames, and the faults tests need (dropped sockets, half-open sockets).
 */
export class StreamGateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Map<string, number>();
  private readonly sockets = new Set<WebSocket>();
  private readonly pending = new Map<string, Pending>();
  /** Half-open sockets: open, but nothing flows to them. */
  private readonly frozen = new WeakSet<WebSocket>();
  private timer: NodeJS.Timeout;
  /** Connections accepted so far. */
  accepted = 0;

  constructor(private readonly o: GatewayOptions) {
    this.timer = setInterval(() => this.tick(), Math.max(20, Math.min(o.pingMs, o.redeliverMs) / 2));
    this.timer.unref();
  }

  issueTicket(): string {
    const t = randomBytes(16).toString('hex');
    this.tickets.set(t, Date.now() + this.o.ticketTtlMs);
    return t;
  }

  /** Open connections that still receive frames. */
  get connectionCount(): number {
    return this.live().length;
  }

  /** Takes over an HTTP upgrade on `/connect?ticket=…`; refuses a used or expired ticket. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const ticket = url.searchParams.get('ticket') ?? '';
    const expires = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    if (url.pathname !== '/connect' || !expires || expires < Date.now()) {
      socket.write('HTTP/1.1 401 Unauthorized\r\n\r\n');
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.accepted++;
      this.sockets.add(ws);
      ws.on('close', () => this.sockets.delete(ws));
      ws.on('message', (raw) => this.onAck(raw.toString()));
    });
  }

  private onAck(raw: string): void {
    try {
      const ack = JSON.parse(raw) as { headers?: { messageId?: string }; data?: string };
      const id = ack.headers?.messageId;
      const p = id ? this.pending.get(id) : undefined;
      if (p && id) {
        this.pending.delete(id);
        p.resolve(ack.data ? JSON.parse(ack.data) : undefined);
      }
    } catch {
      // a malformed ack is ignored, the frame will be delivered again
    }
  }

  private live(): WebSocket[] {
    return [...this.sockets].filter((s) => s.readyState === 1 && !this.frozen.has(s));
  }

  private sendTo(frame: Record<string, unknown>): boolean {
    const sockets = this.live();
    // Several connections: each push goes to one of them, chosen at random.
    const ws = sockets[Math.floor(Math.random() * sockets.length)];
    if (!ws) return false;
    ws.send(JSON.stringify(frame));
    return true;
  }

  /** Pushes a CALLBACK frame; resolves with the ack data once the client acknowledged it. */
  push(topic: string, data: unknown): Promise<unknown> {
    const messageId = randomUUID();
    return this.enqueue(messageId, {
      specVersion: '1.0',
      type: 'CALLBACK',
      headers: { topic, messageId, contentType: 'application/json', time: String(Date.now()) },
      data: JSON.stringify(data),
    });
  }

  /**
   * Pushes an EVENT frame (an organisation or approval event ticked in the console; PROTOCOLS.md
   * §2.2), redelivered until acknowledged; resolves with the ack data.
   */
  pushEvent(eventType: string, data: unknown, corpId = ''): Promise<unknown> {
    const messageId = randomUUID();
    return this.enqueue(messageId, {
      specVersion: '1.0',
      type: 'EVENT',
      headers: {
        topic: '*',
        messageId,
        contentType: 'application/json',
        time: String(Date.now()),
        eventType,
        eventId: randomUUID().replace(/-/g, ''),
        eventCorpId: corpId,
        eventBornTime: String(Date.now()),
      },
      data: JSON.stringify(data),
    });
  }

  private enqueue(messageId: string, frame: Record<string, unknown>): Promise<unknown> {
    let resolve: (d: unknown) => void = () => {};
    const acked = new Promise<unknown>((r) => {
      resolve = r;
    });
    const p: Pending = { frame, redeliverAt: Date.now() + this.o.redeliverMs, acked, resolve };
    this.pending.set(messageId, p);
    this.sendTo(frame);
    return acked;
  }

  /** How many pushed frames still wait for an ack. */
  get unacked(): number {
    return this.pending.size;
  }

  private lastPing = 0;
  private tick(): void {
    const now = Date.now();
    for (const p of this.pending.values()) {
      if (p.redeliverAt <= now) {
        p.redeliverAt = now + this.o.redeliverMs;
        this.sendTo(p.frame);
      }
    }
    if (now - this.lastPing >= this.o.pingMs) {
      this.lastPing = now;
      for (const ws of this.live()) {
        ws.send(
          JSON.stringify({
            specVersion: '1.0',
            type: 'SYSTEM',
            headers: { topic: 'ping', messageId: randomUUID() },
            data: JSON.stringify({ opaque: randomUUID() }),
          }),
        );
      }
    }
  }

  /** A network drop: every socket is cut without a close handshake. */
  dropAll(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  /** Half-open sockets: the current connections stay open but nothing flows to them any more. */
  freezeExisting(): void {
    for (const ws of this.sockets) this.frozen.add(ws);
  }

  /** The server's polite `disconnect` (then it closes after 10 s on DingTalk; here at once). */
  disconnectAll(): void {
    for (const ws of this.live()) {
      ws.send(
        JSON.stringify({
          specVersion: '1.0',
          type: 'SYSTEM',
          headers: { topic: 'disconnect', messageId: randomUUID() },
          data: '{"reason":"maintenance"}',
        }),
      );
    }
  }

  close(): void {
    clearInterval(this.timer);
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
  }
}
