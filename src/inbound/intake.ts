import { AppError, AppErrorCode } from '../lib/errors.js';
import type { IdSealer } from '../lib/id-sealer.js';
import type { Logger } from '../lib/logger.js';
import { withTimeout } from '../lib/with-timeout.js';
import type { InboundRepository } from '../persistence/repositories/inbound.repository.js';
import type { InboundEvent } from '../platforms/inbound-event.js';
import type { LaneQueue } from '../queue/lane-queue.js';
import { maskEvent, sealIds } from './mask-event.js';

export type IntakeResult = { readonly status: 'stored' | 'duplicate'; readonly id: string };

/** A document the store refused as invalid (not an outage): retrying would fail the same way. */
const isValidationError = (e: unknown): boolean =>
  e instanceof Error && (e.name === 'ValidationError' || e.name === 'CastError');

/**
 * The acknowledgement rule: an event is acknowledged only once it is stored. Storing (one insert)
 * is the commit point; waking the sender's lane is a wake-up call. If Redis is down the event
 * still counts as received and the relay wakes its lane later, so a Redis blip loses nothing. If
 * Mongo is down the caller answers 503 and the platform retries.
 */
export class Intake {
  constructor(
    private readonly inbound: InboundRepository,
    private readonly lanes: LaneQueue,
    private readonly logger: Logger,
    private readonly sealer?: IdSealer,
  ) {}

  /**
   * Masks ID numbers, stores, wakes the lane. Throws VALIDATION_FAILED (400) for an event the
   * store refuses as invalid, UNAVAILABLE (503) when the store does not answer.
   */
  async accept(raw: InboundEvent): Promise<IntakeResult> {
    const { sealedIds: _fromReceiver, ...plain } = raw;
    const sealed = this.sealer ? sealIds(plain, this.sealer) : [];
    const event: InboundEvent = { ...maskEvent(plain), ...(sealed.length > 0 ? { sealedIds: sealed } : {}) };
    let stored: Awaited<ReturnType<InboundRepository['record']>>;
    try {
      stored = await this.inbound.record(event);
    } catch (e) {
      if (isValidationError(e)) {
        throw new AppError(AppErrorCode.VALIDATION_FAILED, 'the event does not pass validation', {
          reason: 'event_invalid',
          cause: e,
        });
      }
      throw new AppError(AppErrorCode.UNAVAILABLE, 'the event store is unavailable; retry later', {
        reason: 'store_unavailable',
        cause: e,
      });
    }
    if (stored.duplicate) {
      this.logger.info(
        { platform: event.platform, inboundId: stored.id },
        'duplicate delivery acknowledged and ignored',
      );
      // A duplicate of an open event wakes its lane again: the first delivery may have been stored
      // by a process that died before it could (the signal is idempotent).
      if (stored.open) await this.wake(stored.lane, stored.id);
      return { status: 'duplicate', id: stored.id };
    }
    await this.wake(stored.lane, stored.id);
    return { status: 'stored', id: stored.id };
  }

  private async wake(lane: string, inboundId: string): Promise<void> {
    try {
      await withTimeout(this.lanes.wake(lane), 1500, 'enqueue timed out');
    } catch (e) {
      this.logger.warn(
        { inboundId, err: e instanceof Error ? e.message : String(e) },
        'stored but not enqueued; the relay will wake its lane',
      );
    }
  }
}
