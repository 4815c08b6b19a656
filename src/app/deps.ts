import type { Redis } from 'ioredis';
import type { Handler } from '../../handlers/context.js';
import type { Config } from '../config/env.js';
import type { BindingService } from '../conversation/binding.service.js';
import type { DeadlineFailures } from '../deadlines/deadline-failures.js';
import type { DeadlineRegistry } from '../deadlines/deadline-registry.js';
import type { DeadlineRunner } from '../deadlines/deadline-runner.js';
import type { TicketDesk } from '../desk/ticket-desk.js';
import type { TicketQueries } from '../desk/ticket-queries.js';
import type { DigestRunner } from '../digests/digest-runner.js';
import type { ReportingDb } from '../digests/reporting-db.js';
import type { ApprovalService } from '../domain/approval/approval.service.js';
import type { ComplaintService } from '../domain/complaint/complaint.service.js';
import type { DutyService } from '../domain/duty/duty.service.js';
import type { RepairService } from '../domain/repair/repair.service.js';
import type { Intake } from '../inbound/intake.js';
import type { BusinessTime } from '../lib/business-time.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Notifier } from '../notify/notifier.js';
import type { OutboundService } from '../outbound/outbound.service.js';
import type { OutboxDelivery } from '../outbound/outbox-delivery.js';
import type { PlatformSender } from '../outbound/platform-sender.js';
import type { PersonDepartureService } from '../people/person-departure.service.js';
import type { Db } from '../persistence/db.js';
import type { ApprovalRepository } from '../persistence/repositories/approval.repository.js';
import type { AttachmentRepository } from '../persistence/repositories/attachment.repository.js';
import type { AuditRepository } from '../persistence/repositories/audit.repository.js';
import type { CardRepository } from '../persistence/repositories/card.repository.js';
import type { ComplaintRepository } from '../persistence/repositories/complaint.repository.js';
import type { CounterRepository } from '../persistence/repositories/counter.repository.js';
import type { InboundRepository } from '../persistence/repositories/inbound.repository.js';
import type { OutboxRepository } from '../persistence/repositories/outbox.repository.js';
import type { PeopleRepository } from '../persistence/repositories/people.repository.js';
import type { RepairRepository } from '../persistence/repositories/repair.repository.js';
import type { ShopRepository } from '../persistence/repositories/shop.repository.js';
import type { UnhandledEventRepository } from '../persistence/repositories/unhandled-event.repository.js';
import type { UnitRegistry } from '../persistence/repositories/unit-registry.js';
import type { DingTalkClient } from '../platforms/dingtalk/dingtalk.client.js';
import type { DingTalkReceiver } from '../platforms/dingtalk/dingtalk.receiver.js';
import type { SignBindingStore } from '../platforms/dingtalk/sign-binding.js';
import type { Platform } from '../platforms/inbound-event.js';
import type { RecipientRateLimiter } from '../platforms/rate-limiter.js';
import type { WeComClient } from '../platforms/wecom/wecom.client.js';
import type { WeComReceiver } from '../platforms/wecom/wecom.receiver.js';
import type { LaneQueue } from '../queue/lane-queue.js';
import type { Queues } from '../queue/queues.js';
import type { DialogStore } from '../state/dialog.store.js';
import type { PendingInputStore } from '../state/pending-input.store.js';
import type { DevClock } from './dev-clock.js';

export interface Repos {
  readonly inbound: InboundRepository;
  readonly outbox: OutboxRepository;
  readonly cards: CardRepository;
  readonly people: PeopleRepository;
  readonly shops: ShopRepository;
  readonly audit: AuditRepository;
  readonly counters: CounterRepository;
  readonly approvals: ApprovalRepository;
  readonly complaints: ComplaintRepository;
  readonly repairs: RepairRepository;
  /** Verified pushes that did not become inbound events (ignored, dead letters). */
  readonly unhandled: UnhandledEventRepository;
  readonly attachments: AttachmentRepository;
}

export interface Services {
  readonly duty: DutyService;
  readonly complaints: ComplaintService;
  readonly repairs: RepairService;
  readonly approvals: ApprovalService;
  readonly binding: BindingService;
  readonly notifier: Notifier;
  readonly desk: TicketDesk;
  readonly queries: TicketQueries;
  /** People who left the organisation (platform contact events). */
  readonly departures: PersonDepartureService;
}

/** Everything handlers and jobs may use; built once per process by the container. */
export interface AppDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly time: BusinessTime;
  readonly db: Db;
  /** Fail-fast Redis connection for caches, limiters and producers. */
  readonly redis: Redis;
  readonly queues: Queues;
  readonly repos: Repos;
  readonly services: Services;
  readonly intake: Intake;
  readonly outbound: OutboundService;
  readonly senders: { readonly wecom?: PlatformSender; readonly dingtalk?: PlatformSender };
  /** Sends outbox rows of a lane its caller owns (the deliver-outbox job, or directly after handling). */
  readonly delivery: OutboxDelivery;
  readonly limiter: RecipientRateLimiter;
  readonly dialogs: DialogStore;
  readonly pending: PendingInputStore;
  /** Platforms this process can send on. */
  readonly platforms: readonly Platform[];
  /** The handler chain, built once with the narrow services each handler uses. */
  readonly handlers: readonly Handler[];
  readonly units: UnitRegistry;
  /**
   * Per-key drains: one person's inbound events, one recipient's outgoing messages, each handled
   * one at a time in order (src/queue/lanes.ts).
   */
  readonly lanes: { readonly inbound: LaneQueue; readonly outbound: LaneQueue };
  readonly wecom?: { readonly receiver: WeComReceiver; readonly client: WeComClient };
  readonly dingtalk?: {
    readonly receiver: DingTalkReceiver;
    readonly client: DingTalkClient;
    /** Binds each robot (timestamp, sign) pair to its first body (replay guard). */
    readonly signBinding: SignBindingStore;
  };
  /** The time-driven half: deadline kinds, their sweep and item runner, and the digests. */
  readonly timers: {
    readonly registry: DeadlineRegistry;
    readonly deadlines: DeadlineRunner;
    readonly digests: DigestRunner;
    /** Deadline steps that failed for good: recorded, told to the manager once, on the dashboard. */
    readonly failures: DeadlineFailures;
    /** The separate connection digest aggregations run on. */
    readonly reporting: ReportingDb;
  };
  /** Present when DEV_CLOCK=1: the shared movable clock (`clock` then reads it). */
  readonly devClock?: DevClock;
}
