import type { BusinessTime } from '../lib/business-time.js';
import type { Logger } from '../lib/logger.js';
import type { OutboundMessage } from '../messages/outbound-message.js';
import { MessageBatch } from '../outbound/message-batch.js';
import type { OutboundService } from '../outbound/outbound.service.js';
import type { Models } from '../persistence/db.js';
import { isDuplicateKey } from '../persistence/repositories/mongo-errors.js';
import type { PeopleRepository } from '../persistence/repositories/people.repository.js';
import type { Platform } from '../platforms/inbound-event.js';
import type { DeadlineRegistry } from './deadline-registry.js';

/** What each deadline kind is about, as the manager reads it. */
const KIND_LABELS: Readonly<Record<string, string>> = {
  'complaint-take': '投诉受理超时提醒',
  'complaint-reply': '投诉答复时限提醒',
  'repair-ack': '工单接单超时提醒',
  'repair-target': '工单完成时限提醒',
  'approval-step': '审批等待提醒',
  'approval-pass': '放行条过期处理',
  'key-due': '钥匙逾期未还提醒',
  'violation-fix': '违章整改复查提醒',
};

/** One deadline step, as named by its job id and outbox cause (`dl-<kind>-<item>-<due ms>`). */
export interface DeadlineStepRef {
  readonly cause: string;
  readonly kind: string;
  readonly itemId: string;
  readonly dueAt: Date;
}

export interface DeadlineFailureView {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  readonly itemId: string;
  readonly dueAt: Date;
  readonly where: 'job' | 'delivery';
  readonly error: string;
  readonly what: string;
  readonly recipients: readonly string[];
  readonly at: Date;
}

/** Who is told about a step that failed for good (the same hook the digests use). */
export type TellManager = (text: string, batch: MessageBatch) => Promise<void>;

const firstLine = (m: OutboundMessage): string => {
  const text =
    m.type === 'text' || m.type === 'markdown'
      ? m.text
      : m.type === 'card'
        ? m.card.title
        : m.type === 'card_update'
          ? m.fallbackText
          : '';
  return ((text ?? '').split('\n')[0] ?? '').slice(0, 120);
};

/**
 * Permanent failures of deadline steps (issue 14: "permanent failures recorded and shown to the
 * manager"), as the digests record theirs on their ledger: one `deadline_failures` row per step,
 * the manager told once per step (the notice is stored in the outbox under a key of the step, so
 * a second failure of the same step, or a rerun, tells nobody again), listed on the dashboard.
 */
export class DeadlineFailures {
  constructor(
    private readonly models: Pick<Models, 'DeadlineFailure'>,
    private readonly registry: DeadlineRegistry,
    private readonly people: PeopleRepository,
    private readonly outbound: OutboundService,
    private readonly platforms: readonly Platform[],
    private readonly time: BusinessTime,
    private readonly tellManager: TellManager,
    private readonly logger: Logger,
  ) {}

  /** The deadline step a job id or outbox key (`<cause>:<n>`) belongs to, if any. */
  stepOf(causeOrKey: string): DeadlineStepRef | undefined {
    const colon = causeOrKey.indexOf(':');
    const cause = colon >= 0 ? causeOrKey.slice(0, colon) : causeOrKey;
    if (!cause.startsWith('dl-')) return undefined;
    const kinds = this.registry
      .all()
      .map((k) => k.name)
      .sort((a, b) => b.length - a.length);
    const kind = kinds.find((k) => cause.startsWith(`dl-${k}-`));
    if (!kind) return undefined;
    const rest = cause.slice(`dl-${kind}-`.length);
    const dash = rest.lastIndexOf('-');
    const ms = Number(rest.slice(dash + 1));
    if (dash <= 0 || !Number.isSafeInteger(ms)) return undefined;
    return { cause, kind, itemId: rest.slice(0, dash), dueAt: new Date(ms) };
  }

  /** A step's job used up its attempts. */
  async jobFailed(step: DeadlineStepRef, error: string): Promise<boolean> {
    return this.record(step, 'job', error, '', undefined);
  }

  /** A message of a deadline step was given up (refused for good, or out of attempts). */
  async deliveryFailed(
    key: string,
    message: OutboundMessage,
    recipient: string,
    error: string,
  ): Promise<boolean> {
    const step = this.stepOf(key);
    if (!step) return false;
    return this.record(step, 'delivery', error, firstLine(message), recipient);
  }

  /** The newest failures first (the dashboard's list). */
  async recent(limit = 20): Promise<DeadlineFailureView[]> {
    const rows = await this.models.DeadlineFailure.find({}).sort({ at: -1 }).limit(limit).lean();
    return rows.map((r) => ({
      id: r._id,
      kind: r.kind,
      label: KIND_LABELS[r.kind] ?? r.kind,
      itemId: r.itemId,
      dueAt: r.dueAt,
      where: r.where,
      error: r.error,
      what: r.what,
      recipients: r.recipients,
      at: r.at,
    }));
  }

  private async record(
    step: DeadlineStepRef,
    where: 'job' | 'delivery',
    error: string,
    what: string,
    recipient: string | undefined,
  ): Promise<boolean> {
    const M = this.models.DeadlineFailure;
    if (await M.exists({ _id: step.cause })) {
      if (recipient) await M.updateOne({ _id: step.cause }, { $addToSet: { recipients: recipient } });
      return false;
    }
    const label = KIND_LABELS[step.kind] ?? step.kind;
    const reason = error.slice(0, 120);
    const text =
      where === 'job'
        ? `【提醒发送失败】${label}（${this.time.human(step.dueAt)} 到期）多次重试仍未能完成：${reason}。请人工跟进该事项。`
        : `【提醒未送达】${label}未能送达 ${recipient ?? ''}${what ? `：“${what}”` : ''}。平台答复：${reason}。请人工通知当事人，并检查其账号绑定。`;
    // The notice first, under a key of the step (idempotent), then the row: a crash in between
    // tells again under the same key rather than never.
    const batch = new MessageBatch(`dlfail-${step.cause}`, this.people, this.platforms);
    await this.tellManager(text, batch);
    await batch.flush(this.outbound);
    try {
      await M.create({
        _id: step.cause,
        kind: step.kind,
        itemId: step.itemId,
        dueAt: step.dueAt,
        where,
        error: error.slice(0, 500),
        what,
        recipients: recipient ? [recipient] : [],
        at: this.time.clock.now(),
      });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      return false;
    }
    this.logger.error({ step: step.cause, where, err: reason }, 'deadline step failed for good');
    return true;
  }
}
