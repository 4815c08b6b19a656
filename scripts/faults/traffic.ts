import { postCallback, type SignedCallback } from '../../emulators/wecom/wecom-emulator.callbacks.js';
import type { WeComEmulator } from '../../emulators/wecom/wecom-emulator.js';
import { PROBE_REPLY, probeText } from '../perf/rush.js';

export interface Acked {
  readonly user: string;
  readonly k: number;
  readonly at: number;
}

/**
 * The platform side of the fault suite: people sending probe messages one after another through
 * a round-robin "load balancer" over the web processes, with WeCom's delivery rules (no answer in
 * 5 s or any status but 200 is a failure, retried up to 3 times). It records every delivery
 * attempt and which messages were acknowledged, and reads the replies from the emulator.
 */
export class Traffic {
  deliveries = 0;
  refused = 0;
  readonly acked = new Map<string, Acked>();
  readonly unacked = new Set<string>();
  private rr = 0;
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly nextK = new Map<string, number>();

  constructor(
    private readonly emu: WeComEmulator,
    private readonly webPorts: readonly number[],
  ) {}

  /** One POST to the next web process. */
  async post(cb: SignedCallback): Promise<number> {
    this.deliveries++;
    const port = this.webPorts[this.rr++ % this.webPorts.length];
    const r = await postCallback(`http://127.0.0.1:${port}/webhooks/wecom`, cb, 5000);
    if (r.status === 401) this.refused++;
    return r.status;
  }

  /** WeCom's rule: the first try and up to 3 retries, `spacingMs` apart. True once acknowledged. */
  async deliver(cb: SignedCallback, spacingMs = 1500): Promise<boolean> {
    for (let attempt = 0; attempt < 4; attempt++) {
      if ((await this.post(cb)) === 200) return true;
      await sleep(spacingMs);
    }
    return false;
  }

  /** The next probe message of `user` (its tag names the user and the sequence number). */
  next(user: string, extra: { timestamp?: number } = {}): { tag: string; k: number; cb: SignedCallback } {
    const k = this.nextK.get(user) ?? 0;
    this.nextK.set(user, k + 1);
    const tag = `${user.replace(/\W/g, '')}k${k}`;
    return { tag, k, cb: this.emu.textCallback(user, probeText(tag), extra) };
  }

  /** Sends one message and records whether it was acknowledged. */
  async send(
    user: string,
    extra: { timestamp?: number } = {},
  ): Promise<{ tag: string; cb: SignedCallback; ok: boolean }> {
    const { tag, k, cb } = this.next(user, extra);
    const ok = await this.deliver(cb);
    if (ok) this.acked.set(tag, { user, k, at: Date.now() });
    else this.unacked.add(tag);
    return { tag, cb, ok };
  }

  /** Every person sends a message, waits `pauseMs`, and again, until `stop()`. */
  start(users: readonly string[], pauseMs: number): void {
    this.running = true;
    this.loops = users.map(async (u, i) => {
      await sleep((i * pauseMs) / users.length);
      while (this.running) {
        await this.send(u).catch(() => {});
        await sleep(pauseMs);
      }
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** Replies per acknowledged message tag, from the emulator's inboxes. */
  replies(users: readonly string[]): Map<string, number> {
    const count = new Map<string, number>();
    for (const u of users) {
      for (const item of this.emu.inbox(u)) {
        const tag = PROBE_REPLY.exec(item.text ?? '')?.[1]?.toLowerCase();
        if (tag) count.set(tag, (count.get(tag) ?? 0) + 1);
      }
    }
    return count;
  }

  /** Replies that arrived after a reply to a later message of the same person. */
  orderViolations(users: readonly string[]): number {
    let violations = 0;
    for (const u of users) {
      let maxK = -1;
      for (const item of this.emu.inbox(u)) {
        const tag = PROBE_REPLY.exec(item.text ?? '')?.[1]?.toLowerCase();
        const k = Number(/k(\d+)$/.exec(tag ?? '')?.[1] ?? Number.NaN);
        if (Number.isNaN(k)) continue;
        if (k < maxK) violations++;
        maxK = Math.max(maxK, k);
      }
    }
    return violations;
  }

  /** Waits until every message acknowledged before `before` has its reply; returns when (ms). */
  async answeredUpTo(
    users: readonly string[],
    before: number,
    timeoutMs: number,
  ): Promise<number | undefined> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const replies = this.replies(users);
      const missing = [...this.acked].filter(([tag, a]) => a.at <= before && !replies.has(tag));
      if (missing.length === 0) return Date.now();
      await sleep(200);
    }
    return undefined;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
