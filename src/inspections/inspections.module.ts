import type { DeadlineKind } from '../deadlines/deadline-kind.js';
import { ViolationFixDeadline } from '../deadlines/kinds/violation-fix.kind.js';
import type { TicketDesk } from '../desk/ticket-desk.js';
import { CleaningHandover, CleaningSettlement } from '../digests/cleaning.digests.js';
import type { DigestDefinition } from '../digests/digest-definition.js';
import { PatrolShiftCheck } from '../digests/patrol-shift-check.digest.js';
import { CleaningService } from '../domain/cleaning/cleaning.service.js';
import type { CleaningContract } from '../domain/cleaning/cleaning.standard.js';
import { DisputeService } from '../domain/dispute/dispute.service.js';
import { PatrolService } from '../domain/patrol/patrol.service.js';
import type { RepairService } from '../domain/repair/repair.service.js';
import type { AuditLog } from '../domain/shared/audit.js';
import { type ViolationRules, ViolationService } from '../domain/violation/violation.service.js';
import type { BusinessTime } from '../lib/business-time.js';
import type { Notifier } from '../notify/notifier.js';
import type { Models } from '../persistence/db.js';
import { CleaningRepository } from '../persistence/repositories/cleaning.repository.js';
import type { CounterRepository } from '../persistence/repositories/counter.repository.js';
import { DisputeRepository } from '../persistence/repositories/dispute.repository.js';
import { NoticeRepository } from '../persistence/repositories/notice.repository.js';
import { PatrolRepository } from '../persistence/repositories/patrol.repository.js';
import type { PeopleRepository } from '../persistence/repositories/people.repository.js';
import type { ShopRepository } from '../persistence/repositories/shop.repository.js';
import { ViolationRepository } from '../persistence/repositories/violation.repository.js';
import { InspectionDesk } from './inspection-desk.js';

export interface InspectionParts {
  readonly models: Models;
  readonly counters: CounterRepository;
  readonly audit: AuditLog;
  readonly time: BusinessTime;
  readonly repairs: RepairService;
  readonly tickets: TicketDesk;
  readonly notifier: Notifier;
  readonly people: PeopleRepository;
  readonly shops: ShopRepository;
  /** The configured figures: the repeat-offence count, the default fix-by time, the cleaning contract. */
  readonly rules: ViolationRules & { readonly cleaningContract: CleaningContract };
}

/** Patrols, violations (and their timers), wired once per process from the container's parts. */
export interface Inspections {
  readonly desk: InspectionDesk;
  /** Patrols by day, for the duty summary. */
  readonly patrols: Pick<PatrolService, 'onDay'>;
  readonly deadlineKinds: readonly DeadlineKind[];
  readonly digests: readonly DigestDefinition[];
}

export const createInspections = (p: InspectionParts): Inspections => {
  const patrols = new PatrolService(new PatrolRepository(p.models), p.counters, p.audit, p.time);
  const violationStore = new ViolationRepository(p.models);
  const violations = new ViolationService(
    violationStore,
    p.counters,
    new NoticeRepository(p.models, p.counters),
    p.audit,
    p.time,
    { repeatThreshold: p.rules.repeatThreshold, defaultFixMinutes: p.rules.defaultFixMinutes },
  );
  const cleaning = new CleaningService(new CleaningRepository(p.models), p.counters, p.audit, p.time);
  const desk = new InspectionDesk(
    patrols,
    violations,
    p.repairs,
    p.tickets,
    p.notifier,
    {
      shopName: async (code) => (await p.shops.get(code))?.shopName ?? '',
      tenantOf: (code) => p.people.findTenantOfShop(code),
    },
    cleaning,
    new DisputeService(new DisputeRepository(p.models), p.counters, p.audit, p.time),
  );
  return {
    desk,
    patrols,
    deadlineKinds: [new ViolationFixDeadline(p.models, violationStore, desk, p.people, p.time)],
    digests: [
      new PatrolShiftCheck(patrols, p.notifier, p.time),
      new CleaningHandover(cleaning, p.people),
      new CleaningSettlement(cleaning, p.people, p.rules.cleaningContract),
    ],
  };
};
