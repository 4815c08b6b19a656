/**
 * A daily span of wall time, such as a shift `08:00-16:00` or an overnight shift `22:00-08:00`.
 * Minutes count from the start of the day the span starts on; an overnight span ends the next day.
 */
export interface DailySpan {
  /** Minutes after midnight, 0-1439. */
  readonly startMin: number;
  /** Minutes after the start day's midnight, start+1 .. start+1440 (past 1440 = the next day). */
  readonly endMin: number;
}

const HHMM = /^([01]\d|2[0-4]):([0-5]\d)$/;

const minutesOf = (s: string): number | undefined => {
  const m = HHMM.exec(s.trim());
  if (!m) return undefined;
  const v = Number(m[1]) * 60 + Number(m[2]);
  return v <= 1440 ? v : undefined;
};

/** Parses `HH:MM-HH:MM`; an end at or before the start means the span runs past midnight. */
export const parseSpan = (text: string): DailySpan | undefined => {
  const [a, b, ...rest] = text.split('-');
  if (a === undefined || b === undefined || rest.length > 0) return undefined;
  const start = minutesOf(a);
  const end = minutesOf(b);
  if (start === undefined || end === undefined || start >= 1440) return undefined;
  return { startMin: start, endMin: end > start ? end : end + 1440 };
};

/** Formats a span back to `HH:MM-HH:MM` (for logs and error messages). */
export const formatSpan = (s: DailySpan): string => {
  const f = (m: number) =>
    `${String(Math.floor((m % 1440) / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return `${f(s.startMin)}-${s.endMin === 1440 ? '24:00' : f(s.endMin)}`;
};
