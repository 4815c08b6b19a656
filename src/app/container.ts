import { isFilingIntent } from '../../handlers/conversation/forms.js';
import { createHandlers, type HandlerServices } from '../../handlers/index.js';
import type { Config } from '../config/env.js';
import { BindingService } from '../conversation/binding.service.js';
import { DashboardLogin } from '../dashboard/dashboard-login.js';
import { firstApprovalRung } from '../deadlines/kinds/approval-step.kind.js';
import { ComplaintDeadlinePlanner } from '../deadlines/kinds/complaint.kinds.js';
import { RepairDeadlinePlanner } from '../deadlines/kinds/repair.kinds.js';
import { DEFAULT_LADDERS } from '../deadlines/ladders/default-ladders.js';
import { TicketDesk } from '../desk/ticket-desk.js';
import { TicketQueries } from '../desk/ticket-queries.js';
import type { DigestDefinition } from '../digests/digest-definition.js';
import { ApprovalService } from '../domain/approval/approval.service.js';
import { ComplaintService } from '../domain/complaint/complaint.service.js';
import { DutyService } from '../domain/duty/duty.service.js';
import { RepairService } from '../domain/repair/repair.service.js';
import { Intake } from '../inbound/intake.js';
import { createInspections } from '../inspections/inspections.module.js';
import { BusinessTime } from '../lib/business-time.js';
import { createBusinessCalendar } from '../lib/calendar/business-calendar.js';
import { type Clock, OffsetClock } from '../lib/clock.js';
import { IdSealer } from '../lib/id-sealer.js';
import type { Logger } from '../lib/logger.js';
import { MediaService } from '../media/media.service.js';
import { parseMessage } from '../nlu/parse.js';
import { Notifier } from '../notify/notifier.js';
import { DingTalkSender } from '../outbound/dingtalk.sender.js';
import { OutboundService } from '../outbound/outbound.service.js';
import { OutboxDelivery } from '../outbound/outbox-delivery.js';
import { WeComSender } from '../outbound/wecom.sender.js';
import { PersonDepartureService } from '../people/person-departure.service.js';
import { WorkHandover } from '../people/work-handover.js';
import { Db } from '../persistence/db.js';
import { ApprovalRepository } from '../persistence/repositories/approval.repository.js';
import { AttachmentRepository } from '../persistence/repositories/attachment.repository.js';
import { AuditRepository } from '../persistence/repositories/audit.repository.js';
import { CardRepository } from '../persistence/repositories/card.repository.js';
import { ComplaintRepository } from '../persistence/repositories/complaint.repository.js';
import { CounterRepository } from '../persistence/repositories/counter.repository.js';
import {
  DEFAULT_DEDUPE_HORIZON_MS,
  InboundRepository,
} from '../persistence/repositories/inbound.repository.js';
import { OutboxRepository } from '../persistence/repositories/outbox.repository.js';
import { PeopleRepository } from '../persistence/repositories/people.repository.js';
import { RepairRepository } from '../persistence/repositories/repair.repository.js';
import { ShopRepository } from '../persistence/repositories/shop.repository.js';
import { StandInRepository } from '../persistence/repositories/stand-in.repository.js';
import { UnhandledEventRepository } from '../persistence/repositories/unhandled-event.repository.js';
import { UnitRegistry } from '../persistence/repositories/unit-registry.js';
import { DingTalkClient } from '../platforms/dingtalk/dingtalk.client.js';
import { DingTalkReceiver } from '../platforms/dingtalk/dingtalk.receiver.js';
import { SignBindingStore } from '../platforms/dingtalk/sign-binding.js';
import type { Platform } from '../platforms/inbound-event.js';
import { RecipientRateLimiter } from '../platforms/rate-limiter.js';
import { WeComClient } from '../platforms/wecom/wecom.client.js';
import { WeComReceiver } from '../platforms/wecom/wecom.receiver.js';
import { JobName } from '../queue/job-names.js';
import { LaneQueue } from '../queue/lane-queue.js';
import { Lanes } from '../queue/lanes.js';
import { Queues } from '../queue/queues.js';
import { createRedis } from '../queue/redis.js';
import { AttachmentInbox } from '../state/attachment-inbox.store.js';
import { DialogStore } from '../state/dialog.store.js';
import { InspectionPendingStore } from '../state/inspection-pending.store.js';
import { PendingInputStore } from '../state/pending-input.store.js';
import type { AppDeps, Repos, Services } from './deps.js';
import { DevClock } from './dev-clock.js';
import { createTimers } from './timers.js';

/** WeCom allows 30 app messages per member per minute; a second of margin for clock drift. */
const WECOM_MEMBER_LIMIT = 30;
const WECOM_MEMBER_WINDOW_MS = 61_000;

/**
 * How long a handled inbound event stays for de-duplication: ten minutes, and at least twice the
 * replay window, so a replay the signature check still accepts is recognised as a duplicate.
 */
const dedupeHorizonMs = (config: Config): number =>
  Math.max(DEFAULT_DEDUPE_HORIZON_MS, 2 * config.webhookMaxClockSkewS * 1000);

/** Knobs tests may turn; production uses the platform's documented limits. */
export interface DepsOverrides {
  readonly wecomMemberLimit?: { readonly limit: number; readonly windowMs: number };
  readonly wecomRetryDelaysMs?: readonly number[];
  readonly dingtalkRetryDelaysMs?: readonly number[];
  /** Digest definitions in place of the shipped ones (tests). */
  readonly digests?: readonly DigestDefinition[];
}

/** Whether a message reads as a new request (an optional follow-up question then gives way). */
const looksLikeRequest =
  (time: BusinessTime) =>
  (text: string): boolean => {
    const nlu = parseMessage(text, { now: time.now() });
    return nlu.confidence >= 0.6 && (isFilingIntent(nlu.intent) || nlu.intent === 'query_status');
  };

/**
 * Builds every dependency of one process from the validated config (composition root). With
 * DEV_CLOCK=1 the business clock is `platformClock` plus an offset shared through Redis; the
 * platform layer (signature windows, tokens, session webhooks) keeps real time either way.
 */
export const createDeps = (
  config: Config,
  platformClock: Clock,
  logger: Logger,
  overrides: DepsOverrides = {},
): AppDeps => {
  const offsetClock = config.devClock ? new OffsetClock(platformClock) : undefined;
  const clock: Clock = offsetClock ?? platformClock;
  const time = new BusinessTime(
    clock,
    config.tzBusiness,
    createBusinessCalendar(config.calendar, config.tzBusiness),
  );
  const db = Db.open(config.mongodbUri, logger);
  const redis = createRedis(config.redisUrl, 'producer', logger, 'producer');
  const queues = new Queues(redis, `${config.redisKeyPrefix}:bull`, logger);
  const m = db.models;
  const repos: Repos = {
    inbound: new InboundRepository(m, clock, dedupeHorizonMs(config)),
    outbox: new OutboxRepository(m, clock),
    cards: new CardRepository(m, clock),
    people: new PeopleRepository(m, clock),
    shops: new ShopRepository(m),
    audit: new AuditRepository(m, clock),
    counters: new CounterRepository(m),
    approvals: new ApprovalRepository(m),
    complaints: new ComplaintRepository(m, config.tzBusiness),
    repairs: new RepairRepository(m),
    unhandled: new UnhandledEventRepository(m, clock),
    attachments: new AttachmentRepository(m, clock),
  };
  const standIns = new StandInRepository(m, repos.people);
  // Resident ID numbers of outside key borrowers are kept encrypted with this key (when set).
  const sealer = config.idEncryptionKeyHex
    ? new IdSealer(Buffer.from(config.idEncryptionKeyHex, 'hex'))
    : undefined;
  const lanes = {
    inbound: new LaneQueue(
      new Lanes(redis, config.redisKeyPrefix, 'inbound'),
      queues,
      JobName.ProcessInbound,
    ),
    outbound: new LaneQueue(
      new Lanes(redis, config.redisKeyPrefix, 'outbound'),
      queues,
      JobName.DeliverOutbox,
    ),
  };
  const duty = new DutyService(repos.people, time);
  const notifier = new Notifier({
    duty,
    people: repos.people,
    cards: repos.cards,
    time,
    liftContacts: config.liftContacts,
    standIns,
  });
  const complaints = new ComplaintService(
    repos.complaints,
    repos.counters,
    repos.audit,
    time,
    new ComplaintDeadlinePlanner(DEFAULT_LADDERS, time),
  );
  const repairs = new RepairService(
    repos.repairs,
    repos.counters,
    repos.audit,
    time,
    new RepairDeadlinePlanner(DEFAULT_LADDERS, time),
  );
  const approvals = new ApprovalService(repos.approvals, repos.counters, repos.audit, time, {
    standIns,
    release: repos.shops,
    bookings: repos.approvals,
    firstReminder: (type, at) => firstApprovalRung(DEFAULT_LADDERS, type, at, time),
  });
  const desk = new TicketDesk(complaints, repairs, approvals, notifier);
  const queries = new TicketQueries(repos.complaints, repos.repairs, repos.approvals);
  const inspections = createInspections({
    models: m,
    counters: repos.counters,
    audit: repos.audit,
    time,
    repairs,
    tickets: desk,
    notifier,
    people: repos.people,
    shops: repos.shops,
    rules: config.inspections,
  });
  const services: Services = {
    duty,
    complaints,
    repairs,
    approvals,
    notifier,
    desk,
    queries,
    binding: new BindingService(m, repos.people, repos.audit, redis, config.redisKeyPrefix, clock),
    departures: new PersonDepartureService(
      repos.people,
      repos.audit,
      logger,
      new WorkHandover(desk, queries, repos.approvals, notifier),
    ),
  };
  const wecom = config.wecom
    ? {
        receiver: new WeComReceiver({
          wecom: config.wecom,
          maxClockSkewS: config.webhookMaxClockSkewS,
          clock: platformClock,
        }),
        client: new WeComClient({
          config: config.wecom,
          redis,
          keyPrefix: config.redisKeyPrefix,
          clock: platformClock,
          logger,
          ...(overrides.wecomRetryDelaysMs ? { retryDelaysMs: overrides.wecomRetryDelaysMs } : {}),
        }),
      }
    : undefined;
  const dingtalk = config.dingtalk
    ? {
        receiver: new DingTalkReceiver({
          dingtalk: config.dingtalk,
          maxClockSkewS: config.webhookMaxClockSkewS,
          clock: platformClock,
        }),
        client: new DingTalkClient({
          config: config.dingtalk,
          redis,
          keyPrefix: config.redisKeyPrefix,
          clock: platformClock,
          logger,
          ...(overrides.dingtalkRetryDelaysMs ? { retryDelaysMs: overrides.dingtalkRetryDelaysMs } : {}),
        }),
        signBinding: new SignBindingStore(redis, config.redisKeyPrefix, config.webhookMaxClockSkewS),
      }
    : undefined;
  const dialogs = new DialogStore(redis, config.redisKeyPrefix);
  const media = new MediaService(
    repos.attachments,
    {
      ...(wecom ? { wecom: (id: string, max: number) => wecom.client.downloadMedia(id, max) } : {}),
      ...(dingtalk
        ? { dingtalk: (code: string, max: number) => dingtalk.client.downloadMessageFile(code, max) }
        : {}),
    },
    config.media.maxBytes,
    logger,
  );
  const pending = new PendingInputStore(redis, config.redisKeyPrefix);
  const units = new UnitRegistry(repos.shops);
  const platforms: Platform[] = [
    ...(wecom ? (['wecom'] as const) : []),
    ...(dingtalk ? (['dingtalk'] as const) : []),
  ];
  const outbound = new OutboundService(repos.outbox, lanes.outbound, logger);
  const handlerServices: HandlerServices = {
    logger,
    dialogs,
    pending,
    media,
    inbox: new AttachmentInbox(redis, config.redisKeyPrefix),
    units,
    shops: repos.shops,
    complaints,
    repairs,
    approvals,
    duty,
    notifier,
    queries: services.queries,
    desk: services.desk,
    people: repos.people,
    cards: repos.cards,
    binding: services.binding,
    departures: services.departures,
    audit: repos.audit,
    dashboardLogin: new DashboardLogin(redis, config.redisKeyPrefix, config.media.publicBaseUrl),
    flow: { desk: services.desk, pending, people: repos.people },
    looksLikeRequest: looksLikeRequest(time),
    inspections: inspections.desk,
    inspectionTodo: inspections.desk,
    inspectionPending: new InspectionPendingStore(redis, config.redisKeyPrefix),
    firstWelcomeToday: async (platform, userId) =>
      (await redis.set(
        `${config.redisKeyPrefix}:welcomed:${platform}:${userId}`,
        '1',
        'EX',
        86_400,
        'NX',
      )) === 'OK',
  };
  const senders: AppDeps['senders'] = {
    ...(wecom
      ? { wecom: new WeComSender(wecom.client, repos.cards, logger, repos.attachments, sealer) }
      : {}),
    ...(dingtalk && config.dingtalk
      ? {
          dingtalk: new DingTalkSender(
            dingtalk.client,
            repos.cards,
            platformClock,
            logger,
            config.dingtalk.stream ? 'STREAM' : 'HTTP',
            {
              attachments: repos.attachments,
              publicBaseUrl: config.media.publicBaseUrl,
              secret: config.media.urlSecret,
            },
            sealer,
          ),
        }
      : {}),
  };
  const limiter = new RecipientRateLimiter(
    redis,
    `${config.redisKeyPrefix}:rl`,
    overrides.wecomMemberLimit?.limit ?? WECOM_MEMBER_LIMIT,
    overrides.wecomMemberLimit?.windowMs ?? WECOM_MEMBER_WINDOW_MS,
  );
  const timers = createTimers({
    config,
    db,
    queues,
    people: repos.people,
    approvals: repos.approvals,
    approvalService: approvals,
    cards: repos.cards,
    complaints: repos.complaints,
    repairs: repos.repairs,
    notifier,
    duty,
    outbound,
    time,
    platforms,
    ...(dingtalk ? { dingtalk: dingtalk.client } : {}),
    logger,
    ...(overrides.digests ? { digests: overrides.digests } : {}),
    extraKinds: inspections.deadlineKinds,
    extraDigests: inspections.digests,
    patrols: inspections.patrols,
  });
  const delivery = new OutboxDelivery({
    senders,
    outbox: repos.outbox,
    limiter,
    lanes: lanes.outbound,
    redis,
    keyPrefix: config.redisKeyPrefix,
    givenUp: (key, message, to, error) => timers.failures.deliveryFailed(key, message, to, error),
    logger,
  });
  return {
    config,
    logger,
    clock,
    time,
    db,
    redis,
    queues,
    repos,
    services,
    intake: new Intake(repos.inbound, lanes.inbound, logger, sealer),
    outbound,
    lanes,
    limiter,
    dialogs,
    pending,
    units,
    platforms,
    handlers: createHandlers(handlerServices),
    senders,
    delivery,
    ...(wecom ? { wecom } : {}),
    ...(dingtalk ? { dingtalk } : {}),
    timers,
    ...(offsetClock
      ? { devClock: new DevClock(offsetClock, redis, `${config.redisKeyPrefix}:devclock`, logger) }
      : {}),
  };
};
