import { createHash, randomInt } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Clock } from '../lib/clock.js';
import type { Models } from '../persistence/db.js';
import type { AuditRepository } from '../persistence/repositories/audit.repository.js';
import { type ClaimRepository, claimsOf } from '../persistence/repositories/claim.repository.js';
import type { PeopleRepository } from '../persistence/repositories/people.repository.js';
import type { Platform } from '../platforms/inbound-event.js';

/** Wrong codes allowed per account before the cool-down, and how long it lasts. */
export const MAX_BIND_FAILURES = 5;
export const BIND_COOLDOWN_S = 15 * 60;
/** Wrong codes for one shop, from any accounts, before that shop's binding pauses. */
export const MAX_SHOP_BIND_FAILURES = 10;
/** Wrong codes across the whole deployment before all binding pauses (a spread-out guess). */
export const MAX_GLOBAL_BIND_FAILURES = 100;

/**
 * Counts a failure on every key and gives each an expiry in the same step, so a crash can never
 * leave a counter without one (an account locked forever); a key found without expiry gets one.
 */
const COUNT_FAILURE = `
local out = {}
for i, k in ipairs(KEYS) do
  out[i] = redis.call('INCR', k)
  if redis.call('TTL', k) < 0 then redis.call('EXPIRE', k, ARGV[1]) end
end
return out`;

/** Reads each counter and its seconds to live, repairing a counter that has no expiry. */
const READ_COUNTERS = `
local out = {}
for i, k in ipairs(KEYS) do
  local n = tonumber(redis.call('GET', k) or '0')
  local ttl = redis.call('TTL', k)
  if n > 0 and ttl < 0 then redis.call('EXPIRE', k, ARGV[1]); ttl = tonumber(ARGV[1]) end
  out[2 * i - 1] = n
  out[2 * i] = ttl
end
return out`;
export const BIND_CODE_TTL_MS = 72 * 3600_000;

export type BindOutcome =
  | { readonly kind: 'bound'; readonly personName: string; readonly shopCode: string }
  | { readonly kind: 'wrong'; readonly remaining: number }
  | { readonly kind: 'locked'; readonly retryInS: number }
  | { readonly kind: 'taken' };

const hashCode = (shopCode: string, code: string) =>
  createHash('sha256').update(`${shopCode}:${code}`).digest('hex');

/**
 * Tenant identity binding with one-time codes from the front desk. Only a hash of each code is
 * stored; a code binds once; a new code for a shop revokes its older ones. Wrong codes are counted
 * per account (5), per shop (10) and for the whole deployment (100), each with a 15-minute
 * cool-down, so guessing across many accounts or many shops is bounded too.
 */
/** A used code's claim outlives any code (codes live for days at most). */
const CODE_CLAIM_HOLD_MS = 90 * 24 * 3600 * 1000;

export class BindingService {
  constructor(
    private readonly models: Models,
    private readonly people: PeopleRepository,
    private readonly audit: AuditRepository,
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly clock: Clock,
  ) {
    this.claims = claimsOf(models);
  }

  private readonly claims: ClaimRepository;

  /** Issues a 6-digit code for the shop's tenant (creating the tenant record if there is none). */
  async issue(shopCode: string, issuedBy: string): Promise<{ code: string; expiresAt: Date }> {
    const now = this.clock.now();
    const tenant =
      (await this.people.findTenantOfShop(shopCode)) ??
      (await this.people.create({
        name: `${shopCode}商户`,
        kind: 'tenant',
        roles: ['tenant'],
        shopCodes: [shopCode],
      }));
    const expiresAt = new Date(now.getTime() + BIND_CODE_TTL_MS);
    for (;;) {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      try {
        const created = await this.models.BindCode.create({
          codeHash: hashCode(shopCode, code),
          shopCode,
          personId: tenant.id,
          issuedBy,
          issuedAt: now,
          expiresAt,
        });
        // Only the newest code of a shop works (older _ids were issued earlier, by any process).
        const revoked = await this.models.BindCode.updateMany(
          { shopCode, _id: { $lt: created._id }, usedAt: { $exists: false }, revokedAt: { $exists: false } },
          { $set: { revokedAt: now } },
        );
        await this.audit.append({
          action: 'bind.issue',
          outcome: 'info',
          targetKind: 'shop',
          targetId: shopCode,
          details: { issuedBy, revokedOlder: revoked.modifiedCount },
        });
        return { code, expiresAt };
      } catch (e) {
        if (!(typeof e === 'object' && e !== null && 'code' in e && e.code === 11000)) throw e;
      }
    }
  }

  /** The failure counters that apply to one attempt, with their limits. */
  private counters(platform: Platform, userId: string, shopCode: string) {
    const shop = createHash('sha256').update(shopCode).digest('hex').slice(0, 24);
    return [
      { key: `${this.prefix}:bindfail:${platform}:${userId}`, limit: MAX_BIND_FAILURES },
      { key: `${this.prefix}:bindfail:shop:${shop}`, limit: MAX_SHOP_BIND_FAILURES },
      { key: `${this.prefix}:bindfail:global`, limit: MAX_GLOBAL_BIND_FAILURES },
    ] as const;
  }

  async attempt(platform: Platform, userId: string, shopCode: string, code: string): Promise<BindOutcome> {
    const counters = this.counters(platform, userId, shopCode);
    const keys = counters.map((c) => c.key);
    const state = (await this.redis.eval(READ_COUNTERS, keys.length, ...keys, BIND_COOLDOWN_S)) as number[];
    const locked = counters.findIndex((c, i) => (state[2 * i] ?? 0) >= c.limit);
    if (locked >= 0) {
      return { kind: 'locked', retryInS: Math.max(1, state[2 * locked + 1] ?? BIND_COOLDOWN_S) };
    }
    const failKey = keys[0];
    const now = this.clock.now();
    const found = await this.models.BindCode.findOne({
      codeHash: hashCode(shopCode, code),
      shopCode,
      usedAt: { $exists: false },
      revokedAt: { $exists: false },
      expiresAt: { $gt: now },
    }).lean();
    // Single use even when two people send the same code at once: the claim is the arbiter.
    const row =
      found && (await this.claims.claim(`bindcode:${found._id.toString()}`, CODE_CLAIM_HOLD_MS))
        ? await this.models.BindCode.findOneAndUpdate(
            { _id: found._id, usedAt: { $exists: false } },
            { $set: { usedAt: now } },
            { new: true },
          ).lean()
        : null;
    const actor = {
      actorPlatform: platform,
      actorPlatformUserId: userId,
      targetKind: 'shop',
      targetId: shopCode,
    };
    if (!row) {
      const counts = (await this.redis.eval(
        COUNT_FAILURE,
        keys.length,
        ...keys,
        BIND_COOLDOWN_S,
      )) as number[];
      const n = counts[0] ?? 1;
      const overAll = counters.some((c, i) => (counts[i] ?? 0) >= c.limit);
      await this.audit.append({
        action: 'bind.attempt',
        outcome: 'refused',
        reason: 'wrong or expired code',
        ...actor,
      });
      return overAll
        ? { kind: 'locked', retryInS: BIND_COOLDOWN_S }
        : { kind: 'wrong', remaining: MAX_BIND_FAILURES - n };
    }
    const ok = await this.people.bindIdentity(platform, userId, row.personId.toString(), 'code');
    if (!ok) {
      await this.audit.append({
        action: 'bind.attempt',
        outcome: 'refused',
        reason: 'account bound to someone else',
        ...actor,
      });
      return { kind: 'taken' };
    }
    if (failKey) await this.redis.del(failKey);
    await this.audit.append({
      action: 'bind.attempt',
      outcome: 'allowed',
      actorPersonId: row.personId.toString(),
      ...actor,
    });
    const person = await this.people.get(row.personId.toString());
    return { kind: 'bound', personName: person?.name ?? '商户', shopCode };
  }
}
