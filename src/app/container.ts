import type { Config } from '../config/env.js';
import { BindingService } from '../conversation/binding.service.js';
import { DialogStore } from '../conversation/dialog-store.js';
import type { DigestDefinition } from '../digests/digest-definition.js';
import { ApprovalService } from '../domain/approval/approval.service.js';
import { TicketService } from '../domain/complaint/ticket.service.js';
import { DutyService } from '../domain/duty/duty.service.js';
import { Intake } from '../inbound/intake.js';
import { BusinessTime } from '../lib/business-time.js';
import { createBusinessCalendar } from '../lib/calendar/business-calendar.js';
import { type Clock, OffsetClock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { DingTalkSender } from '../outbound/dingtalk.sender.js';
import { OutboundService } from '../outbound/outbound.service.js';
import { WeComSender } from '../outbound/wecom.sender.js';
import { Db } from '../persistence/db.js';
import { ApprovalRepository } from '../persistence/repositories/approval.repository.js';
import { AuditRepository } from '../persistence/repositories/audit.repository.js';
import { CardRepository } from '../persistence/repositories/card.repository.js';
import { CounterRepository } from '../persistence/repositories/counter.repository.js';
import { InboundRepository } from '../persistence/repositories/inbound.repository.js';
import { OutboxRepository } from '../persistence/repositories/outbox.repository.js';
import { PeopleRepository } from '../persistence/repositories/people.repository.js';
import { ShopRepository } from '../persistence/repositories/shop.repository.js';
import { TicketRepository } from '../persistence/repositories/ticket.repository.js';
import { UnitRegistry } from '../persistence/repositories/unit-registry.js';
import { DingTalkClient } from '../platforms/dingtalk/dingtalk.client.js';
import { DingTalkReceiver } from '../platforms/dingtalk/dingtalk.receiver.js';
import { RecipientRateLimiter } from '../platforms/rate-limiter.js';
import { WeComClient } from '../platforms/wecom/wecom.client.js';
import { WeComReceiver } from '../platforms/wecom/wecom.receiver.js';
import { Queues } from '../queue/queues.js';
import { createRedis } from '../queue/redis.js';
import { KeyedLock } from '../queue/user-lock.js';
import type { AppDeps } from './deps.js';
import { DevClock } from './dev-clock.js';
import { createTimers } from './timers.js';

/** WeCom allows 30 app messages per member per minute; a second of margin for clock drift. */
const WECOM_MEMBER_LIMIT = 30;
const WECOM_MEMBER_WINDOW_MS = 61_000;

/** Knobs tests may turn; production uses the platform's documented limits. */
export interface DepsOverrides {
  readonly wecomMemberLimit?: { readonly limit: number; readonly windowMs: number };
  readonly wecomRetryDelaysMs?: readonly number[];
  readonly dingtalkRetryDelaysMs?: readonly number[];
  /** Digest definitions in place of the shipped ones (tests). */
  readonly digests?: readonly DigestDefinition[];
}

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
  const repos = {
    inbound: new InboundRepository(m, clock),
    outbox: new OutboxRepository(m, clock),
    cards: new CardRepository(m, clock),
    people: new PeopleRepository(m, clock),
    shops: new ShopRepository(m),
    audit: new AuditRepository(m, clock),
    counters: new CounterRepository(m),
    approvals: new ApprovalRepository(m),
    tickets: new TicketRepository(m),
  };
  const duty = new DutyService(repos.people, time);
  const services = {
    duty,
    tickets: new TicketService(repos.tickets, repos.counters, duty, time),
    binding: new BindingService(m, repos.people, repos.audit, redis, config.redisKeyPrefix, clock),
    approvals: new ApprovalService(
      repos.approvals,
      repos.people,
      repos.cards,
      repos.counters,
      repos.audit,
      duty,
      time,
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
      }
    : undefined;
  const outbound = new OutboundService(repos.outbox, queues, logger);
  const platforms = [...(wecom ? (['wecom'] as const) : []), ...(dingtalk ? (['dingtalk'] as const) : [])];
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
    intake: new Intake(repos.inbound, queues, logger),
    outbound,
    limiter: new RecipientRateLimiter(
      redis,
      `${config.redisKeyPrefix}:rl`,
      overrides.wecomMemberLimit?.limit ?? WECOM_MEMBER_LIMIT,
      overrides.wecomMemberLimit?.windowMs ?? WECOM_MEMBER_WINDOW_MS,
    ),
    dialogs: new DialogStore(redis, config.redisKeyPrefix),
    units: new UnitRegistry(repos.shops),
    userLocks: new KeyedLock(redis, `${config.redisKeyPrefix}:userlock`),
    senders: {
      ...(wecom ? { wecom: new WeComSender(wecom.client, repos.cards, logger) } : {}),
      ...(dingtalk && config.dingtalk
        ? {
            dingtalk: new DingTalkSender(
              dingtalk.client,
              repos.cards,
              platformClock,
              logger,
              config.dingtalk.stream ? 'STREAM' : 'HTTP',
            ),
          }
        : {}),
    },
    ...(wecom ? { wecom } : {}),
    ...(dingtalk ? { dingtalk } : {}),
    timers: createTimers({
      config,
      db,
      queues,
      people: repos.people,
      approvals: repos.approvals,
      cards: repos.cards,
      duty,
      outbound,
      time,
      platforms,
      ...(dingtalk ? { dingtalk: dingtalk.client } : {}),
      logger,
      ...(overrides.digests ? { digests: overrides.digests } : {}),
    }),
    ...(offsetClock
      ? { devClock: new DevClock(offsetClock, redis, `${config.redisKeyPrefix}:devclock`, logger) }
      : {}),
  };
};
