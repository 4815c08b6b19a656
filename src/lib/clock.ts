/** The only source of "now" in the code base; tests inject their own. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that can be set and moved by tests and by the emulators' scenario scripts. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | number) {
    this.t = typeof start === 'number' ? start : start.getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(at: Date | number): void {
    this.t = typeof at === 'number' ? at : at.getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/**
 * Real time plus an offset: the development clock that `POST /api/dev/clock` moves. The offset
 * is set from Redis by {@link import('../app/dev-clock.js').DevClock}, so every process of one
 * deployment reads the same time.
 */
export class OffsetClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly base: Clock = systemClock) {}
  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }
  get offset(): number {
    return this.offsetMs;
  }
  setOffset(ms: number): void {
    this.offsetMs = ms;
  }
  /** The offset that makes `now()` equal `target` at this moment. */
  offsetFor(target: Date): number {
    return target.getTime() - this.base.now().getTime();
  }
}
