import type { BusinessTime } from '../../lib/business-time.js';
import type { FindingCategory } from '../patrol/patrol.types.js';
import type { PersonView } from '../people/people.types.js';
import { type ActOutcome, type ActRequest, act } from '../shared/act.js';
import type { AuditLog } from '../shared/audit.js';
import type { TicketNumbers } from '../shared/numbers.js';
import type { Channel } from '../shared/ticket.types.js';
import { VIOLATION_ACTION_SPECS } from './violation.actions.js';
import type { NoticeNumbers, ViolationStore } from './violation.ports.js';
import {
  DEFAULT_FIX_MINUTES,
  DEFAULT_REPEAT_THRESHOLD,
  fixMinutesIn,
  NOTICE_PREFIX,
} from './violation.rules.js';
import { applyViolationAction } from './violation.transition.js';
import type { ViolationAction, ViolationView } from './violation.types.js';

export type ViolationOutcome = ActOutcome<ViolationView, ViolationAction>;

export interface OpenViolation {
  readonly inspector: PersonView;
  readonly channel: Channel;
  readonly shopCode: string;
  readonly category: FindingCategory;
  readonly text: string;
  readonly patrolNumber: string;
  readonly sourceKey: string;
}

/** The mall's figures of the violation ladder (configuration; the rulebook's defaults otherwise). */
export interface ViolationRules {
  /** The offence count of one shop from which the senior assistant and the manager are called in. */
  readonly repeatThreshold: number;
  /** Fix-by time in minutes when the assistant names none. */
  readonly defaultFixMinutes: number;
}

export const DEFAULT_VIOLATION_RULES: ViolationRules = {
  repeatThreshold: DEFAULT_REPEAT_THRESHOLD,
  defaultFixMinutes: DEFAULT_FIX_MINUTES,
};

/** Violations (9.3.1): opened with a fix-by time, then moved only through the transition table. */
export class ViolationService {
  constructor(
    private readonly store: ViolationStore,
    private readonly numbers: TicketNumbers,
    private readonly notices: NoticeNumbers,
    private readonly audit: AuditLog,
    private readonly time: BusinessTime,
    readonly rules: ViolationRules = DEFAULT_VIOLATION_RULES,
  ) {}

  /** Opens a violation (idempotent per source key) with the fix-by time the words give, or the default. */
  async open(o: OpenViolation): Promise<{ violation: ViolationView; created: boolean }> {
    const at = this.time.clock.now();
    const offenceNo = (await this.store.ofShop(o.shopCode)).length + 1;
    const minutes = fixMinutesIn(o.text) ?? this.rules.defaultFixMinutes;
    return this.numbers.allocate('WZ', this.time.dayKey(at), (number) =>
      this.store.create(number, {
        sourceKey: o.sourceKey,
        shopCode: o.shopCode,
        category: o.category,
        text: o.text,
        inspectorId: o.inspector.id,
        channel: o.channel,
        patrolNumber: o.patrolNumber,
        fixBy: new Date(at.getTime() + minutes * 60_000),
        offenceNo,
        escalated: offenceNo >= this.rules.repeatThreshold,
        at,
      }),
    );
  }

  get(id: string): Promise<ViolationView | null> {
    return this.store.get(id);
  }

  byNumber(number: string): Promise<ViolationView | null> {
    return this.store.byNumber(number);
  }

  /** An inspector's violations still to re-inspect: open (fix-by time running) or due, oldest first. */
  async toRecheck(inspectorId: string, limit = 30): Promise<ViolationView[]> {
    const due = await this.store.waiting({ status: 'recheck', inspectorId }, limit);
    const running = await this.store.waiting({ status: 'open', inspectorId }, limit);
    return [...due, ...running].slice(0, limit);
  }

  /** A shop's notices issued and not yet signed (签收). */
  unsigned(shopCode: string, limit = 30): Promise<ViolationView[]> {
    return this.store.waiting({ status: 'noticed', shopCode }, limit);
  }

  ofShop(shopCode: string): Promise<ViolationView[]> {
    return this.store.ofShop(shopCode);
  }

  /**
   * Applies one action. A notice gets its number only when the table allows the press, so refused
   * and stale presses leave no gaps in the register.
   */
  async act(req: ActRequest<ViolationAction>): Promise<ViolationOutcome> {
    let input = req.input;
    if (req.action === 'warn' || req.action === 'breach_notice') {
      const v = await this.store.get(req.id);
      const at = this.time.clock.now();
      const trial = v && applyViolationAction(v, { action: req.action, actor: req.actor.person, input, at });
      if (v && trial?.ok && (req.stage === undefined || req.stage === v.stage)) {
        const kind = req.action === 'warn' ? 'warning' : 'breach';
        const noticeNumber = await this.notices.reserve(NOTICE_PREFIX[kind], {
          violationId: v.id,
          stage: v.stage,
          kind,
          shopCode: v.shopCode,
          dayKey: this.time.dayKey(at),
          at,
        });
        input = { ...input, noticeNumber };
      }
    }
    return act(
      {
        kind: 'violation',
        load: (id) => this.store.get(id),
        apply: applyViolationAction,
        save: (b, p, e, a) => this.store.update(b, p, e, a),
        spec: (a) => VIOLATION_ACTION_SPECS[a],
      },
      { ...req, input },
      { audit: this.audit, clock: this.time.clock },
    );
  }
}
