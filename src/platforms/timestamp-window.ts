import { AppError, AppErrorCode } from '../lib/errors.js';

/**
 * Refuses a signed callback whose timestamp is more than `maxSkewS` from now (a replay);
 * `maxSkewS = 0` turns the window off. `unit` is how the platform writes the timestamp.
 */
export const checkTimestampWindow = (raw: string, now: Date, maxSkewS: number, unit: 's' | 'ms'): void => {
  if (!/^\d{1,16}$/.test(raw)) {
    throw new AppError(AppErrorCode.AUTHENTICATION_FAILED, 'timestamp is missing or not a number', {
      reason: 'bad_timestamp',
    });
  }
  if (maxSkewS === 0) return;
  const tsMs = unit === 's' ? Number(raw) * 1000 : Number(raw);
  if (Math.abs(now.getTime() - tsMs) > maxSkewS * 1000) {
    throw new AppError(AppErrorCode.AUTHENTICATION_FAILED, 'timestamp is outside the replay window', {
      reason: 'stale_timestamp',
    });
  }
};
