import type { Logger } from '../lib/logger.js';
import { withTimeout } from '../lib/with-timeout.js';
import type { NewOutbox, OutboxRepository } from '../persistence/repositories/outbox.repository.js';
import { JobName, QueueName } from '../queue/job-names.js';
import type { Queues } from '../queue/queues.js';

/** BullMQ job ids may not contain ':'. */
export const outboxJobId = (id: string): string => `out-${id}`;

/** A row whose sends failed this many times is given up on (marked failed, for a human to see). */
export const MAX_SEND_ATTEMPTS = 30;

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
    } catch (e) {
      this.logger.warn(
        { count: ids.length, err: e instanceof Error ? e.message : String(e) },
        'outbox rows not enqueued; the relay will',
      );
    }
  }

  /**
   * For the relay: a row still pending whose job exhausted its retries gets that job retried (a
   * re-add with the same id would be a no-op), until the row has failed too often.
   */
  async revive(ids: readonly string[]): Promise<number> {
    const queue = this.queues.queue(QueueName.Outbound);
    let revived = 0;
    for (const id of ids) {
      const job = await queue.getJob(outboxJobId(id));
      if (!job || !(await job.isFailed())) continue;
      const row = await this.outbox.get(id);
      if (row?.status !== 'pending') continue;
      if (row.attempts >= MAX_SEND_ATTEMPTS) {
        await this.outbox.markFailed(id, `gave up after ${row.attempts} attempts`);
        this.logger.error({ outboxId: id, attempts: row.attempts }, 'outbox row given up');
        continue;
      }
      await job.retry('failed');
      revived++;
    }
    return revived;
  }
}
