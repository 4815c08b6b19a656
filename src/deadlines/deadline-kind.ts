import type { MessageBatch } from '../outbound/message-batch.js';

/** One item whose deadline fell due: its id and the due time, which together name the step. */
export interface DueRef {
  readonly id: string;
  readonly dueAt: Date;
}

/**
 * What a claim attempt found. `claimed`: this run moved the item past the step with a
 * single-document conditional update and now sends. `reclaimed`: an earlier attempt of this same
 * step claimed it (its worker died before the messages were stored), so the same messages are
 * rebuilt; the outbox keys make them land once. `held`: nobody it is for is on shift, so the
 * deadline moved to when one is. `gone`: the item changed (decided, closed, another step).
 */
export type ClaimResult<T> =
  | {
      readonly outcome: 'claimed' | 'reclaimed';
      readonly step: T;
      /** The item's next due time after this step, when already known (the runner chains past-due steps). */
      readonly next?: Date;
    }
  | { readonly outcome: 'held'; readonly until: Date }
  | { readonly outcome: 'gone' };

/**
 * A kind of deadline: a date field on a document, indexed, that is the source of truth. BullMQ
 * only wakes it: a sweep asks every kind for due ids, one job per id claims and notifies.
 */
export interface DeadlineKind<T = unknown> {
  /** Stable name, part of job ids and outbox keys (`[a-z0-9-]`). */
  readonly name: string;
  /** Items due at `now`, found through the indexed due field, oldest first. */
  findDue(now: Date, limit: number): Promise<DueRef[]>;
  /** Claims the step due at `ref.dueAt` (see {@link ClaimResult}). Never sends anything. */
  claim(ref: DueRef, now: Date): Promise<ClaimResult<T>>;
  /**
   * The step's messages into the batch. Must depend only on the step (and state that a rerun
   * sees the same way), since a rerun rebuilds them under the same outbox keys.
   */
  notify(step: T, batch: MessageBatch, now: Date): Promise<void>;
}
