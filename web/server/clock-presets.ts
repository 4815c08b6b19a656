import { dayjs } from '../../src/lib/business-time.js';
import type { ClockPreset } from '../shared/console-api.js';

/** The body of `POST /api/dev/clock` (the dev clock's contract). */
export type DevClockRequest = { readonly advanceMinutes: number } | { readonly to: string };

/**
 * Turns a console preset into a dev-clock request, reading "tomorrow" and "next Monday" in the
 * business zone from the bot's current time: one hour later; tomorrow 09:00; the first Monday after
 * today at 09:00 (from a Sunday that is tomorrow).
 */
export const clockRequest = (preset: ClockPreset, now: Date, tz: string): DevClockRequest => {
  if (preset === 'hour') return { advanceMinutes: 60 };
  const today = dayjs(now).tz(tz).startOf('day');
  const days = preset === 'tomorrow9' ? 1 : (8 - today.day()) % 7 || 7;
  // The calendar date in the zone, then 09:00 wall-clock time there (right across DST changes too).
  const date = today.add(days, 'day').format('YYYY-MM-DD');
  return { to: dayjs.tz(`${date} 09:00`, tz).toISOString() };
};
