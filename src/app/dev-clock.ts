import type { Redis } from 'ioredis';
import type { OffsetClock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';

/** How often a process re-reads the shared offset (a move elsewhere is seen within this). */
const POLL_MS = 1000;

/**
 * The movable development clock of one deployment: the offset lives in Redis (`<prefix>:devclock`)
 * and every process polls it, so web, worker and scheduler processes agree on "now". Timer jobs
 * also call {@link refresh} before they read the time. Only built when DEV_CLOCK=1.
 */
export class DevClock {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly clock: OffsetClock,
    private readonly redis: Redis,
    private readonly key: string,
    private readonly logger: Logger,
  ) {}

  /** Reads the shared offset (keeps the last one when Redis does not answer). */
  async refresh(): Promise<void> {
    try {
      const v = await this.redis.get(this.key);
      const ms = v === null ? 0 : Number(v);
      if (Number.isFinite(ms)) this.clock.setOffset(ms);
    } catch (e) {
      this.logger.debug({ err: e instanceof Error ? e.message : String(e) }, 'dev clock not refreshed');
    }
  }

  /** Moves every process's clock by `minutes` (atomic across concurrent moves). */
  async advance(minutes: number): Promise<Date> {
    const ms = await this.redis.incrby(this.key, Math.round(minutes * 60_000));
    this.clock.setOffset(ms);
    return this.clock.now();
  }

  /** Sets every process's clock to `target`. */
  async moveTo(target: Date): Promise<Date> {
    const ms = this.clock.offsetFor(target);
    await this.redis.set(this.key, String(ms));
    this.clock.setOffset(ms);
    return this.clock.now();
  }

  start(): this {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), POLL_MS);
    this.timer.unref();
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
