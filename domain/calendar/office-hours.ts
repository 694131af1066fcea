import { CalendarError } from './errors';
import type { OfficeHours } from './types';
import { MINUTE_MS } from './time';

/** Usual reception hours of a one-stop centre; local and configurable (rules T4 note, Decree 118 leaves it to the province). */
export const VN_OFFICE_HOURS: readonly OfficeHours[] = Object.freeze([
  { start: '07:30', end: '11:30' },
  { start: '13:30', end: '17:00' },
]);

export const ROUND_THE_CLOCK_HOURS: readonly OfficeHours[] = Object.freeze([
  { start: '00:00', end: '24:00' },
]);

/** An office session as ms offsets from local midnight, [startMs, endMs). */
export interface OfficeSession {
  startMs: number;
  endMs: number;
}

const TIME_OF_DAY = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** 'HH:MM' → ms since local midnight; '24:00' only when `allowMidnightEnd`. */
export function parseTimeOfDay(text: string, allowMidnightEnd = false): number {
  const m = typeof text === 'string' ? TIME_OF_DAY.exec(text) : null;
  const ms = m ? (Number(m[1]) * 60 + Number(m[2])) * MINUTE_MS : NaN;
  if (Number.isNaN(ms) || ms > 24 * 60 * MINUTE_MS || (ms === 24 * 60 * MINUTE_MS && !allowMidnightEnd)) {
    throw new CalendarError('INVALID_OFFICE_HOURS', `invalid time of day "${String(text)}": expected HH:MM`);
  }
  return ms;
}

export function parseOfficeHours(hours: readonly OfficeHours[]): OfficeSession[] {
  // Checked as data, since the hours come from configuration; narrowing `hours` itself would make its items `any`.
  const data: unknown = hours;
  if (!Array.isArray(data) || hours.length === 0) {
    throw new CalendarError('INVALID_OFFICE_HOURS', 'office hours must list at least one session');
  }
  const sessions = hours.map((h) => ({
    startMs: parseTimeOfDay(h?.start),
    endMs: parseTimeOfDay(h?.end, true),
  }));
  sessions.forEach((s, i) => {
    const previousEnd = i === 0 ? 0 : sessions[i - 1].endMs;
    if (s.startMs >= s.endMs || s.startMs < previousEnd) {
      throw new CalendarError(
        'INVALID_OFFICE_HOURS',
        `office session ${hours[i].start}–${hours[i].end} must be non-empty and after the previous one`,
      );
    }
  });
  return sessions;
}
