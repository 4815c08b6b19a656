import { createHash, randomInt } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Clock } from '../lib/clock.js';
import type { Models } from '../persistence/db.js';
import type { AuditRepository } from '../persistence/repositories/audit.repository.js';
import type { PeopleRepository } from '../persistence/repositories/people.repository.js';
import type { Platform } from '../platforms/inbound-event.js';

/** Wrong codes allowed before the cool-down, and how long it lasts. */
export const MAX_BIND_FAILURES = 5;
export const BIND_COOLDOWN_S = 15 * 60;
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
 * stored; a code binds once; five wrong codes start a 15-minute cool-down for that account.
 */
export class BindingService {
  constructor(
    private readonly models: Models,
    private readonly people: PeopleRepository,
    private readonly audit: AuditRepository,
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly clock: Clock,
  ) {}

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
        await this.models.BindCode.create({
          codeHash: hashCode(shopCode, code),
          shopCode,
          personId: tenant.id,
          issuedBy,
          issuedAt: now,
          expiresAt,
        });
        await this.audit.append({
          action: 'bind.issue',
          outcome: 'info',
          targetKind: 'shop',
          targetId: shopCode,
          details: { issuedBy },
        });
        return { code, expiresAt };
      } catch (e) {
        if (!(typeof e === 'object' && e !== null && 'code' in e && e.code === 11000)) throw e;
      }
    }
  }

  async attempt(platform: Platform, userId: string, shopCode: string, code: string): Promise<BindOutcome> {
    const failKey = `${this.prefix}:bindfail:${platform}:${userId}`;
    const failures = Number((await this.redis.get(failKey)) ?? 0);
    if (failures >= MAX_BIND_FAILURES) {
      return { kind: 'locked', retryInS: Math.max(1, await this.redis.ttl(failKey)) };
    }
    const now = this.clock.now();
    const row = await this.models.BindCode.findOneAndUpdate(
      { codeHash: hashCode(shopCode, code), shopCode, usedAt: { $exists: false }, expiresAt: { $gt: now } },
      { $set: { usedAt: now } },
      { new: true },
    ).lean();
    const actor = {
      actorPlatform: platform,
      actorPlatformUserId: userId,
      targetKind: 'shop',
      targetId: shopCode,
    };
    if (!row) {
      const n = await this.redis.incr(failKey);
      if (n === 1) await this.redis.expire(failKey, BIND_COOLDOWN_S);
      await this.audit.append({
        action: 'bind.attempt',
        outcome: 'refused',
        reason: 'wrong or expired code',
        ...actor,
      });
      return n >= MAX_BIND_FAILURES
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
    await this.redis.del(failKey);
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
