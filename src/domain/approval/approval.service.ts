import type { BusinessTime } from '../../lib/business-time.js';
import type { PersonView } from '../people/people.types.js';
import { type ActOutcome, type ActRequest, act } from '../shared/act.js';
import type { AuditLog } from '../shared/audit.js';
import type { TicketNumbers } from '../shared/numbers.js';
import type { Channel } from '../shared/ticket.types.js';
import { APPROVAL_ACTION_SPECS } from './approval.actions.js';
import type { ApprovalStore } from './approval.ports.js';
import { type ChainOptions, chainFor } from './approval.rules.js';
import { applyApprovalAction } from './approval.transition.js';
import type { ApprovalAction, ApprovalStep, ApprovalType, ApprovalView } from './approval.types.js';

export interface SubmitApproval {
  readonly type: ApprovalType;
  readonly requester: PersonView;
  readonly channel: Channel;
  readonly shopCode: string;
  readonly text: string;
  readonly details: readonly { key: string; label: string; value: string }[];
  readonly sourceKey: string;
  readonly chain?: ChainOptions;
  readonly dueAt?: Date;
}

export type ApprovalOutcome = ActOutcome<ApprovalView, ApprovalAction>;

/** Approval requests: a chain of steps decided through the approval table, one outcome at a time. */
export class ApprovalService {
  constructor(
    private readonly store: ApprovalStore,
    private readonly numbers: TicketNumbers,
    private readonly audit: AuditLog,
    private readonly time: BusinessTime,
  ) {}

  /** Files a request once per source key. */
  async submit(req: SubmitApproval): Promise<{ approval: ApprovalView; created: boolean }> {
    const at = this.time.clock.now();
    const steps: ApprovalStep[] = chainFor(req.type, req.chain).map((role, i) => ({
      role,
      status: i === 0 ? 'pending' : 'waiting',
      reason: '',
    }));
    return this.numbers.allocate('SP', this.time.dayKey(at), (number) =>
      this.store.create({
        number,
        sourceKey: req.sourceKey,
        type: req.type,
        status: 'pending',
        requesterId: req.requester.id,
        channel: req.channel,
        shopCode: req.shopCode,
        text: req.text,
        details: req.details,
        steps,
        currentStep: 0,
        at,
        ...(req.dueAt ? { dueAt: req.dueAt } : {}),
      }),
    );
  }

  get(id: string): Promise<ApprovalView | null> {
    return this.store.get(id);
  }

  act(req: ActRequest<ApprovalAction>): Promise<ApprovalOutcome> {
    return act(
      {
        kind: 'approval',
        load: (id) => this.store.get(id),
        apply: applyApprovalAction,
        save: (b, p, e, a) => this.store.update(b, p, e, a),
        spec: (a) => APPROVAL_ACTION_SPECS[a],
      },
      req,
      { audit: this.audit, clock: this.time.clock },
    );
  }
}
