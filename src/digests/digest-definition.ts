import type { BusinessTime } from '../lib/business-time.js';
import type { MessageBatch } from '../outbound/message-batch.js';

/** One period of a digest and when it is sent. */
export interface DigestPeriod {
  /** Stable key, part of job ids and outbox keys: `2026-11-23` (week from that Monday), `2026-11`. */
  readonly period: string;
  readonly sendAt: Date;
}

/** A message for a group (robot or group chat) besides the people's own chats. */
export interface GroupPost {
  readonly title: string;
  readonly markdown: string;
  readonly pngBase64?: string;
}

/** What a digest produced for one period. */
export interface DigestOutput {
  /** Shown in logs and in the run ledger. */
  readonly summary: Record<string, number | string>;
  /** Posted to the configured group robot / group chat, when one is configured. */
  readonly group?: GroupPost;
}

/**
 * A digest: a period that ends (a week, a month), a send time in the business zone, and the
 * messages. Building must be deterministic for a period (a rerun stores the same outbox keys).
 */
export interface DigestDefinition {
  /** `[a-z0-9-]`, part of job ids. */
  readonly name: string;
  /**
   * The latest period whose send time is at or before `now`, or undefined when none is within
   * the catch-up window (a deployment that was down for a week does not flood old digests).
   */
  duePeriod(now: Date, time: BusinessTime): DigestPeriod | undefined;
  /** Computes the digest (by aggregation in the database) and puts the people's messages in `batch`. */
  build(period: string, batch: MessageBatch, now: Date): Promise<DigestOutput>;
}
