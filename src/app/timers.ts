import type { Config } from '../config/env.js';
import { AudienceResolver } from '../deadlines/audience.js';
import { DeadlineFailures } from '../deadlines/deadline-failures.js';
import type { DeadlineKind } from '../deadlines/deadline-kind.js';
import { DeadlineRegistry } from '../deadlines/deadline-registry.js';
import { DeadlineRunner } from '../deadlines/deadline-runner.js';
import { ApprovalPassDeadline } from '../deadlines/kinds/approval-pass.kind.js';
import { ApprovalStepDeadline } from '../deadlines/kinds/approval-step.kind.js';
import { ArchiveDueDeadline } from '../deadlines/kinds/archive-due.kind.js';
import { complaintReplyKind, complaintTakeKind } from '../deadlines/kinds/complaint.kinds.js';
import { KeyDueDeadline } from '../deadlines/kinds/key-due.kind.js';
import { PostingEndDeadline } from '../deadlines/kinds/posting-end.kind.js';
import { repairAckKind, repairTargetKind } from '../deadlines/kinds/repair.kinds.js';
import { complaintResumeKind, repairResumeKind } from '../deadlines/kinds/resume.kinds.js';
import { DEFAULT_LADDERS } from '../deadlines/ladders/default-ladders.js';
import type { DigestDefinition } from '../digests/digest-definition.js';
import { type DigestRun, DigestRunner } from '../digests/digest-runner.js';
import { DutySummaryDigest } from '../digests/duty-summary.digest.js';
import { DingTalkGroupPoster, type GroupPoster, WeComRobotPoster } from '../digests/group-poster.js';
import { MonthEndDigest } from '../digests/month-end.digest.js';
import { ReportingDb } from '../digests/reporting-db.js';
import { chartFontFor, WeeklyComplaintsDigest } from '../digests/weekly-complaints.digest.js';
import type { ApprovalService } from '../domain/approval/approval.service.js';
import type { DutyService } from '../domain/duty/duty.service.js';
import type { PatrolService } from '../domain/patrol/patrol.service.js';
import type { BusinessTime } from '../lib/business-time.js';
import type { Logger } from '../lib/logger.js';
import type { Notifier } from '../notify/notifier.js';
import type { MessageBatch } from '../outbound/message-batch.js';
import type { OutboundService } from '../outbound/outbound.service.js';
import type { Db } from '../persistence/db.js';
import type { ApprovalRepository } from '../persistence/repositories/approval.repository.js';
import type { CardRepository } from '../persistence/repositories/card.repository.js';
import { claimsOf } from '../persistence/repositories/claim.repository.js';
import type { ComplaintRepository } from '../persistence/repositories/complaint.repository.js';
import type { PeopleRepository } from '../persistence/repositories/people.repository.js';
import type { RepairRepository } from '../persistence/repositories/repair.repository.js';
import type { DingTalkClient } from '../platforms/dingtalk/dingtalk.client.js';
import type { Platform } from '../platforms/inbound-event.js';
import type { Queues } from '../queue/queues.js';
import type { AppDeps } from './deps.js';

export interface TimerParts {
  readonly config: Config;
  readonly db: Db;
  readonly queues: Queues;
  readonly people: PeopleRepository;
  readonly approvals: ApprovalRepository;
  /** Decides for the product itself (an unused gate pass expires). */
  readonly approvalService?: Pick<ApprovalService, 'act'>;
  readonly cards: CardRepository;
  readonly complaints: ComplaintRepository;
  readonly repairs: RepairRepository;
  readonly notifier: Notifier;
  readonly duty: DutyService;
  readonly outbound: OutboundService;
  readonly time: BusinessTime;
  readonly platforms: readonly Platform[];
  readonly dingtalk?: DingTalkClient;
  readonly logger: Logger;
  readonly digests?: readonly DigestDefinition[];
  /** Deadline kinds and digests of other modules (patrols and violations). */
  readonly extraKinds?: readonly DeadlineKind[];
  readonly extraDigests?: readonly DigestDefinition[];
  /** The day's patrols, for the duty summary (the inspections module's service). */
  readonly patrols?: Pick<PatrolService, 'onDay'>;
}

/** Builds the time-driven half: the deadline kinds and their runner, and the digest runner. */
export const createTimers = (p: TimerParts): AppDeps['timers'] => {
  const audience = new AudienceResolver(p.duty, p.people, p.time);
  const registry = new DeadlineRegistry().register(
    new ApprovalStepDeadline(
      p.db.models,
      p.approvals,
      p.people,
      p.cards,
      p.notifier,
      audience,
      DEFAULT_LADDERS,
      p.time,
    ),
  );
  // Complaint and repair deadlines (issue 14): one ladder each over a deadline field of the ticket.
  const track = {
    claims: claimsOf(p.db.models),
    models: p.db.models,
    people: p.people,
    notifier: p.notifier,
    audience,
    ladders: DEFAULT_LADDERS,
    time: p.time,
    complaints: p.complaints,
    repairs: p.repairs,
  };
  registry
    .register(complaintTakeKind(track))
    .register(complaintReplyKind(track))
    .register(repairAckKind(track))
    .register(repairTargetKind(track))
    .register(complaintResumeKind(track))
    .register(repairResumeKind(track));
  if (p.approvalService)
    registry
      .register(new ApprovalPassDeadline(p.db.models, p.approvals, p.approvalService, p.notifier))
      .register(new PostingEndDeadline(p.db.models, p.approvals, p.approvalService, p.notifier));
  for (const kind of p.extraKinds ?? []) registry.register(kind);
  registry.register(new KeyDueDeadline(p.db.models, p.approvals, p.notifier));
  registry.register(new ArchiveDueDeadline(p.db.models, p.approvals, p.notifier, p.time));
  const groups: GroupPoster[] = [
    ...(p.config.digest.wecomRobotUrl ? [new WeComRobotPoster(p.config.digest.wecomRobotUrl)] : []),
    ...(p.config.digest.dingtalkGroupId && p.dingtalk
      ? [new DingTalkGroupPoster(p.dingtalk, p.config.digest.dingtalkGroupId)]
      : []),
  ];
  const log = p.logger.child({ component: 'timers' });
  const reporting = new ReportingDb(p.config.mongodbUri);
  const digests = p.digests ?? [
    new WeeklyComplaintsDigest(
      reporting,
      p.people,
      p.time,
      chartFontFor(p.config.digest.chartFontFile),
      log,
      { complaints: p.complaints, notifier: p.notifier },
    ),
    new MonthEndDigest(reporting, p.people, p.time),
    new DutySummaryDigest(reporting, p.people, p.time, p.patrols),
    ...(p.extraDigests ?? []),
  ];
  const tellManager = async (text: string, batch: MessageBatch): Promise<void> => {
    for (const m of (await p.duty.resolve('manager')).people)
      await batch.toPerson(m.id, () => ({ type: 'text', text }));
  };
  return {
    registry,
    reporting,
    failures: new DeadlineFailures(
      p.db.models,
      registry,
      p.people,
      p.outbound,
      p.platforms,
      p.time,
      tellManager,
      log,
    ),
    deadlines: new DeadlineRunner(registry, p.queues, p.people, p.outbound, p.platforms, p.time.clock, log),
    digests: new DigestRunner(
      p.db.conn.collection<DigestRun>('digest_runs'),
      digests,
      groups,
      p.queues,
      p.people,
      p.outbound,
      p.platforms,
      p.time,
      tellManager,
      log,
    ),
  };
};
