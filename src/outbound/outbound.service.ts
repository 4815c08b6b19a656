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
    if (items.length === 0) return [];
    const ids = await this.outbox.addMany(items);
    await this.wake(ids);
    return ids;
  }

  /** Hands stored rows to the queue (idempotent: the job id is the row id). */
  async wake(ids: readonly string[]): Promise<void> {
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
