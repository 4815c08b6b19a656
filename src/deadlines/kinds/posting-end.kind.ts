import type { Models } from '../../persistence/db.js';
import type { ClaimRepository } from '../../persistence/repositories/claim.repository.js';
import { type ApprovalStepParts, ApprovalSystemStep } from './approval-system-step.js';

/**
 * An approved posting (张贴) whose end date came: `removeDueAt` (indexed) is set when it is
 * approved; the product takes `remind_removal` through the approval table, and the requester and
 * the assistants on duty are told to take it down.
 */
export class PostingEndDeadline extends ApprovalSystemStep {
  constructor(
    models: Models,
    approvals: ApprovalStepParts['approvals'],
    service: ApprovalStepParts['service'],
    notifier: ApprovalStepParts['notifier'],
    claims?: ClaimRepository,
  ) {
    super('posting-end', 'removeDueAt', 'remind_removal', {
      models,
      approvals,
      service,
      notifier,
      ...(claims ? { claims } : {}),
    });
  }
}
