/** Queues: one per kind of work, so a flood of one cannot starve the others. */
export const QueueName = {
  /** Processing stored inbound events through the handlers. */
  Inbound: 'inbound',
  /** Sending stored outbox messages to the platforms (per-recipient rate limited). */
  Outbound: 'outbound',
  /** Time-driven work: relays and sweeps (reminders, escalations and digests join it). */
  Timers: 'timers',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const JobName = {
  ProcessInbound: 'process-inbound',
  DeliverOutbox: 'deliver-outbox',
  /** Re-enqueues stored inbound events and outbox rows that never reached the queue. */
  RelayOutbox: 'relay-outbox',
  /** Deletes rows past their TTL where the server has no TTL indexes. */
  SweepExpired: 'sweep-expired',
  /** Finds deadlines that fell due (and digest periods that ended) and queues one job per item. */
  SweepDeadlines: 'sweep-deadlines',
  /** Claims one due deadline step with a conditional update, then sends its messages. */
  RunDeadline: 'run-deadline',
  /** Builds and sends one digest for one period (weekly complaints, month-end counts). */
  SendDigest: 'send-digest',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

/** The compiler forces every job onto exactly one queue. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.ProcessInbound]: QueueName.Inbound,
  [JobName.DeliverOutbox]: QueueName.Outbound,
  [JobName.RelayOutbox]: QueueName.Timers,
  [JobName.SweepExpired]: QueueName.Timers,
  [JobName.SweepDeadlines]: QueueName.Timers,
  [JobName.RunDeadline]: QueueName.Timers,
  [JobName.SendDigest]: QueueName.Timers,
};

/** Job payloads carry ids only, never message text or personal data. */
export interface JobPayloads {
  /** The lane (`platform:userId` of the sender) whose open events to process in order. */
  [JobName.ProcessInbound]: { lane: string };
  /** The lane (one recipient) whose pending messages to send in order. */
  [JobName.DeliverOutbox]: { lane: string };
  [JobName.RelayOutbox]: Record<string, never>;
  [JobName.SweepExpired]: Record<string, never>;
  [JobName.SweepDeadlines]: Record<string, never>;
  /** The deadline kind, the item's id and the due time of the step (ms), which names the step. */
  [JobName.RunDeadline]: { kind: string; itemId: string; dueAt: number };
  /** The digest kind and its period key, e.g. `weekly-complaints` / `2026-W48`. */
  [JobName.SendDigest]: { digest: string; period: string };
}
export type JobOf<N extends JobName> = JobPayloads[N];
