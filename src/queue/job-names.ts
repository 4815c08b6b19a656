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
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

/** The compiler forces every job onto exactly one queue. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.ProcessInbound]: QueueName.Inbound,
  [JobName.DeliverOutbox]: QueueName.Outbound,
  [JobName.RelayOutbox]: QueueName.Timers,
  [JobName.SweepExpired]: QueueName.Timers,
};

/** Job payloads carry ids only, never message text or personal data. */
export interface JobPayloads {
  /** The lane (`platform:userId` of the sender) whose open events to process in order. */
  [JobName.ProcessInbound]: { lane: string };
  /** The lane (one recipient) whose pending messages to send in order. */
  [JobName.DeliverOutbox]: { lane: string };
  [JobName.RelayOutbox]: Record<string, never>;
  [JobName.SweepExpired]: Record<string, never>;
}
export type JobOf<N extends JobName> = JobPayloads[N];
