import type { AppDeps } from '../src/app/deps.js';
import type { AnyJobDefinition } from '../src/queue/job-definition.js';
import { deliverOutboxJob } from './deliver-outbox.job.js';
import { processInboundJob } from './process-inbound.job.js';
import { relayOutboxJob } from './relay-outbox.job.js';
import { runDeadlineJob } from './run-deadline.job.js';
import { sendDigestJob } from './send-digest.job.js';
import { sweepDeadlinesJob } from './sweep-deadlines.job.js';
import { sweepExpiredJob } from './sweep-expired.job.js';

/** Every job definition; the worker runner checks at boot that each JobName has exactly one. */
export const JOB_DEFINITIONS: readonly AnyJobDefinition<AppDeps>[] = [
  processInboundJob,
  deliverOutboxJob,
  relayOutboxJob,
  sweepExpiredJob,
  sweepDeadlinesJob,
  runDeadlineJob,
  sendDigestJob,
];
