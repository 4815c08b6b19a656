import type { BusinessTime } from '../../lib/business-time.js';

/**
 * When an archive file taken out at `at` is due back (7.2.7): by closing time (the end of office
 * hours) that day, or by the end of the day when it leaves after closing or on a day off; a
 * granted next-day return: by closing time of the next working day.
 */
export const archiveDueTimes = (time: BusinessTime, at: Date): { sameDay: Date; nextDay: Date } => {
  const hours = time.calendar.hours;
  const today = hours.windowOn(time.dayKey(at));
  const sameDay = today && at < today.end ? today.end : time.at(at).endOf('day').toDate();
  const opening = hours.nextOpening(sameDay);
  const nextDay = hours.windowOn(time.dayKey(opening))?.end ?? time.at(opening).endOf('day').toDate();
  return { sameDay, nextDay };
};

/** The manager hears of a file still out the next morning: the next opening of office hours. */
export const archiveNextMorning = (time: BusinessTime, dueAt: Date): Date =>
  time.calendar.hours.nextOpening(dueAt);
