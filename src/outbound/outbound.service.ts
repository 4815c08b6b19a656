import type { Logger } from '../lib/logger.js';
import { withTimeout } from '../lib/with-timeout.js';
import type { NewOutbox, OutboxRepository } from '../persistence/repositories/outbox.repository.js';
import { JobName } from '../queue/job-names.js';
import type { Queues } from '../queue/queues.js';

/** BullMQ job ids may not contain ':'. */
export const outboxJobId = (id: string): string => `out-${id}`;

/**
 * Queues messages for sending: stored in the outbox first (the commit point), then handed to the
 * outbound queue. If the queue is away, the relay picks the rows up later; a row is sent once.
 */
export class OutboundService {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly queues: Queues,
    private readonly logger: Logger,
  ) {}

  async enqueue(items: readonly NewOutbox[]): Promise<string[]> {
    const ids = await this.store(items);
    await this.wake(ids);
    return ids;
  }

  /** Stores rows only (the caller wakes them after committing its own state). */
  async store(items: readonly NewOutbox[]): Promise<string[]> {
    return items.length === 0 ? [] : this.outbox.addMany(items);
  }

  /** Hands stored rows to the queue (idempotent: the job id is the row id). */
  async wake(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      await withTimeout(
        Promise.all(
          ids.map((id) =>
            this.queues.add(JobName.DeliverOutbox, { outboxId: id }, { jobId: outboxJobId(id) }),
          ),
        ),
        3000,
        'enqueue timed out',
      );
      await this.outbox.markEnqueued(ids);
    } catch (e) {
      this.logger.warn(
        { count: ids.length, err: e instanceof Error ? e.message : String(e) },
        'outbox rows not enqueued; the relay will',
      );
    }
  }
}
