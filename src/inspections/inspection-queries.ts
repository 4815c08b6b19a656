import type { CleaningService } from '../domain/cleaning/cleaning.service.js';
import type { CleaningView } from '../domain/cleaning/cleaning.types.js';
import type { PatrolService } from '../domain/patrol/patrol.service.js';
import type { PatrolView } from '../domain/patrol/patrol.types.js';
import type { PersonView } from '../domain/people/people.types.js';
import type { ViolationService } from '../domain/violation/violation.service.js';
import type { ViolationView } from '../domain/violation/violation.types.js';

/** An inspection matter, tagged with its kind (a to-do line and card). */
export type InspectionItem =
  | { readonly kind: 'patrol'; readonly view: PatrolView }
  | { readonly kind: 'violation'; readonly view: ViolationView }
  | { readonly kind: 'cleaning'; readonly view: CleaningView };

/**
 * What inspection work waits on one person ("待办"), each by equality on an indexed field: an
 * assistant's violations to re-inspect (status, narrowed to them), a senior assistant's patrol
 * records to review and disputed deductions to decide (status), the cleaning contractor's
 * deductions to confirm (status), a tenant's notices to sign (shop code).
 */
export class InspectionQueries {
  constructor(
    private readonly patrols: Pick<PatrolService, 'awaitingReview'>,
    private readonly violations: Pick<ViolationService, 'toRecheck' | 'unsigned'>,
    private readonly cleaning: Pick<CleaningService, 'withStatus'>,
  ) {}

  async waitingOn(p: PersonView, limit = 30): Promise<InspectionItem[]> {
    if (!p.active) return [];
    const found: InspectionItem[] = [];
    if (p.kind === 'tenant') {
      for (const code of p.shopCodes)
        for (const view of await this.violations.unsigned(code, limit))
          found.push({ kind: 'violation', view });
      return found.slice(0, limit);
    }
    for (const view of await this.violations.toRecheck(p.id, limit)) found.push({ kind: 'violation', view });
    if (p.roles.includes('senior_assistant')) {
      for (const view of await this.patrols.awaitingReview(limit))
        if (view.walkerId !== p.id) found.push({ kind: 'patrol', view });
      for (const view of await this.cleaning.withStatus('disputed', limit))
        if (view.inspectorId !== p.id) found.push({ kind: 'cleaning', view });
    }
    if (p.roles.includes('cleaning_contractor')) {
      for (const view of await this.cleaning.withStatus('pending', limit))
        found.push({ kind: 'cleaning', view });
    }
    return found.slice(0, limit);
  }
}
