import type { InspectionKind } from '../../cards/inspection-key.js';
import type { TicketDesk } from '../desk/ticket-desk.js';
import { CLEANING_ACTION_SPECS } from '../domain/cleaning/cleaning.actions.js';
import type { CleaningService } from '../domain/cleaning/cleaning.service.js';
import {
  CLEANING_ACTIONS,
  type CleaningAction,
  type CleaningView,
  type DeductionItem,
} from '../domain/cleaning/cleaning.types.js';
import { DISPUTE_ACTION_SPECS } from '../domain/dispute/dispute.actions.js';
import type { DisputeService } from '../domain/dispute/dispute.service.js';
import { DISPUTE_ACTIONS, type DisputeAction, type DisputeView } from '../domain/dispute/dispute.types.js';
import { PATROL_ACTION_SPECS } from '../domain/patrol/patrol.actions.js';
import { BREACH_CATEGORIES } from '../domain/patrol/patrol.rules.js';
import type { PatrolService } from '../domain/patrol/patrol.service.js';
import {
  type FindingView,
  PATROL_ACTIONS,
  type PatrolAction,
  type PatrolView,
} from '../domain/patrol/patrol.types.js';
import type { PersonView } from '../domain/people/people.types.js';
import type { RepairService } from '../domain/repair/repair.service.js';
import type { RepairView } from '../domain/repair/repair.types.js';
import type { ActOutcome, ActRequest } from '../domain/shared/act.js';
import type { ActionSpec } from '../domain/shared/action-spec.js';
import type { Channel, HistoryEntry } from '../domain/shared/ticket.types.js';
import { VIOLATION_ACTION_SPECS } from '../domain/violation/violation.actions.js';
import type { ViolationService } from '../domain/violation/violation.service.js';
import {
  VIOLATION_ACTIONS,
  type ViolationAction,
  type ViolationView,
} from '../domain/violation/violation.types.js';
import { cleaningCardFor, cleaningChanged, cleaningRecorded } from '../notify/cleaning.notices.js';
import { disputeChanged, disputeRecorded } from '../notify/dispute.notices.js';
import type { Notifier } from '../notify/notifier.js';
import { patrolCardFor, patrolChanged } from '../notify/patrol.notices.js';
import {
  type ViolationLookups,
  violationCardFor,
  violationChanged,
  violationDue,
  violationOpened,
} from '../notify/violation.notices.js';
import type { MessageBatch } from '../outbound/message-batch.js';
import { type InspectionItem, InspectionQueries } from './inspection-queries.js';

/** Enough of any inspection matter to answer "already handled by X at …". */
export interface InspectionRef {
  readonly id: string;
  readonly number: string;
  readonly stage: number;
  readonly history: readonly HistoryEntry[];
}

export type InspectionOutcome = ActOutcome<InspectionRef, string>;

/** What recording one finding led to. */
export interface Recorded {
  readonly finding: FindingView;
  readonly created: boolean;
  readonly repair?: RepairView;
  readonly violation?: ViolationView;
}

/**
 * The front desk of patrols and violations, for handlers and timer jobs alike: the services
 * decide, the notifier tells. A facility fault found on a patrol is filed as a work order through
 * the repair service at once; a breach at a named shop opens a violation with a fix-by time.
 */
export class InspectionDesk {
  constructor(
    readonly patrols: PatrolService,
    readonly violations: ViolationService,
    private readonly repairs: Pick<RepairService, 'file' | 'byNumber'>,
    private readonly tickets: Pick<TicketDesk, 'attach'>,
    private readonly notifier: Notifier,
    private readonly lookups: ViolationLookups,
    readonly cleaning: CleaningService,
    readonly disputes: DisputeService,
  ) {}

  spec(kind: InspectionKind, action: string): ActionSpec | undefined {
    if (kind === 'patrol' && (PATROL_ACTIONS as readonly string[]).includes(action))
      return PATROL_ACTION_SPECS[action as PatrolAction];
    if (kind === 'violation' && (VIOLATION_ACTIONS as readonly string[]).includes(action))
      return VIOLATION_ACTION_SPECS[action as ViolationAction];
    if (kind === 'cleaning' && (CLEANING_ACTIONS as readonly string[]).includes(action))
      return CLEANING_ACTION_SPECS[action as CleaningAction];
    if (kind === 'dispute' && (DISPUTE_ACTIONS as readonly string[]).includes(action))
      return DISPUTE_ACTION_SPECS[action as DisputeAction];
    return undefined;
  }

  async act(kind: InspectionKind, req: ActRequest<string>, batch: MessageBatch): Promise<InspectionOutcome> {
    if (!this.spec(kind, req.action)) return { kind: 'not_found' };
    if (kind === 'patrol') {
      const o = await this.patrols.act(req as ActRequest<PatrolAction>);
      if (o.kind === 'done')
        await patrolChanged(this.notifier.kit(batch), o, await this.patrols.findings(o.after.id));
      return o;
    }
    if (kind === 'violation') {
      const o = await this.violations.act(req as ActRequest<ViolationAction>);
      if (o.kind === 'done') await violationChanged(this.notifier.kit(batch), this.lookups, o);
      return o;
    }
    if (kind === 'dispute') {
      const o = await this.disputes.act(req as ActRequest<DisputeAction>);
      if (o.kind === 'done') await disputeChanged(this.notifier.kit(batch), o);
      return o;
    }
    const o = await this.cleaning.act(req as ActRequest<CleaningAction>);
    if (o.kind === 'done') await cleaningChanged(this.notifier.kit(batch), o);
    return o;
  }

  /**
   * One finding on the patrol being walked. A facility fault becomes a work order (9.2.4); a
   * breach at a named shop a violation with its fix-by time told to the tenant (9.3.1); an
   * emergency pages the senior assistant and security on duty (9.2.9).
   */
  async record(
    actor: PersonView,
    patrol: PatrolView,
    f: { text: string; unit: string; attachmentIds: readonly string[]; sourceKey: string },
    batch: MessageBatch,
  ): Promise<Recorded> {
    const { finding, created } = await this.patrols.record(patrol, f, f.unit ? 'covenant' : 'hygiene');
    const source = `finding-${finding.id}`;
    if (finding.category === 'facility') {
      const { repair } = await this.repairs.file({
        reporter: actor,
        channel: patrol.channel,
        text: finding.text,
        shopCode: '',
        unit: finding.unit,
        place: '',
        floor: '',
        urgency: 'normal',
        sourceKey: source,
        attachmentIds: finding.attachmentIds,
      });
      await this.notifier.repairFiled(repair, batch);
      if (finding.repairNumber !== repair.number)
        await this.patrols.link(finding.id, { repairNumber: repair.number });
      return { finding: { ...finding, repairNumber: repair.number }, created, repair };
    }
    if (finding.unit && BREACH_CATEGORIES.includes(finding.category)) {
      const { violation } = await this.violations.open({
        inspector: actor,
        channel: patrol.channel,
        shopCode: finding.unit,
        category: finding.category,
        text: finding.text,
        patrolNumber: patrol.number,
        sourceKey: source,
      });
      await violationOpened(this.notifier.kit(batch), this.lookups, violation);
      if (finding.violationNumber !== violation.number)
        await this.patrols.link(finding.id, { violationNumber: violation.number });
      return { finding: { ...finding, violationNumber: violation.number }, created, violation };
    }
    if (finding.category === 'emergency') {
      const k = this.notifier.kit(batch);
      const who = actor.name;
      for (const p of await k.onDuty(['senior_assistant', 'security'])) {
        if (p.id !== actor.id)
          await k.text(
            p.id,
            `【突发事件】${who}巡场发现：${finding.unit ? `${finding.unit} ` : ''}${finding.text}\n请立即到场协助处理。`,
          );
      }
    }
    return { finding, created };
  }

  /** A photo sent on a patrol: kept with the finding, and sent on to the work order it became. */
  async addPhoto(finding: FindingView, attachmentId: string, batch: MessageBatch): Promise<void> {
    await this.patrols.addFindingPhoto(finding.id, attachmentId);
    if (finding.repairNumber) {
      const r = await this.repairs.byNumber(finding.repairNumber);
      if (r) await this.tickets.attach('repair', r.id, attachmentId, batch);
    }
  }

  /**
   * A cleaning inspection finding (6): against an item of the deduction standard it is a deduction
   * the contractor's supervisor confirms by button; without one a minor problem, only logged.
   */
  async recordCleaning(
    actor: PersonView,
    r: { channel: Channel; item: DeductionItem | undefined; text: string; sourceKey: string },
    batch: MessageBatch,
  ): Promise<{ record: CleaningView; created: boolean; sentTo: number }> {
    const { record, created } = await this.cleaning.record({ inspector: actor, ...r });
    const sentTo = await cleaningRecorded(this.notifier.kit(batch), record);
    return { record, created, sentTo };
  }

  /** A buyer–seller dispute (9.3.2): recorded, and the mediator gets the card to settle or refer it. */
  async recordDispute(
    actor: PersonView,
    r: { channel: Channel; shopCode: string; text: string; sourceKey: string },
    batch: MessageBatch,
  ): Promise<DisputeView> {
    const { dispute } = await this.disputes.record({ mediator: actor, ...r });
    await disputeRecorded(this.notifier.kit(batch), dispute);
    return dispute;
  }

  /**
   * Damage caused by someone (9.3.3): a work order to engineering at once, which assesses the
   * damage and, when the person takes on the repair, records the 20%-50% deposit on it (the repair
   * lifecycle's 人为损坏 step); the senior assistant on duty is told (及时向上级领导汇报).
   */
  async reportDamage(
    actor: PersonView,
    r: { channel: Channel; unit: string; text: string; sourceKey: string },
    batch: MessageBatch,
  ): Promise<RepairView> {
    const { repair } = await this.repairs.file({
      reporter: actor,
      channel: r.channel,
      text: `人为损坏：${r.text}`,
      shopCode: '',
      unit: r.unit,
      place: '',
      floor: '',
      urgency: 'normal',
      sourceKey: r.sourceKey,
    });
    await this.notifier.repairFiled(repair, batch);
    const k = this.notifier.kit(batch);
    for (const p of await k.onDuty(['engineering'])) {
      await k.text(
        p.id,
        `【人为损坏】${repair.number}：请会同物业核实损坏情况和责任。责任人愿承担维修的，接单后在卡片上点“人为损坏”登记估价和维修押金（20%-50%，验收合格后全额退还）；愿付赔偿的，请估算赔偿金额；都不接受的，从商户保证金中扣除（9.3.3）。`,
      );
    }
    for (const p of await k.onDuty(['senior_assistant'])) {
      if (p.id !== actor.id)
        await k.text(
          p.id,
          `【人为损坏】${actor.name}报告：${r.unit ? `${r.unit} ` : ''}${r.text}（工单 ${repair.number}），现场已保护。`,
        );
    }
    return repair;
  }

  /** Starts (or resumes) a patrol. */
  start(actor: PersonView, channel: Channel, sourceKey: string) {
    return this.patrols.start(actor, channel, sourceKey);
  }

  /** The re-inspection reminder of a violation whose fix-by time passed (the deadline job). */
  async violationDue(v: ViolationView, batch: MessageBatch): Promise<void> {
    await violationDue(this.notifier.kit(batch), this.lookups, v);
  }

  /** A fresh copy of a matter's card for one person (to-do lists, coverage answers). */
  async cardFor(
    item: InspectionItem,
    person: PersonView,
    suffix: string,
    batch: MessageBatch,
  ): Promise<number> {
    const k = this.notifier.kit(batch);
    if (item.kind === 'patrol')
      return patrolCardFor(k, item.view, await this.patrols.findings(item.view.id), person, suffix);
    if (item.kind === 'cleaning') return cleaningCardFor(k, item.view, person, suffix);
    return violationCardFor(k, this.lookups, item.view, person, suffix);
  }

  /** The inspection work waiting on one person ("待办"), see {@link InspectionQueries}. */
  waitingOn(person: PersonView): Promise<InspectionItem[]> {
    return new InspectionQueries(this.patrols, this.violations, this.cleaning).waitingOn(person);
  }

  get(kind: InspectionKind, id: string): Promise<InspectionRef | null> {
    if (kind === 'patrol') return this.patrols.get(id);
    if (kind === 'violation') return this.violations.get(id);
    if (kind === 'dispute') return this.disputes.get(id);
    return this.cleaning.get(id);
  }
}
