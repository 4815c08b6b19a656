import type { mongo } from 'mongoose';
import type { BusinessTime } from '../lib/business-time.js';
import { AppErrorCode, asAppError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { MessageBatch } from '../outbound/message-batch.js';
import type { OutboundService } from '../outbound/outbound.service.js';
import type { PeopleRepository } from '../persistence/repositories/people.repository.js';
import type { Platform } from '../platforms/inbound-event.js';
import { JobName, QueueName } from '../queue/job-names.js';
import type { Queues } from '../queue/queues.js';
import type { DigestDefinition } from './digest-definition.js';
import type { GroupPart, GroupPoster } from './group-poster.js';

/** One row per digest period: the claim and the record of what was delivered or failed. */
export interface DigestRun {
  _id: string;
  digest: string;
  period: string;
  status: 'building' | 'done';
  startedAt: Date;
  finishedAt?: Date;
  summary?: Record<string, number | string>;
  /** Group parts delivered (`wecom-robot:markdown` …) and permanent failures. */
  groupSent?: string[];
  groupFailed?: { target: string; part: string; error: string; at: Date }[];
}

/** Retries of a digest period's job: group robots get a few minutes of exponential backoff. */
export const SEND_DIGEST_JOB_OPTS = { attempts: 6, backoff: { type: 'exponential', delay: 5000 } } as const;

export const digestJobId = (digest: string, period: string): string => `digest-${digest}-${period}`;

/** Who hears about a group delivery that failed for good (DOMAIN.md: the department head). */
export type NotifyManager = (text: string, batch: MessageBatch) => Promise<void>;

/**
 * Digest delivery discipline: one job per digest period under a deterministic id; the period is
 * claimed by a ledger row; people's messages go through the outbox (per-recipient limits,
 * retries); group posts retry with the job's backoff and a permanent failure is recorded on the
 * ledger and told to the manager.
 */
export class DigestRunner {
  constructor(
    /** The `digest_runs` collection (a string `_id` per period; no other index needed). */
    private readonly runs: mongo.Collection<DigestRun>,
    private readonly definitions: readonly DigestDefinition[],
    private readonly groups: readonly GroupPoster[],
    private readonly queues: Queues,
    private readonly people: PeopleRepository,
    private readonly outbound: OutboundService,
    private readonly platforms: readonly Platform[],
    private readonly time: BusinessTime,
    private readonly notifyManager: NotifyManager,
    private readonly logger: Logger,
  ) {}

  /** Queues the job of every digest period that is due and not done; returns how many. */
  async sweep(): Promise<number> {
    const now = this.time.clock.now();
    const queue = this.queues.queue(QueueName.Timers);
    let queued = 0;
    for (const d of this.definitions) {
      const p = d.duePeriod(now, this.time);
      if (!p) continue;
      const done = await this.runs.findOne(
        { _id: `${d.name}:${p.period}`, status: 'done' },
        { projection: { _id: 1 } },
      );
      if (done) continue;
      const jobId = digestJobId(d.name, p.period);
      await this.queues.add(
        JobName.SendDigest,
        { digest: d.name, period: p.period },
        { ...SEND_DIGEST_JOB_OPTS, jobId },
      );
      const job = await queue.getJob(jobId);
      if (job && (await job.isFailed())) await job.retry('failed');
      queued++;
    }
    return queued;
  }

  /** Builds and delivers one period; `finalAttempt` turns a retryable group failure into a recorded one. */
  async run(name: string, period: string, finalAttempt: boolean): Promise<'done' | 'already' | 'unknown'> {
    const def = this.definitions.find((d) => d.name === name);
    if (!def) return 'unknown';
    const id = `${name}:${period}`;
    const now = this.time.clock.now();
    await this.runs.updateOne(
      { _id: id },
      {
        $setOnInsert: {
          digest: name,
          period,
          status: 'building',
          startedAt: now,
          groupSent: [],
          groupFailed: [],
        },
      },
      { upsert: true },
    );
    const run = await this.runs.findOne({ _id: id });
    if (!run || run.status === 'done') return 'already';
    const batch = new MessageBatch(digestJobId(name, period), this.people, this.platforms);
    const out = await def.build(period, batch, now);
    await batch.flush(this.outbound);
    await this.runs.updateOne({ _id: id }, { $set: { summary: out.summary } });
    if (out.group) {
      for (const g of this.groups) {
        for (const part of g.parts(out.group)) {
          const key = `${g.name}:${part}`;
          // The arrays may be missing on a row an upsert created (FerretDB drops empty $setOnInsert arrays).
          const failed = (run.groupFailed ?? []).some((f) => `${f.target}:${f.part}` === key);
          if ((run.groupSent ?? []).includes(key) || failed) continue;
          await this.postOnce(id, g, part, out.group, finalAttempt, name, period);
        }
      }
    }
    await this.runs.updateOne({ _id: id }, { $set: { status: 'done', finishedAt: this.time.clock.now() } });
    this.logger.info({ digest: name, period, ...out.summary }, 'digest delivered');
    return 'done';
  }

  private async postOnce(
    id: string,
    g: GroupPoster,
    part: GroupPart,
    post: NonNullable<Awaited<ReturnType<DigestDefinition['build']>>['group']>,
    finalAttempt: boolean,
    name: string,
    period: string,
  ): Promise<void> {
    try {
      await g.post(post, part);
      await this.runs.updateOne({ _id: id }, { $addToSet: { groupSent: `${g.name}:${part}` } });
    } catch (e) {
      const err = asAppError(e);
      const permanent = err.code !== AppErrorCode.PLATFORM_RETRYABLE && err.code !== AppErrorCode.UNAVAILABLE;
      if (!permanent && !finalAttempt) throw err;
      const failure = { target: g.name, part, error: err.message.slice(0, 300), at: this.time.clock.now() };
      await this.runs.updateOne({ _id: id }, { $push: { groupFailed: failure } });
      this.logger.error(
        { digest: name, period, target: g.name, part, err: err.message },
        'digest group post failed',
      );
      const batch = new MessageBatch(
        `${digestJobId(name, period)}-fail-${g.name}-${part}`,
        this.people,
        this.platforms,
      );
      await this.notifyManager(
        `【推送失败】${post.title}未能发送到${g.name === 'wecom-robot' ? '企业微信群机器人' : '钉钉群'}（${err.message.slice(0, 120)}）。请检查群机器人配置。`,
        batch,
      );
      await batch.flush(this.outbound);
    }
  }

  /** The ledger row of one period (for tests and the admin API). */
  get(name: string, period: string): Promise<DigestRun | null> {
    return this.runs.findOne({ _id: `${name}:${period}` });
  }
}
