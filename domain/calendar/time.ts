import { CalendarError } from './errors';

/** Vietnam has been UTC+07:00 without DST since 1975, so local time is a fixed shift of epoch ms. */
export const VN_OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;
/** ECMAScript's representable time range. */
const MAX_TIME_MS = 8.64e15;

const DATE_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of a Date, rejecting invalid ones (duck-typed: workflow sandboxes have their own Date). */
export function timeOf(d: Date): number {
  const ms = d != null && typeof d.getTime === 'function' ? d.getTime() : NaN;
  if (Number.isNaN(ms)) throw new CalendarError('INVALID_DATE', `invalid date: ${String(d)}`);
  return ms;
}

export function dateAt(ms: number): Date {
  if (!(Math.abs(ms) <= MAX_TIME_MS)) {
    throw new CalendarError('INVALID_AMOUNT', 'the result lies outside the representable date range');
  }
  return new Date(ms);
}

/** Days since 1970-01-01 of the Vietnam-local calendar date containing `ms`. */
export function vietnamEpochDay(ms: number): number {
  return Math.floor((ms + VN_OFFSET_MS) / DAY_MS);
}

/** Epoch ms of local midnight starting `day`. */
export function dayStartMs(day: number): number {
  return day * DAY_MS - VN_OFFSET_MS;
}

/** Local 23:59:59.999: BLDS 2015 Art. 148(1) ends a day-based limit at 24:00 of its last day. */
export function dayEndMs(day: number): number {
  return dayStartMs(day + 1) - 1;
}

export function dayOfWeek(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

export function dayOfYearStart(year: number): number {
  return Date.UTC(year, 0, 1) / DAY_MS;
}

/** 'YYYY-MM-DD' → epoch day, or NaN when malformed or not a real date. */
export function parseDateKey(key: string): number {
  const m = typeof key === 'string' ? DATE_KEY.exec(key) : null;
  if (!m) return NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  return back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? ms / DAY_MS : NaN;
}

export function dateKeyOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO 8601 in Vietnam time, e.g. "2026-11-23T23:59:59.999+07:00" (what letters and the API show). */
export function formatVietnamTime(d: Date): string {
  return new Date(timeOf(d) + VN_OFFSET_MS).toISOString().slice(0, 23) + '+07:00';
}

/** 'dd/MM/yyyy', the date style of Vietnamese administrative letters. */
export function formatVietnamDate(d: Date): string {
  const iso = formatVietnamTime(d);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** Local calendar date 'YYYY-MM-DD' of a moment. */
export function vietnamDateKey(d: Date): string {
  return dateKeyOfDay(vietnamEpochDay(timeOf(d)));
}

/** The wall-clock reading in Vietnam of a moment (an ISO string or a Date). */
export interface VietnamClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export function vietnamClock(instant: string | Date): VietnamClock {
  const d = new Date(timeOf(typeof instant === 'string' ? new Date(instant) : instant) + VN_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/** 'HH:MM' in Vietnam, comparable as text with the procedures' cut-off times. */
export function vietnamTimeOfDay(d: Date): string {
  return formatVietnamTime(d).slice(11, 16);
}

/** The first moment of a Vietnam-local day given as 'YYYY-MM-DD'. */
export function vietnamDayStart(dateKey: string): Date {
  return dateAt(dayStartMs(validDay(dateKey)));
}

/** The last millisecond of a Vietnam-local day given as 'YYYY-MM-DD'. */
export function vietnamDayEnd(dateKey: string): Date {
  return dateAt(dayEndMs(validDay(dateKey)));
}

function validDay(dateKey: string): number {
  const day = parseDateKey(dateKey);
  if (Number.isNaN(day))
    throw new CalendarError('INVALID_DATE', `invalid date "${dateKey}": expected YYYY-MM-DD`);
  return day;
}
