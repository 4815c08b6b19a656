import type { AuditEntry, AuditLog } from '../../domain/shared/audit.js';
import type { Clock } from '../../lib/clock.js';
import type { Models } from '../db.js';

export type { AuditEntry } from '../../domain/shared/audit.js';

/** The append-only audit log (the model refuses updates and deletes). */
export class AuditRepository implements AuditLog {
  constructor(
    private readonly models: Models,
    private readonly clock: Clock,
  ) {}

  async append(e: AuditEntry): Promise<void> {
    await this.models.Audit.create({ ...e, at: this.clock.now() });
  }

  async find(filter: { action?: string; outcome?: string; targetId?: string }): Promise<AuditEntry[]> {
    const rows = await this.models.Audit.find(filter).sort({ at: 1 }).lean();
    return rows.map((r) => ({
      action: r.action,
      outcome: r.outcome,
      actorPersonId: r.actorPersonId?.toString(),
      actorPlatform: r.actorPlatform,
      actorPlatformUserId: r.actorPlatformUserId,
      targetKind: r.targetKind,
      targetId: r.targetId,
      reason: r.reason,
    }));
  }
}
