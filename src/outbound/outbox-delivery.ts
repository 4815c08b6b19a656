import type { Redis } from 'ioredis';
import { asAppError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { OutboundMessage } from '../messages/outbound-message.js';
import type { OutboxItem, OutboxRepository } from '../persistence/repositories/outbox.repository.js';
import type { Platform } from '../platforms/inbound-event.js';
import type { RecipientRateLimiter } from '../platforms/rate-limiter.js';
import type { LaneQueue } from '../queue/lane-queue.js';
import { UNRECOVERABLE_CODES } from '../queue/worker-runner.js';
import { MAX_SEND_ATTEMPTS } from './outbound.service.js';
import type { PlatformSender } from './platform-sender.js';

/** What became of one outbox row: handled (sent, or given up for good), or to be sent after a wait. */
export type SendOutcome = { readonly kind: 'handled' } | { readonly kind: 'wait'; readonly ms: number };

/** A pass over a lane: every pending row handled, or stopped at one that must wait. */
export type PassOutcome =
  | { readonly kind: 'handled' }
  | { readonly kind: 'wait'; readonly ms: number; readonly outboxId: string };

export interface OutboxDeliveryDeps {
  readonly senders: Partial<Record<Platform, PlatformSender>>;
  readonly outbox: OutboxRepository;
  readonly limiter: RecipientRateLimiter;
  readonly lanes: LaneQueue;
  readonly redis: Redis;
  readonly keyPrefix: string;
  /** A row given up for good (a deadline step's failure is recorded by its key). */
  readonly givenUp: (key: string, message: OutboundMessage, to: string, error: string) => Promise<unknown>;
  readonly logger: Logger;
}

/** How long the store is retried for a sent row's mark before the caller's retry finishes it from Redis. */
const MARK_RETRIES = 8;

/**
 * Sends outbox rows of a lane whose drain the caller owns (src/queue/lanes.ts): the deliver-outbox
 * job, or the inbound drain that just stored the replies to the person it is handling and finds
 * their lane idle ({@link deliverNow}: one queue hop less on the path from message to answer).
 * A row is sent once: the platform's acceptance is recorded in the store, or in Redis while the
 * store is away, before anything else happens to the row.
 */
export class OutboxDelivery {
  constructor(private readonly d: OutboxDeliveryDeps) {}

  /**
   * One row. `attempt` names this try in the rate limiter (a retried job reserves afresh). Throws
   * on a retryable failure (recorded on the row first).
   */
  async sendOne(item: OutboxItem, lane: string, owner: string, attempt: string): Promise<SendOutcome> {
    const { d } = this;
    const sender = d.senders[item.recipient.platform];
    if (!sender) {
      await d.outbox.markFailed(item.id, `platform ${item.recipient.platform} is not configured`);
      d.logger.error({ outboxId: item.id }, 'platform not configured; message failed');
      return { kind: 'handled' };
    }
    if (item.attempts >= MAX_SEND_ATTEMPTS) {
      const error = `gave up after ${item.attempts} attempts`;
      await d.outbox.markFailed(item.id, error);
      d.logger.error({ outboxId: item.id, attempts: item.attempts }, 'outbox row given up');
      await this.givenUp(item, error);
      return { kind: 'handled' };
    }
    if (item.recipient.platform === 'wecom' && item.recipient.userId) {
      const ms = await d.limiter.reserve(`wecom:${item.recipient.userId}`, `${item.id}:${attempt}`);
      if (ms > 0) return { kind: 'wait', ms };
    }
    // Sent before, but the store was away when it was to be marked: mark it now, never send twice.
    const remembered = await this.sentMark(item.id);
    if (remembered) {
      await d.outbox.markSent(item.id, remembered);
      return { kind: 'handled' };
    }
    let result: Record<string, unknown>;
    try {
      result = await sender.send(item);
    } catch (e) {
      const err = asAppError(e);
      if (UNRECOVERABLE_CODES.has(err.code)) {
        await d.outbox.markFailed(item.id, err.message);
        d.logger.error({ outboxId: item.id, code: err.code, err: err.message }, 'message refused; moving on');
        await this.givenUp(item, err.message);
        return { kind: 'handled' };
      }
      await d.outbox.recordAttempt(item.id, err.message);
      throw err;
    }
    await this.markSentOrRemember(item.id, result, lane, owner);
    return { kind: 'handled' };
  }

  /**
   * One pass over the pending rows of a lane the caller owns, in the order stored, renewing the
   * lease between rows; stops at the first row that has to wait for the per-member limit.
   */
  async sendPending(lane: string, owner: string, attempt: string): Promise<PassOutcome> {
    const pending = await this.d.outbox.pendingInLane(lane);
    for (const [i, item] of pending.entries()) {
      const out = await this.sendOne(item, lane, owner, attempt);
      if (out.kind === 'wait') return { ...out, outboxId: item.id };
      // After the last row the caller's `finish` ends or extends the lease itself.
      if (i < pending.length - 1) await this.d.lanes.lanes.renew(lane, owner);
    }
    return { kind: 'handled' };
  }

  /**
   * Sends a lane's pending rows now, in this process, if its drain is idle: true when the lane was
   * taken (and either worked off or handed to a drain job), false when another drain owns it (that
   * owner was told to look again, so the rows are not left behind) or Redis could not be asked.
   * Anything but the plain path (a rate-limit wait, a failed send, more work arriving) hands the
   * lane to a deliver-outbox job, which retries and waits as usual.
   */
  async deliverNow(lane: string): Promise<boolean> {
    const { d } = this;
    const lanes = d.lanes.lanes;
    const owner = `now-${lanes.newJobId(lane)}`;
    if (!(await lanes.start(lane, owner))) return false;
    try {
      const pass = await this.sendPending(lane, owner, 'now');
      // 'again': rows arrived meanwhile (from another process); a job sends them, as it does a wait.
      if (pass.kind === 'wait' || (await lanes.finish(lane, owner)) === 'again')
        await d.lanes.handOff(lane, owner);
      return true;
    } catch (e) {
      d.logger.warn(
        { lane, err: asAppError(e).message },
        'direct delivery failed; handing the lane to a job',
      );
      await d.lanes.handOff(lane, owner).catch(() => {});
      return true;
    }
  }

  private async givenUp(item: OutboxItem, error: string): Promise<void> {
    const to = `${item.recipient.platform}:${item.recipient.userId ?? item.recipient.conversationId ?? ''}`;
    await this.d
      .givenUp(item.key, item.message, to, error)
      .catch((e) => this.d.logger.warn({ err: asAppError(e).message }, 'deadline failure not recorded'));
  }

  /**
   * The platform has the message: record that, or the next attempt would send it again. The store
   * may be away (a failover, a restart): the mark goes to Redis too, and the store is retried for a
   * while before giving up and letting the next attempt finish the mark from Redis.
   */
  private async markSentOrRemember(
    id: string,
    result: Record<string, unknown>,
    lane: string,
    owner: string,
  ): Promise<void> {
    const { d } = this;
    try {
      await d.outbox.markSent(id, result);
      return;
    } catch (e) {
      d.logger.warn({ outboxId: id, err: asAppError(e).message }, 'sent, but not marked; remembering it');
    }
    await d.redis.set(this.markKey(id), JSON.stringify(result), 'EX', 7 * 24 * 3600).catch(() => {});
    for (let i = 0; ; i++) {
      await new Promise((r) => setTimeout(r, Math.min(5_000, 250 * 2 ** i)));
      await d.lanes.lanes.renew(lane, owner).catch(() => {});
      try {
        await d.outbox.markSent(id, result);
        await d.redis.del(this.markKey(id)).catch(() => {});
        return;
      } catch (e) {
        if (i >= MARK_RETRIES) throw e;
      }
    }
  }

  /** Rows the platform accepted but the store has not recorded yet (Redis, for a week). */
  private markKey(id: string): string {
    return `${this.d.keyPrefix}:outbox-sent:${id}`;
  }

  private async sentMark(id: string): Promise<Record<string, unknown> | undefined> {
    const raw = await this.d.redis.get(this.markKey(id));
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
  }
}
