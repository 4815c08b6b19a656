import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RedisScript } from './redis-script.js';

/**
 * Lanes: strict one-at-a-time, in-order processing per key (one person's inbound events, one
 * recipient's outgoing messages) without polling. A lane is a small Redis hash, present while one
 * drain job (the owner) reads the lane's open rows from the store, oldest first, and handles them.
 * Another drain job for the same lane (woken by new work, see LaneQueue) finds it owned, sets
 * `dirty` and ends; when the owner finishes a pass it drains again if `dirty` was set, and
 * otherwise deletes the lane (atomically, so no wake-up falls between).
 *
 * The store stays the source of truth: a wake-up only says "look again". A lost one (Redis away)
 * is made good by the relay, which wakes lanes with rows older than its grace period. The owner
 * holds a lease that it renews; a dead owner's lane expires (BullMQ re-runs its job first, and
 * the same job id takes the lane back).
 */
const START = `
local s = redis.call('HMGET', KEYS[1], 'state', 'owner')
if s[1] == 'running' and s[2] ~= ARGV[1] then
  redis.call('HSET', KEYS[1], 'dirty', '1')
  return 0
end
redis.call('HSET', KEYS[1], 'state', 'running', 'owner', ARGV[1], 'dirty', '0')
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

const RENEW = `
if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

const FINISH = `
local s = redis.call('HMGET', KEYS[1], 'owner', 'dirty')
if s[1] ~= ARGV[1] then return 'lost' end
if s[2] == '1' then
  redis.call('HSET', KEYS[1], 'dirty', '0')
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 'again'
end
redis.call('DEL', KEYS[1])
return 'done'`;

const RELEASE = `
if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1`;

/** What the owner of a lane should do after a pass over its rows. */
export type LaneOutcome = 'again' | 'done' | 'lost';

export interface LaneOptions {
  /** How long a running lane's owner may go without renewing before the lane is freed. */
  readonly leaseMs?: number;
}

const SCRIPTS = {
  start: new RedisScript(START),
  renew: new RedisScript(RENEW),
  finish: new RedisScript(FINISH),
  release: new RedisScript(RELEASE),
};

/** BullMQ job ids may not contain ':'; lane keys do, and may hold any platform user id. */
const encodeLane = (lane: string): string => Buffer.from(lane).toString('base64url');

/** The lanes of one kind of work (`inbound`, `outbound`), shared by every process through Redis. */
export class Lanes {
  readonly leaseMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    readonly kind: string,
    opts: LaneOptions = {},
  ) {
    this.leaseMs = opts.leaseMs ?? 30_000;
  }

  private run(sc: RedisScript, lane: string, ...args: (string | number)[]): Promise<unknown> {
    return sc.run(this.redis, [this.key(lane)], args);
  }

  private key(lane: string): string {
    return `${this.prefix}:lane:${this.kind}:${lane}`;
  }

  /** A fresh, unique drain job id for a lane. */
  newJobId(lane: string): string {
    return `${this.kind}-${encodeLane(lane)}-${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  }

  /** The BullMQ deduplication id of a lane's waiting drain job. */
  markOf(lane: string): string {
    return `${this.kind}-${encodeLane(lane)}`;
  }

  /** A drain job takes the lane. False: another drain owns it (this one should end; the owner
   * was told to look again). */
  async start(lane: string, jobId: string): Promise<boolean> {
    return Number(await this.run(SCRIPTS.start, lane, jobId, this.leaseMs)) === 1;
  }

  /** Extends the owner's lease (`extraMs` beyond the usual, e.g. while waiting on a rate limit). */
  async renew(lane: string, jobId: string, extraMs = 0): Promise<boolean> {
    return Number(await this.run(SCRIPTS.renew, lane, jobId, this.leaseMs + extraMs)) === 1;
  }

  /**
   * Gives the lane up (its drain failed for good): the next wake-up, from new work or from the
   * relay, schedules a fresh drain at once instead of waiting for the lease to run out.
   */
  async release(lane: string, jobId: string): Promise<void> {
    await this.run(SCRIPTS.release, lane, jobId);
  }

  /** After a pass: `again` when work arrived meanwhile, `done` (the lane is idle now), `lost`. */
  async finish(lane: string, jobId: string): Promise<LaneOutcome> {
    return String(await this.run(SCRIPTS.finish, lane, jobId, this.leaseMs)) as LaneOutcome;
  }
}
