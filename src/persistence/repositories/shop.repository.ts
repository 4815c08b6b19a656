import type { ReleaseSigners } from '../../domain/approval/approval.rules.js';
import type { Models } from '../db.js';
import type { RELEASE_SIGNATURE_MODES } from '../models/shop.model.js';

/** A shop as plain data. */
export interface ShopView {
  readonly code: string;
  readonly floor: string;
  readonly zone: string;
  readonly areaM2: number;
  readonly occupancy: 'owner' | 'renter' | 'vacant';
  readonly shopName: string;
  readonly occupantName: string;
  readonly mgmtUnitPrice: number;
  readonly purchasePrice?: number | null;
  readonly contacts: readonly { name: string; phone: string; title: string }[];
  readonly releaseSignatureMode: (typeof RELEASE_SIGNATURE_MODES)[number];
  readonly releaseSigners: readonly { name: string; personId?: string }[];
}

/** The shop registry. */
export class ShopRepository {
  constructor(private readonly models: Models) {}

  async get(code: string): Promise<ShopView | null> {
    return this.models.Shop.findOne(
      { code },
      { _id: 0, __v: 0, createdAt: 0, updatedAt: 0 },
    ).lean<ShopView>();
  }

  /** The shop's goods-release signature arrangement (ReleaseDirectory). */
  async releaseOf(code: string): Promise<ReleaseSigners | null> {
    if (!code) return null;
    const s = await this.models.Shop.findOne(
      { code },
      { releaseSignatureMode: 1, releaseSigners: 1, occupantName: 1 },
    ).lean();
    if (!s) return null;
    return {
      mode: s.releaseSignatureMode,
      occupantName: s.occupantName,
      signers: s.releaseSigners.map((x) => ({
        name: x.name,
        ...(x.personId ? { personId: x.personId.toString() } : {}),
      })),
    };
  }

  /** The people who are the shop's registered release signers: bound by id, or its tenants by name. */
  async signerIds(code: string, release: ReleaseSigners): Promise<string[]> {
    const ids = new Set(release.signers.flatMap((s) => (s.personId ? [s.personId] : [])));
    const names = release.signers.filter((s) => !s.personId).map((s) => s.name);
    if (names.length > 0) {
      const rows = await this.models.Person.find(
        { shopCodes: code, kind: 'tenant', active: true },
        { _id: 1, name: 1 },
      ).lean();
      for (const r of rows) if (names.includes(r.name)) ids.add(r._id.toString());
    }
    return [...ids];
  }

  /** Changes a shop's release signature mode and signers (admin API). False when no such shop. */
  async setRelease(
    code: string,
    r: { mode: ReleaseSigners['mode']; signers: readonly { name: string; personId?: string }[] },
  ): Promise<boolean> {
    const res = await this.models.Shop.updateOne(
      { code },
      { $set: { releaseSignatureMode: r.mode, releaseSigners: r.signers } },
    );
    return res.matchedCount > 0;
  }

  async exists(code: string): Promise<boolean> {
    return (await this.models.Shop.countDocuments({ code })) > 0;
  }

  /** All unit codes (the NLU checks candidates against them). */
  async allCodes(): Promise<string[]> {
    const rows = await this.models.Shop.find({}, { code: 1 }).lean();
    return rows.map((r) => r.code);
  }

  async upsert(shop: ShopView): Promise<void> {
    await this.models.Shop.updateOne({ code: shop.code }, { $set: shop }, { upsert: true });
  }

  async count(): Promise<number> {
    return this.models.Shop.countDocuments({});
  }
}
