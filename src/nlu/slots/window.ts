import type { Dayjs } from 'dayjs';
import { extractWhen } from './when.js';

export interface WindowSlot {
  /** Start and end, ISO 8601 with offset, in the business zone. */
  readonly startIso: string;
  readonly endIso: string;
  /** "12月5日 14:00 至 17:00" (the end's date only when it differs). */
  readonly text: string;
}

/** 到/至/~ anywhere; a dash only between digits ("14:00-17:00"), since unit codes use dashes too. */
const SEPARATOR = /到|至|[~～]|(?<=\d)\s*[-—–]\s*(?=\d)/;
const PERIOD = /凌晨|早|上午|中午|下午|傍晚|晚|夜/;

const inZone = (now: Dayjs, iso: string): Dayjs => now.add(new Date(iso).getTime() - now.valueOf(), 'ms');

/**
 * A time window: "周六下午2点到5点", "今晚10点到明早6点", "12月5日14:00-17:00". The end is read
 * on the start's day and in its part of the day unless it says its own ("下午2点到5点" ends at
 * 17:00); an end not after the start runs into the next day ("晚上10点到早上6点").
 */
export const extractWindow = (text: string, now: Dayjs): WindowSlot | undefined => {
  const sep = SEPARATOR.exec(text);
  if (!sep) return undefined;
  const left = text.slice(0, sep.index);
  const right = text.slice(sep.index + sep[0].length);
  const startSlot = extractWhen(left, now);
  if (!startSlot?.time) return undefined;
  const start = inZone(now, startSlot.iso);
  const endSlot = extractWhen(right, start.startOf('day'));
  if (!endSlot?.time) return undefined;
  let end = inZone(now, endSlot.iso);
  const ownDay = endSlot.date !== start.format('YYYY-MM-DD');
  if (
    !ownDay &&
    !PERIOD.test(right) &&
    start.hour() >= 12 &&
    end.hour() < 12 &&
    end.hour() + 12 > start.hour()
  )
    end = end.add(12, 'hour');
  if (!end.isAfter(start)) end = end.add(1, 'day');
  const sameDay = end.format('YYYY-MM-DD') === start.format('YYYY-MM-DD');
  return {
    startIso: start.format(),
    endIso: end.format(),
    text: `${start.format('M月D日 HH:mm')} 至 ${end.format(sameDay ? 'HH:mm' : 'M月D日 HH:mm')}`,
  };
};
