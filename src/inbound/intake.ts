import { AppError, AppErrorCode } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { withTimeout } from '../lib/with-timeout.js';
import type { InboundRepository } from '../persistence/repositories/inbound.repository.js';
import type { InboundEvent } from '../platforms/inbound-event.js';
import { JobName } from '../queue/job-names.js';
import type { Queues } from '../queue/queues.js';
import { maskEvent } from './mask-event.js';

export type IntakeResult = { readonly status: 'stored' | 'duplicate'; readonly id: string };

/** A document the store refused as invalid (not an outage): retrying would fail the same way. */
const isValidationError = (e: unknown): boolean =>
  e instanceof Error && (e.name === 'ValidationError' || e.name === 'CastError');

/** BullMQ job ids may not contain ':'. */
export const inboundJobId = (id: string): string => `in-${id}`;

/**
 * The acknowledgement rule: an event is acknowledged only once it is stored. Storing is the
 * commit point; the queue is a wake-up call. If Redis is down the event still counts as received
 * and the outbox relay enqueues it later, so a Redis blip loses nothing. If Mongo is down the
 * caller answers 503 and the platform retries.
 */
export class Intake {
  constructor(
    private readonly inbound: InboundRepository,
    private readonly queues: Queues,
    private readonly logger: Logger,
  ) {}

  /**
   * Masks ID numbers, stores, enqueues. Throws VALIDATION_FAILED (400) for an event the store
   * refuses as invalid, UNAVAILABLE (503) when the store does not answer.
   */
  async accept(raw: InboundEvent): Promise<IntakeResult> {
    const event = maskEvent(raw);
    let stored: { id: string; duplicate: boolean };
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
      return { status: 'duplicate', id: stored.id };
    }
    try {
      await withTimeout(
        this.queues.add(JobName.ProcessInbound, { inboundId: stored.id }, { jobId: inboundJobId(stored.id) }),
        1500,
        'enqueue timed out',
      );
    } catch (e) {
      this.logger.warn(
        { inboundId: stored.id, err: e instanceof Error ? e.message : String(e) },
        'stored but not enqueued; the relay will enqueue it',
      );
    }
    return { status: 'stored', id: stored.id };
  }
}
