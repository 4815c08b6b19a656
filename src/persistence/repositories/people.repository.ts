import { Types } from 'mongoose';
import type { PersonView, Role, Shift } from '../../domain/people/people.types.js';
import type { Clock } from '../../lib/clock.js';
import type { Platform } from '../../platforms/inbound-event.js';
import type { Models } from '../db.js';
import { hotFilters } from '../hot-queries.js';
import { isDuplicateKey } from './mongo-errors.js';

export interface NewPerson {
  readonly name: string;
  readonly kind: 'tenant' | 'staff';
  readonly roles: readonly Role[];
  readonly shopCodes?: readonly string[];
  readonly phone?: string;
  readonly employeeNo?: string;
  readonly duty?: readonly { weekday: number; shift: Shift }[];
}

/** A row as stored; array fields may be missing on rows written by upserts (no defaults there). */
type PersonRow = {
  _id: Types.ObjectId;
  name: string;
  kind: 'tenant' | 'staff';
  roles?: Role[];
  shopCodes?: string[];
  phone?: string;
  employeeNo?: string | null;
  active?: boolean;
  duty?: { weekday: number; shift: Shift }[];
};

const toView = (r: PersonRow): PersonView => ({
  id: r._id.toString(),
  name: r.name,
  kind: r.kind,
  roles: r.roles ?? [],
  shopCodes: r.shopCodes ?? [],
  phone: r.phone ?? '',
  employeeNo: r.employeeNo ?? undefined,
  active: r.active ?? true,
  duty: (r.duty ?? []).map((d) => ({ weekday: d.weekday, shift: d.shift })),
});

/** People and their platform identities. */
export class PeopleRepository {
  constructor(
    private readonly models: Models,
    private readonly clock: Clock,
  ) {}

  async create(p: NewPerson): Promise<PersonView> {
    const row = await this.models.Person.create({ ...p, shopCodes: p.shopCodes ?? [], duty: p.duty ?? [] });
    return toView(row.toObject() as PersonRow);
  }

  /** Creates or updates a staff member by employee number (roster import, seeding). */
  async upsertStaff(p: NewPerson & { employeeNo: string }): Promise<PersonView> {
    const row = await this.models.Person.findOneAndUpdate(
      { employeeNo: p.employeeNo, kind: 'staff' },
      {
        $set: { name: p.name, roles: p.roles, phone: p.phone ?? '', duty: p.duty ?? [], active: true },
        $setOnInsert: { kind: 'staff', shopCodes: [] as string[] },
      },
      { upsert: true, new: true },
    ).lean();
    return toView(row as PersonRow);
  }

  async get(id: string): Promise<PersonView | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const row = await this.models.Person.findById(id).lean();
    return row ? toView(row as PersonRow) : null;
  }

  async findTenantOfShop(shopCode: string, name?: string): Promise<PersonView | null> {
    const row = await this.models.Person.findOne({
      kind: 'tenant',
      shopCodes: shopCode,
      ...(name ? { name } : {}),
    }).lean();
    return row ? toView(row as PersonRow) : null;
  }

  /** Active staff holding a role. */
  /** A staff member by employee number (admin API). */
  async byEmployeeNo(employeeNo: string): Promise<PersonView | null> {
    const row = await this.models.Person.findOne({ kind: 'staff', employeeNo }).lean();
    return row ? this.get(row._id.toString()) : null;
  }

  async staffWithRole(role: Role): Promise<PersonView[]> {
    const rows = await this.models.Person.find({ kind: 'staff', roles: role, active: true })
      .sort({ name: 1 })
      .lean();
    return rows.map((r) => toView(r as PersonRow));
  }

  /**
   * The person bound to a platform account, if any. Runs for every message, so it reads through
   * the driver: two `findOne`s by index (identity, then `_id`) with nothing for mongoose to cast.
   */
  async byIdentity(platform: Platform, platformUserId: string): Promise<PersonView | null> {
    const id = await this.models.Identity.collection.findOne<{ personId: Types.ObjectId | string }>(
      hotFilters.identity(platform, platformUserId),
      { projection: { personId: 1 } },
    );
    if (!id) return null;
    const row = await this.models.Person.collection.findOne<PersonRow>(hotFilters.personById(id.personId));
    return row ? toView(row) : null;
  }

  /** Binds a platform account to a person. False when the account is already bound to someone. */
  async bindIdentity(
    platform: Platform,
    platformUserId: string,
    personId: string,
    via: 'roster' | 'code' | 'seed' | 'admin',
  ): Promise<boolean> {
    try {
      await this.models.Identity.create({
        platform,
        platformUserId,
        personId,
        via,
        boundAt: this.clock.now(),
      });
      return true;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      const existing = await this.models.Identity.findOne({ platform, platformUserId }).lean();
      return existing?.personId.toString() === personId;
    }
  }

  /** Platform accounts of a person (for notifying them). */
  async identitiesOf(personId: string): Promise<{ platform: Platform; platformUserId: string }[]> {
    const rows = await this.models.Identity.find({ personId }).lean();
    return rows.map((r) => ({ platform: r.platform, platformUserId: r.platformUserId }));
  }

  /**
   * Removes platform accounts of a person: all of them, or those of one platform. Returns how
   * many went. Removing is idempotent (a retried contact event removes nothing more).
   */
  async removeIdentities(
    personId: string,
    only?: { platform: Platform; platformUserId: string },
  ): Promise<number> {
    if (!Types.ObjectId.isValid(personId)) return 0;
    const r = await this.models.Identity.deleteMany({ personId, ...(only ?? {}) });
    return r.deletedCount;
  }

  /**
   * Deactivates a member of staff who left: no roles, no duty shifts, inactive (so no role lookup
   * or duty roster can pick them any more). The row stays, for the records that name them.
   */
  async deactivateStaff(personId: string): Promise<PersonView | null> {
    if (!Types.ObjectId.isValid(personId)) return null;
    const row = await this.models.Person.findOneAndUpdate(
      { _id: personId, kind: 'staff' },
      { $set: { active: false, roles: [] as Role[], duty: [] as { weekday: number; shift: Shift }[] } },
      { new: true },
    ).lean();
    return row ? toView(row as PersonRow) : null;
  }
}
