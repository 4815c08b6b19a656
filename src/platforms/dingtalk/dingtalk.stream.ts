import { hostname } from 'node:os';
import WebSocket from 'ws';
import type { Logger } from '../../lib/logger.js';
import { requestJson } from '../http-json.js';

export const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';
export const TOPIC_CARD = '/v1.0/card/instances/callback';

export interface DownstreamFrame {
  readonly specVersion?: string;
  readonly type: 'SYSTEM' | 'EVENT' | 'CALLBACK';
  readonly headers: { readonly topic?: string; readonly messageId?: string; readonly [k: string]: unknown };
  readonly data: string;
}

/** What the application does with a frame; it resolves with the ack data once the event is stored. */
export type FrameHandler = (frame: DownstreamFrame, data: unknown) => Promise<unknown>;

export interface StreamOptions {
  readonly apiBase: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly onFrame: FrameHandler;
  readonly logger: Logger;
  /** First reconnect delay, doubled per failure up to `maxBackoffMs` (plus up to 30% jitter). */
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** No frame at all (pings included) for this long means a half-open socket: reconnect. */
  readonly watchdogMs?: number;
}

/**
 * A DingTalk Stream-mode client: opens a connection with a one-use ticket, answers pings, acks
 * each CALLBACK/EVENT only after `onFrame` resolved (so an event that failed to store is
 * re-delivered by DingTalk), reconnects with capped exponential backoff, and restarts a socket
 * that has gone silent.
 */
export class DingTalkStreamClient {
  private ws: WebSocket | undefined;
  private stopped = true;
  private failures = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private lastFrameAt = 0;
  /** Connections opened so far (tests and metrics). */
  connections = 0;

  constructor(private readonly o: StreamOptions) {}

  get connected(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.watchdog);
    const ws = this.ws;
    this.ws = undefined;
    if (ws && ws.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.close();
        setTimeout(() => {
          ws.terminate();
          resolve();
        }, 1000).unref();
      });
    }
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    try {
      const res = await requestJson({
        method: 'POST',
        url: `${this.o.apiBase}/v1.0/gateway/connections/open`,
        body: {
          clientId: this.o.clientId,
          clientSecret: this.o.clientSecret,
          subscriptions: [
            { type: 'EVENT', topic: '*' },
            { type: 'CALLBACK', topic: TOPIC_ROBOT },
            { type: 'CALLBACK', topic: TOPIC_CARD },
          ],
          ua: 'mallbot/1',
          localIp: hostname(),
        },
        timeoutMs: 10_000,
      });
      const body = res.body as { endpoint?: unknown; ticket?: unknown } | undefined;
      if (res.status !== 200 || typeof body?.endpoint !== 'string' || typeof body.ticket !== 'string') {
        throw new Error(`gateway open answered HTTP ${res.status}`);
      }
      this.open(`${body.endpoint}?ticket=${encodeURIComponent(body.ticket)}`);
    } catch (e) {
      this.o.logger.warn(
        { err: e instanceof Error ? e.message : String(e) },
        'stream: could not open a connection',
      );
      this.scheduleReconnect();
    }
  }

  private open(url: string): void {
    const ws = new WebSocket(url);
    this.ws = ws;
    let settled = false;
    const lost = (why: string) => {
      // 'error' and 'close' both fire for one failure: reconnect once (PROTOCOLS.md pitfall 11).
      if (settled || this.ws !== ws) return;
      settled = true;
      clearInterval(this.watchdog);
      this.o.logger.warn({ why }, 'stream: connection lost');
      this.scheduleReconnect();
    };
    ws.on('open', () => {
      this.connections++;
      this.lastFrameAt = Date.now();
      this.o.logger.info({ connections: this.connections }, 'stream: connected');
      const every = Math.max(50, Math.floor((this.o.watchdogMs ?? 90_000) / 3));
      clearInterval(this.watchdog);
      this.watchdog = setInterval(() => {
        if (Date.now() - this.lastFrameAt > (this.o.watchdogMs ?? 90_000)) {
          this.o.logger.warn('stream: no frames for too long (half-open socket); reconnecting');
          ws.terminate();
          lost('watchdog');
        }
      }, every);
    });
    ws.on('message', (raw) => {
      this.lastFrameAt = Date.now();
      this.failures = 0;
      void this.onMessage(ws, raw.toString());
    });
    ws.on('error', (err) => lost(`error: ${err.message}`));
    ws.on('close', (code) => lost(`close ${code}`));
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    clearTimeout(this.reconnectTimer);
    const base = this.o.baseBackoffMs ?? 1000;
    const cap = this.o.maxBackoffMs ?? 60_000;
    const delay = Math.min(cap, base * 2 ** this.failures) * (1 + Math.random() * 0.3);
    this.failures = Math.min(this.failures + 1, 16);
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
  }

  private async onMessage(ws: WebSocket, raw: string): Promise<void> {
    let frame: DownstreamFrame;
    try {
      frame = JSON.parse(raw) as DownstreamFrame;
    } catch {
      this.o.logger.warn('stream: a frame was not JSON');
      return;
    }
    const messageId = frame.headers?.messageId;
    const ack = (data: unknown) => {
      if (ws.readyState !== WebSocket.OPEN || !messageId) return;
      ws.send(
        JSON.stringify({
          code: 200,
          headers: { contentType: 'application/json', messageId },
          message: 'OK',
          data: typeof data === 'string' ? data : JSON.stringify(data),
        }),
      );
    };
    if (frame.type === 'SYSTEM') {
      if (frame.headers.topic === 'ping') ack(frame.data);
      else if (frame.headers.topic === 'disconnect') {
        this.o.logger.info('stream: server asked to disconnect; reconnecting');
        ws.terminate();
      }
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(frame.data) as unknown;
    } catch {
      data = frame.data;
    }
    try {
      ack(await this.o.onFrame(frame, data));
    } catch (e) {
      // No ack: DingTalk delivers the frame again later, and nothing is lost.
      this.o.logger.warn(
        { topic: frame.headers.topic, err: e instanceof Error ? e.message : String(e) },
        'stream: frame not acknowledged',
      );
    }
  }
}
