import { Types } from 'mongoose';
import type { Models } from '../db.js';
import { insertOnce } from './insert-once.js';

/** Who is asking (tenants by shop, staff by what they filed). */
type Viewer = {
  readonly id: string;
  readonly kind: 'tenant' | 'staff';
  readonly shopCodes: readonly string[];
};

/** What a tenant or staff member may see of any ticket (no other shop's data ever). */
export interface TicketSummary {
  readonly kind: 'complaint' | 'repair' | 'approval';
  readonly id: string;
  readonly number: string;
  readonly status: string;
  readonly shopCode: string;
  readonly reporterId: string;
  readonly title: string;
  readonly createdAt: Date;
}

export interface NewComplaint {
  readonly sourceKey: string;
  readonly kind: 'general' | 'major' | 'written';
  readonly category: 'noise' | 'hygiene' | 'service' | 'fees' | 'order' | 'behaviour' | 'other';
  readonly text: string;
  readonly shopCode: string;
  readonly aboutUnit: string;
  readonly place: string;
  readonly reporterId: string;
  readonly channel: { platform: 'wecom' | 'dingtalk'; userId: string; conversationId: string };
  readonly handlerRole: string;
  readonly nextReplyAt: Date;
  readonly at: Date;
}

export interface NewRepair {
  readonly sourceKey: string;
  readonly category:
    | 'leak'
    | 'power'
    | 'lighting'
    | 'aircon'
    | 'door'
    | 'lock'
    | 'lift'
    | 'plumbing'
    | 'alarm'
    | 'other';
  readonly urgency: 'normal' | 'urgent' | 'emergency';
  readonly billing: 'free' | 'paid' | 'to_assess';
  readonly text: string;
  readonly shopCode: string;
  readonly place: string;
  readonly reporterId: string;
  readonly channel: { platform: 'wecom' | 'dingtalk'; userId: string; conversationId: string };
  readonly at: Date;
}

/** Complaints and repair work orders: filed once per source key, read as plain summaries. */
export class TicketRepository {
  constructor(private readonly models: Models) {}

  async createComplaint(
    number: string,
    c: NewComplaint,
  ): Promise<{ id: string; number: string; created: boolean }> {
    const { row, created } = await insertOnce(this.models.Complaint, c.sourceKey, {
      number,
      sourceKey: c.sourceKey,
      kind: c.kind,
      category: c.category,
      status: 'open',
      text: c.text,
      shopCode: c.shopCode,
      aboutUnit: c.aboutUnit,
      place: c.place,
      reporterId: c.reporterId,
      channel: c.channel,
      handlerRole: c.handlerRole,
      nextReplyAt: c.nextReplyAt,
      checkpoints: { heard: c.at, recorded: c.at, ...(c.kind === 'major' ? { reported: c.at } : {}) },
      history: [{ at: c.at, actorId: c.reporterId, action: 'filed', note: '' }],
    });
    return { id: String(row._id), number: row.number, created };
  }

  async createRepair(
    number: string,
    r: NewRepair,
  ): Promise<{ id: string; number: string; created: boolean }> {
    const { row, created } = await insertOnce(this.models.Repair, r.sourceKey, {
      number,
      sourceKey: r.sourceKey,
      category: r.category,
      urgency: r.urgency,
      status: 'open',
      billing: r.billing,
      text: r.text,
      shopCode: r.shopCode,
      place: r.place,
      reporterId: r.reporterId,
      channel: r.channel,
      faultFoundAt: r.at,
      history: [{ at: r.at, actorId: r.reporterId, action: 'filed', note: '' }],
    });
    return { id: String(row._id), number: row.number, created };
  }

  /**
   * Tickets a person may see: a tenant's are those of their own shops; staff see what they filed.
   * The shop filter is applied in the query, so another shop's rows are never read.
   */
  async visibleTo(person: Viewer, limit = 5): Promise<TicketSummary[]> {
    return this.query(person, {}, limit);
  }

  /** One ticket by number, only if `person` may see it (otherwise null, exactly as if absent). */
  async byNumberFor(number: string, person: Viewer): Promise<TicketSummary | null> {
    return (await this.query(person, { number }, 1))[0] ?? null;
  }

  private async query(
    person: Viewer,
    extra: Record<string, unknown>,
    limit: number,
  ): Promise<TicketSummary[]> {
    const visible =
      person.kind === 'tenant'
        ? { shopCode: { $in: [...person.shopCodes] } }
        : {
            $or: [
              { reporterId: new Types.ObjectId(person.id) },
              { requesterId: new Types.ObjectId(person.id) },
            ],
          };
    const filter = { ...visible, ...extra };
    const [complaints, repairs, approvals] = await Promise.all([
      this.models.Complaint.find(filter).sort({ createdAt: -1 }).limit(limit).lean(),
      this.models.Repair.find(filter).sort({ createdAt: -1 }).limit(limit).lean(),
      this.models.Approval.find(filter).sort({ createdAt: -1 }).limit(limit).lean(),
    ]);
    const out: TicketSummary[] = [
      ...complaints.map((c) => ({
        kind: 'complaint' as const,
        id: c._id.toString(),
        number: c.number,
        status: c.status,
        shopCode: c.shopCode,
        reporterId: c.reporterId.toString(),
        title: c.text,
        createdAt: c.createdAt,
      })),
      ...repairs.map((r) => ({
        kind: 'repair' as const,
        id: r._id.toString(),
        number: r.number,
        status: r.status,
        shopCode: r.shopCode,
        reporterId: r.reporterId.toString(),
        title: r.text,
        createdAt: r.createdAt,
      })),
      ...approvals.map((a) => ({
        kind: 'approval' as const,
        id: a._id.toString(),
        number: a.number,
        status: a.status,
        shopCode: a.shopCode,
        reporterId: a.requesterId.toString(),
        title: a.type,
        createdAt: a.createdAt,
      })),
    ];
    return out.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, limit);
  }
}
