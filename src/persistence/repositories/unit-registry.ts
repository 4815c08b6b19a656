import type { ShopRepository } from './shop.repository.js';

/** The set of unit codes, cached for a minute (the NLU checks every candidate against it). */
export class UnitRegistry {
  private cached: { codes: Set<string>; at: number } | undefined;

  constructor(
    private readonly shops: ShopRepository,
    private readonly ttlMs = 60_000,
  ) {}

  async codes(): Promise<ReadonlySet<string>> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > this.ttlMs) {
      this.cached = { codes: new Set(await this.shops.allCodes()), at: now };
    }
    return this.cached.codes;
  }

  /** Forget the cache (after an import or a seed). */
  invalidate(): void {
    this.cached = undefined;
  }
}
