import type { Clock } from '../../lib/clock.js';
import type { Models } from '../db.js';

export interface AuditEntry {
  readonly action: string;
  readonly outcome: 'allowed' | 'refused' | 'info';
  readonly actorPersonId?: string | undefined;
  readonly actorPlatform?: string | undefined;
  readonly actorPlatformUserId?: string | undefined;
  readonly targetKind?: string;
  readonly targetId?: string;
  readonly reason?: string;
  readonly details?: Record<string, string | number | boolean>;
}

/** The append-only audit log (the model refuses updates and deletes). */
export class AuditRepository {
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
