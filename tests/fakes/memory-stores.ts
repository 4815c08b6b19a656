import type { ComplaintStore, NewComplaint } from '../../src/domain/complaint/complaint.ports.js';
import type { ComplaintPatch } from '../../src/domain/complaint/complaint.transition.js';
import type { ComplaintView } from '../../src/domain/complaint/complaint.types.js';
import type { AuditEntry, AuditLog } from '../../src/domain/shared/audit.js';
import type { TicketNumbers } from '../../src/domain/shared/numbers.js';
import type { HistoryEntry } from '../../src/domain/shared/ticket.types.js';

/** An in-memory ComplaintStore with the same version-conditioned update as the repository. */
export class MemoryComplaints implements ComplaintStore {
  readonly rows = new Map<string, ComplaintView>();
  /** Set to make the next update lose a race (someone else changed the complaint first). */
  loseNextRace?: (c: ComplaintView) => ComplaintView;
  private seq = 0;

  async create(number: string, c: NewComplaint): Promise<{ complaint: ComplaintView; created: boolean }> {
    const existing = [...this.rows.values()].find(
      (r) => r.number === number || (r as { sourceKey?: string }).sourceKey === c.sourceKey,
    );
    if (existing) return { complaint: existing, created: false };
    const id = (++this.seq).toString(16).padStart(24, '0');
    const complaint: ComplaintView & { sourceKey: string } = {
      id,
      number,
      sourceKey: c.sourceKey,
      kind: c.kind,
      category: c.category,
      status: 'open',
      text: c.text,
      shopCode: c.shopCode,
      unit: c.unit,
      place: c.place,
      floor: c.floor,
      reporterId: c.reporterId,
      channel: c.channel,
      ownerRole: c.ownerRole,
      routedRoles: c.routedRoles,
      ownerId: undefined,
      stage: 0,
      version: 0,
      checkpoints: { heard: c.at },
      replyDueAt: c.replyDueAt,
      firstRepliedAt: undefined,
      closedAt: undefined,
      escalationLevel: 0,
      lastReply: '',
      record: '',
      rating: undefined,
      ratingComment: '',
      callbackDoneAt: undefined,
      callbackById: undefined,
      callbackNote: '',
      docNo: c.docNo,
      complainant: c.complainant,
      attachmentIds: [...c.attachmentIds],
      pausedMs: 0,
      history: [{ at: c.at, actorId: c.reporterId, action: 'filed', note: '' }],
      createdAt: c.at,
    };
    this.rows.set(id, complaint);
    return { complaint, created: true };
  }

  async get(id: string): Promise<ComplaintView | null> {
    return this.rows.get(id) ?? null;
  }

  async byNumber(number: string): Promise<ComplaintView | null> {
    return [...this.rows.values()].find((r) => r.number === number) ?? null;
  }

  async update(
    before: ComplaintView,
    _p: ComplaintPatch,
    _e: HistoryEntry,
    after: ComplaintView,
  ): Promise<ComplaintView | null> {
    if (this.loseNextRace) {
      const winner = this.loseNextRace(before);
      this.loseNextRace = undefined;
      this.rows.set(before.id, winner);
      return null;
    }
    const now = this.rows.get(before.id);
    if (!now || now.version !== before.version) return null;
    this.rows.set(before.id, after);
    return after;
  }

  async addAttachment(id: string, attachmentId: string): Promise<void> {
    const c = this.rows.get(id);
    if (c) this.rows.set(id, { ...c, attachmentIds: [...new Set([...c.attachmentIds, attachmentId])] });
  }
}

/** Ticket numbers from a plain counter per prefix and day. */
export class MemoryNumbers implements TicketNumbers {
  private readonly seq = new Map<string, number>();
  async allocate<T>(prefix: string, dayKey: string, create: (number: string) => Promise<T>): Promise<T> {
    const k = `${prefix}${dayKey.replace(/-/g, '')}`;
    const n = (this.seq.get(k) ?? 0) + 1;
    this.seq.set(k, n);
    return create(`${k}-${String(n).padStart(3, '0')}`);
  }
}

export class MemoryAudit implements AuditLog {
  readonly entries: AuditEntry[] = [];
  async append(e: AuditEntry): Promise<void> {
    this.entries.push(e);
  }
}
