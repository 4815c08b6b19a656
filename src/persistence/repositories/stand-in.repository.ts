import { Types } from 'mongoose';
import type { StandInStore } from '../../domain/approval/approval.ports.js';
import type { StandIn } from '../../domain/approval/approval.types.js';
import type { Models } from '../db.js';
import type { PeopleRepository } from './people.repository.js';

/**
 * Stand-ins, looked up by the deputy (an equality on an indexed field; a person names few, so
 * the date range is checked here rather than in the query FerretDB would scan).
 */
export class StandInRepository implements StandInStore {
  constructor(
    private readonly models: Models,
    private readonly people: PeopleRepository,
  ) {}

  async activeFor(deputyId: string, at: Date): Promise<StandIn[]> {
    if (!Types.ObjectId.isValid(deputyId)) return [];
    const rows = await this.models.StandIn.find({ deputyId }).sort({ createdAt: -1 }).limit(50).lean();
    const out: StandIn[] = [];
    for (const r of rows) {
      if (!(r.from <= at && at < r.until)) continue;
      const p = await this.people.get(r.principalId.toString());
      if (!p) continue;
      out.push({
        principal: { id: p.id, name: p.name, roles: p.roles, active: p.active },
        from: r.from,
        until: r.until,
      });
    }
    return out;
  }

  async deputiesOf(principalId: string, at: Date): Promise<string[]> {
    if (!Types.ObjectId.isValid(principalId)) return [];
    const rows = await this.models.StandIn.find({ principalId }).sort({ createdAt: -1 }).limit(50).lean();
    return [...new Set(rows.filter((r) => r.from <= at && at < r.until).map((r) => r.deputyId.toString()))];
  }

  async add(s: {
    principalId: string;
    deputyId: string;
    from: Date;
    until: Date;
    note: string;
  }): Promise<void> {
    await this.models.StandIn.create(s);
  }
}
