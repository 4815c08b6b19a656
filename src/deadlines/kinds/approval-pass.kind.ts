import type { Models } from '../../persistence/db.js';
import type { ClaimRepository } from '../../persistence/repositories/claim.repository.js';
import { type ApprovalStepParts, ApprovalSystemStep } from './approval-system-step.js';

/**
 * A goods-release pass not used in its window (`passExpiresAt`, indexed, set when the request is
 * approved and removed when the gate marks it 已放行): the product expires it through the approval
 * table, every copy of the gate's card shows it, and the requester is told.
 */
export class ApprovalPassDeadline extends ApprovalSystemStep {
  constructor(
    models: Models,
    approvals: ApprovalStepParts['approvals'],
    service: ApprovalStepParts['service'],
    notifier: ApprovalStepParts['notifier'],
    claims?: ClaimRepository,
  ) {
    super('approval-pass', 'passExpiresAt', 'expire', {
      models,
      approvals,
      service,
      notifier,
      ...(claims ? { claims } : {}),
    });
  }
}
