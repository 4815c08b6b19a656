import type { BusinessTime } from '../../lib/business-time.js';
import { minuteOfDay } from '../../lib/calendar/day-key.js';
import type { PersonView } from '../people/people.types.js';
import { type ActOutcome, type ActRequest, act } from '../shared/act.js';
import type { AuditLog } from '../shared/audit.js';
import type { TicketNumbers } from '../shared/numbers.js';
import type { Channel } from '../shared/ticket.types.js';
import { PATROL_ACTION_SPECS } from './patrol.actions.js';
import type { PatrolStore } from './patrol.ports.js';
import { classifyFinding, findingText, shiftAtMinute } from './patrol.rules.js';
import { applyPatrolAction } from './patrol.transition.js';
import type { FindingCategory, FindingView, PatrolAction, PatrolView } from './patrol.types.js';

export type PatrolOutcome = ActOutcome<PatrolView, PatrolAction>;

/** Patrols (巡场, 4.1.7, 9): started once, findings recorded while walking, then the table moves it. */
export class PatrolService {
  constructor(
    private readonly store: PatrolStore,
    private readonly numbers: TicketNumbers,
    private readonly audit: AuditLog,
    private readonly time: BusinessTime,
  ) {}

  /** Starts a patrol, or returns the one this person is already walking. */
  async start(
    walker: PersonView,
    channel: Channel,
    sourceKey: string,
  ): Promise<{ patrol: PatrolView; created: boolean }> {
    const open = await this.store.walking(walker.id);
    if (open) return { patrol: open, created: open.sourceKey === sourceKey };
    const at = this.time.clock.now();
    const hours = this.time.calendar.schedule.config.shiftHours.default;
    const shift = shiftAtMinute(minuteOfDay(at, this.time.tz), hours);
    const r = await this.numbers.allocate('XC', this.time.dayKey(at), (number) =>
      this.store.create(number, {
        sourceKey,
        walkerId: walker.id,
        channel,
        dayKey: this.time.dayKey(at),
        shift,
        at,
      }),
    );
    if (r.created) {
      await this.audit.append({
        action: 'patrol.start',
        outcome: 'allowed',
        actorPersonId: walker.id,
        targetKind: 'patrol',
        targetId: r.patrol.id,
      });
    }
    return r;
  }

  walking(walkerId: string): Promise<PatrolView | null> {
    return this.store.walking(walkerId);
  }

  get(id: string): Promise<PatrolView | null> {
    return this.store.get(id);
  }

  byNumber(number: string): Promise<PatrolView | null> {
    return this.store.byNumber(number);
  }

  /** Records handed in and not yet reviewed, oldest first. */
  awaitingReview(limit = 30): Promise<PatrolView[]> {
    return this.store.withStatus('submitted', limit);
  }

  onDay(dayKey: string): Promise<PatrolView[]> {
    return this.store.onDay(dayKey);
  }

  findings(patrolId: string): Promise<FindingView[]> {
    return this.store.findings(patrolId);
  }

  /**
   * Records one finding on a patrol being walked (idempotent per source key). The category is
   * read from the words; `fallback` is used when they say nothing about it.
   */
  async record(
    patrol: PatrolView,
    f: { text: string; unit: string; attachmentIds: readonly string[]; sourceKey: string },
    fallback: FindingCategory = 'hygiene',
  ): Promise<{ finding: FindingView; created: boolean }> {
    return this.store.addFinding({
      sourceKey: f.sourceKey,
      patrolId: patrol.id,
      category: classifyFinding(f.text) ?? fallback,
      text: findingText(f.text),
      unit: f.unit,
      attachmentIds: f.attachmentIds,
      at: this.time.clock.now(),
    });
  }

  link(findingId: string, link: { repairNumber?: string; violationNumber?: string }): Promise<void> {
    return this.store.linkFinding(findingId, link);
  }

  addFindingPhoto(findingId: string, attachmentId: string): Promise<void> {
    return this.store.addFindingPhoto(findingId, attachmentId);
  }

  act(req: ActRequest<PatrolAction>): Promise<PatrolOutcome> {
    return act(
      {
        kind: 'patrol',
        load: (id) => this.store.get(id),
        apply: applyPatrolAction,
        save: (b, p, e, a) => this.store.update(b, p, e, a),
        spec: (a) => PATROL_ACTION_SPECS[a],
      },
      req,
      { audit: this.audit, clock: this.time.clock },
    );
  }
}
