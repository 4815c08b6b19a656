import { type Clock, systemClock } from '../../lib/clock.js';
import type { Models } from '../db.js';
import { isDuplicateKey } from './mongo-errors.js';

/** How long a claim is held at most; a holder that died frees it after this. */
const HOLD_MS = 15_000;
/** How long a contender waits for the holder to finish before giving up this round. */
const WAIT_MS = 3_000;
const POLL_MS = 15;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Claims by unique insert: the one arbiter that is atomic on MongoDB and on FerretDB alike. Used
 * around every version-conditioned ticket update and for single-use codes.
 */
export class ClaimRepository {
  constructor(
    private readonly models: Pick<Models, 'Claim'>,
    private readonly clock: Clock,
  ) {}

  /** True when this caller now holds `key`; false when someone else holds a live claim on it. */
  async claim(key: string, holdMs = HOLD_MS): Promise<boolean> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + holdMs);
    try {
      await this.models.Claim.create({ _id: key, at: now, expiresAt });
      return true;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
    // Held: take it over only when its holder is past its time (crashed between claim and release).
    const held = await this.models.Claim.findById(key).lean();
    if (held && held.expiresAt.getTime() > now.getTime()) return false;
    if (held) await this.models.Claim.deleteOne({ _id: key, at: held.at });
    try {
      await this.models.Claim.create({ _id: key, at: now, expiresAt });
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }

  /**
   * The one way a versioned document changes: `write` gets the filter `{_id, version}` and runs
   * holding the claim `<kind>:<id>:v<version>`; null when someone else changed it first.
   */
  versioned<T>(
    kind: string,
    before: { readonly id: string; readonly version: number },
    write: (filter: { _id: string; version: number }) => Promise<T | null>,
  ): Promise<T | null> {
    return this.exclusive(`${kind}:${before.id}:v${before.version}`, () =>
      write({ _id: before.id, version: before.version }),
    );
  }

  async release(key: string): Promise<void> {
    await this.models.Claim.deleteOne({ _id: key });
  }

  /**
   * Runs `change` holding `key`. When another caller holds it, waits (briefly) for that caller to
   * finish and returns null without running: the caller reads again and decides again.
   */
  async exclusive<T>(key: string, change: () => Promise<T | null>): Promise<T | null> {
    if (!(await this.claim(key))) {
      const until = Date.now() + WAIT_MS;
      while (Date.now() < until && (await this.models.Claim.exists({ _id: key }))) await sleep(POLL_MS);
      return null;
    }
    try {
      return await change();
    } finally {
      await this.release(key);
    }
  }
}

/** The claims of a repository (wall time: a claim is about live processes, not business time). */
export const claimsOf = (models: Pick<Models, 'Claim'>): ClaimRepository =>
  new ClaimRepository(models, systemClock);
