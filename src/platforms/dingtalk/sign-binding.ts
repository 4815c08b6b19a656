import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError, AppErrorCode } from '../../lib/errors.js';

/** Keeps the first body; answers 1 when the stored body is this one, 0 when it is another. */
const BIND_SCRIPT = `
local stored = redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2])
if stored then return 1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then return 1 end
return 0`;

/** With the replay window off (development only), a pair is still held for a day. */
const NO_WINDOW_TTL_S = 86_400;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The DingTalk robot `sign` covers only the timestamp and the app secret, so one (timestamp,
 * sign) pair seen anywhere would carry any body for the rest of the replay window. This binds each
 * pair to the first body (and route) it arrived with, in Redis so every web process agrees: the
 * same pair with another body is refused, while DingTalk's retry of the same body still passes
 * (and is then de-duplicated by msgId). A timestamp is accepted up to `maxSkewS` either side of
 * now, so a pair is usable for twice the window; it is held that long.
 */
export class SignBindingStore {
  private readonly ttlS: number;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    maxSkewS: number,
  ) {
    this.ttlS = maxSkewS === 0 ? NO_WINDOW_TTL_S : 2 * maxSkewS + 60;
  }

  /**
   * Binds the pair to `route` + `body`; throws 401 when it is already bound to something else,
   * 503 when Redis does not answer (DingTalk then retries).
   */
  async bind(route: string, timestamp: string, sign: string, body: string): Promise<void> {
    const key = `${this.prefix}:dtsign:${sha256(`${timestamp}\n${sign}`)}`;
    let same: unknown;
    try {
      same = await this.redis.eval(BIND_SCRIPT, 1, key, sha256(`${route}\n${body}`), String(this.ttlS));
    } catch (e) {
      throw new AppError(AppErrorCode.UNAVAILABLE, 'replay guard unavailable; retry later', {
        reason: 'replay_guard_unavailable',
        cause: e,
      });
    }
    if (same !== 1) {
      throw new AppError(
        AppErrorCode.AUTHENTICATION_FAILED,
        'timestamp and sign were used with another body',
        {
          reason: 'sign_replayed',
        },
      );
    }
  }
}
