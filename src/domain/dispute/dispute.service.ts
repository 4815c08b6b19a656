import type { BusinessTime } from '../../lib/business-time.js';
import type { PersonView } from '../people/people.types.js';
import { type ActOutcome, type ActRequest, act } from '../shared/act.js';
import type { AuditLog } from '../shared/audit.js';
import type { TicketNumbers } from '../shared/numbers.js';
import type { Channel } from '../shared/ticket.types.js';
import { DISPUTE_ACTION_SPECS } from './dispute.actions.js';
import type { DisputeStore } from './dispute.ports.js';
import { applyDisputeAction } from './dispute.transition.js';
import type { DisputeAction, DisputeView } from './dispute.types.js';

export type DisputeOutcome = ActOutcome<DisputeView, DisputeAction>;

/** Buyer–seller disputes (9.3.2): recorded once, then moved only through the table. */
export class DisputeService {
  constructor(
    private readonly store: DisputeStore,
    private readonly numbers: TicketNumbers,
    private readonly audit: AuditLog,
    private readonly time: BusinessTime,
  ) {}

  record(r: { mediator: PersonView; channel: Channel; shopCode: string; text: string; sourceKey: string }) {
    const at = this.time.clock.now();
    return this.numbers.allocate('JF', this.time.dayKey(at), (number) =>
      this.store.create(number, {
        sourceKey: r.sourceKey,
        shopCode: r.shopCode,
        text: r.text,
        mediatorId: r.mediator.id,
        channel: r.channel,
        at,
      }),
    );
  }

  get(id: string): Promise<DisputeView | null> {
    return this.store.get(id);
  }

  act(req: ActRequest<DisputeAction>): Promise<DisputeOutcome> {
    return act(
      {
        kind: 'dispute',
        load: (id) => this.store.get(id),
        apply: applyDisputeAction,
        save: (b, p, e, a) => this.store.update(b, p, e, a),
        spec: (a) => DISPUTE_ACTION_SPECS[a],
      },
      req,
      { audit: this.audit, clock: this.time.clock },
    );
  }
}
