/**
 * A resolution target that stops counting while a ticket waits (挂起: on the tenant, on parts, on
 * a contractor) and resumes when work resumes. Pure data and functions: the state is stored on
 * the ticket, and every operation returns a new state.
 *
 * The state keeps the working time already consumed, never "opened at + target": a changed
 * target (a priority change) is measured against the consumed time, so the waiting time is not
 * forgotten (the classic helpdesk bug).
 */
export interface TargetClockState {
  /** Working time allowed, in the measure's units (ms of wall time, or of business time). */
  readonly targetMs: number;
  /** Working time consumed before the current running stretch. */
  readonly consumedMs: number;
  /** Start of the current running stretch; undefined while paused. */
  readonly runningSince?: Date;
  /** Start of the current pause; undefined while running. */
  readonly pausedSince?: Date;
  /** Wall time spent paused in finished pauses (for timelines and digests). */
  readonly pausedMs: number;
}

/** How time is counted: wall time (safety) or business time (office targets). */
export interface TimeMeasure {
  between(from: Date, to: Date): number;
  advance(from: Date, ms: number): Date;
}

export const wallTime: TimeMeasure = {
  between: (a, b) => Math.max(0, b.getTime() - a.getTime()),
  advance: (a, ms) => new Date(a.getTime() + ms),
};

export const startTarget = (targetMs: number, at: Date): TargetClockState => ({
  targetMs,
  consumedMs: 0,
  runningSince: at,
  pausedMs: 0,
});

/** Stops the clock (idempotent while already paused). */
export const pauseTarget = (s: TargetClockState, at: Date, m: TimeMeasure): TargetClockState => {
  if (!s.runningSince) return s;
  return {
    targetMs: s.targetMs,
    consumedMs: s.consumedMs + m.between(s.runningSince, at),
    pausedSince: at,
    pausedMs: s.pausedMs,
  };
};

/** Restarts the clock (idempotent while already running). */
export const resumeTarget = (s: TargetClockState, at: Date): TargetClockState => {
  if (!s.pausedSince) return s;
  return {
    targetMs: s.targetMs,
    consumedMs: s.consumedMs,
    runningSince: at,
    pausedMs: s.pausedMs + Math.max(0, at.getTime() - s.pausedSince.getTime()),
  };
};

/** A new target (priority change): time already consumed stays consumed, pauses stay excluded. */
export const retarget = (s: TargetClockState, targetMs: number): TargetClockState => ({ ...s, targetMs });

/** Working time consumed up to `at`. */
export const consumedAt = (s: TargetClockState, at: Date, m: TimeMeasure): number =>
  s.consumedMs + (s.runningSince ? m.between(s.runningSince, at) : 0);

/** Wall time spent waiting up to `at`, the current pause included. */
export const pausedAt = (s: TargetClockState, at: Date): number =>
  s.pausedMs + (s.pausedSince ? Math.max(0, at.getTime() - s.pausedSince.getTime()) : 0);

/**
 * When the target falls due, or undefined while paused (a waiting ticket has no due time; it
 * reminds on its expected resume date instead). Already late: a time at or before `runningSince`.
 */
export const dueAt = (s: TargetClockState, m: TimeMeasure): Date | undefined => {
  if (!s.runningSince) return undefined;
  const left = s.targetMs - s.consumedMs;
  return left >= 0 ? m.advance(s.runningSince, left) : new Date(s.runningSince.getTime() + left);
};
