/** One line of the append-only audit log: every decision, refusal and identity change. */
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

/** The audit port services write to. */
export interface AuditLog {
  append(e: AuditEntry): Promise<void>;
}
