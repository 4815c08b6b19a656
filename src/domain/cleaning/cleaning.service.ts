import type { BusinessTime } from '../../lib/business-time.js';
import { minuteOfDay } from '../../lib/calendar/day-key.js';
import { shiftAtMinute } from '../patrol/patrol.rules.js';
import type { PersonView } from '../people/people.types.js';
import { type ActOutcome, type ActRequest, act } from '../shared/act.js';
import type { AuditLog } from '../shared/audit.js';
import type { TicketNumbers } from '../shared/numbers.js';
import type { Channel } from '../shared/ticket.types.js';
import { CLEANING_ACTION_SPECS } from './cleaning.actions.js';
import type { CleaningStore } from './cleaning.ports.js';
import { applyCleaningAction } from './cleaning.transition.js';
import type { CleaningAction, CleaningStatus, CleaningView, DeductionItem } from './cleaning.types.js';

export type CleaningOutcome = ActOutcome<CleaningView, CleaningAction>;

/** Cleaning supervision (6): inspections recorded once, deductions moved only through the table. */
export class CleaningService {
  constructor(
    private readonly store: CleaningStore,
    private readonly numbers: TicketNumbers,
    private readonly audit: AuditLog,
    private readonly time: BusinessTime,
  ) {}

  /** Records a finding: a deduction against the standard's item, or (no item) a minor one logged. */
  async record(r: {
    inspector: PersonView;
    channel: Channel;
    item: DeductionItem | undefined;
    text: string;
    sourceKey: string;
  }): Promise<{ record: CleaningView; created: boolean }> {
    const at = this.time.clock.now();
    const day = this.time.dayKey(at);
    const shift = shiftAtMinute(
      minuteOfDay(at, this.time.tz),
      this.time.calendar.schedule.config.shiftHours.default,
    );
    return this.numbers.allocate('QJ', day, (number) =>
      this.store.create(number, {
        sourceKey: r.sourceKey,
        status: r.item ? 'pending' : 'minor',
        itemCode: r.item?.code ?? '',
        item: r.item?.item ?? '轻微问题',
        points: r.item?.points ?? 0,
        text: r.text,
        inspectorId: r.inspector.id,
        channel: r.channel,
        dayKey: day,
        monthKey: day.slice(0, 7),
        shift,
        at,
      }),
    );
  }

  get(id: string): Promise<CleaningView | null> {
    return this.store.get(id);
  }

  ofMonth(monthKey: string): Promise<CleaningView[]> {
    return this.store.ofMonth(monthKey);
  }

  /** Records in one status, oldest first (pending: for the contractor; disputed: for the senior assistant). */
  withStatus(status: CleaningStatus, limit = 30): Promise<CleaningView[]> {
    return this.store.withStatus(status, limit);
  }

  ofDay(dayKey: string): Promise<CleaningView[]> {
    return this.store.ofDay(dayKey);
  }

  act(req: ActRequest<CleaningAction>): Promise<CleaningOutcome> {
    return act(
      {
        kind: 'cleaning',
        load: (id) => this.store.get(id),
        apply: applyCleaningAction,
        save: (b, p, e, a) => this.store.update(b, p, e, a),
        spec: (a) => CLEANING_ACTION_SPECS[a],
      },
      req,
      { audit: this.audit, clock: this.time.clock },
    );
  }
}
