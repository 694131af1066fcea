import { DURATION_UNITS, type Duration } from '../duration';
import { CalendarError, noCalendarData } from './errors';
import { parseOfficeHours, parseTimeOfDay, ROUND_THE_CLOCK_HOURS, type OfficeSession } from './office-hours';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  dateAt,
  dateKeyOfDay,
  dayEndMs,
  dayOfWeek,
  dayOfYearStart,
  dayStartMs,
  vietnamEpochDay,
  parseDateKey,
  timeOf,
  yearOfDay,
} from './time';
import type { CalendarSnapshot } from './types';

/**
 * Working-day arithmetic over one CalendarSnapshot. Pure and free of Node built-ins and of the
 * server time zone, so Temporal workflows can import it (via workflow-safe.ts) and replay it.
 *
 * Internally everything is epoch days (Vietnam-local dates) and "office ms": the office time
 * elapsed since the start of the snapshot range, which turns working-hour and working-day
 * arithmetic into O(1) array lookups.
 */
export class WorkingCalendar {
  readonly snapshot: CalendarSnapshot;
  readonly version: string;
  private readonly firstDay: number;
  /** 1 where the day (index from firstDay) is a working day. */
  private readonly working: Uint8Array;
  /** workingBefore[i] = number of working days in [firstDay, firstDay + i). */
  private readonly workingBefore: Int32Array;
  /** Epoch day of the k-th working day of the range. */
  private readonly workingDayList: Int32Array;
  private readonly sessions: OfficeSession[];
  private readonly officeMsPerDay: number;
  private readonly holidayNames = new Map<number, string>();
  /** Epoch days of snapshot.provisionalDates, ascending. */
  private readonly provisionalDays: Int32Array;

  constructor(snapshot: CalendarSnapshot) {
    const { fromYear, toYear } = snapshot;
    if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear) {
      throw new CalendarError('INVALID_DATE', `invalid calendar year range ${fromYear}..${toYear}`);
    }
    this.snapshot = snapshot;
    this.version = snapshot.version;
    this.firstDay = dayOfYearStart(fromYear);
    const length = dayOfYearStart(toYear + 1) - this.firstDay;
    // A round-the-clock calendar has no weekends, holidays or closing time, whatever else it carries.
    this.sessions = parseOfficeHours(snapshot.roundTheClock ? ROUND_THE_CLOCK_HOURS : snapshot.officeHours);
    this.officeMsPerDay = this.sessions.reduce((sum, s) => sum + s.endMs - s.startMs, 0);

    this.working = new Uint8Array(length);
    if (snapshot.roundTheClock) {
      this.working.fill(1);
    } else {
      const weekend = new Set(snapshot.weekendDays);
      for (const d of weekend) {
        if (!Number.isInteger(d) || d < 0 || d > 6) {
          throw new CalendarError(
            'INVALID_DATE',
            `invalid weekend day ${d}: expected 0 (Sunday) … 6 (Saturday)`,
          );
        }
      }
      for (let i = 0; i < length; i++) this.working[i] = weekend.has(dayOfWeek(this.firstDay + i)) ? 0 : 1;
      for (const h of snapshot.holidays) {
        const day = this.snapshotDate(h.date);
        this.working[day - this.firstDay] = 0;
        this.holidayNames.set(day, h.name);
      }
      for (const key of snapshot.workingDates) {
        const day = this.snapshotDate(key);
        if (this.holidayNames.has(day)) {
          throw new CalendarError('INVALID_DATE', `${key} is both a holiday and a working date`);
        }
        this.working[day - this.firstDay] = 1;
      }
    }

    this.provisionalDays = Int32Array.from(snapshot.provisionalDates ?? [], (key) =>
      this.snapshotDate(key),
    ).sort();

    this.workingBefore = new Int32Array(length + 1);
    for (let i = 0; i < length; i++) this.workingBefore[i + 1] = this.workingBefore[i] + this.working[i];
    this.workingDayList = new Int32Array(this.workingBefore[length]);
    for (let i = 0, k = 0; i < length; i++) if (this.working[i]) this.workingDayList[k++] = this.firstDay + i;
  }

  isWorkingDay(d: Date): boolean {
    return this.working[this.index(vietnamEpochDay(timeOf(d)))] === 1;
  }

  isWithinOfficeHours(d: Date): boolean {
    const ms = timeOf(d);
    const day = vietnamEpochDay(ms);
    if (!this.working[this.index(day)]) return false;
    const t = ms - dayStartMs(day);
    return this.sessions.some((s) => t >= s.startMs && t < s.endMs);
  }

  /** Name of the holiday or announced day off on the local date of `d`, if any. */
  holidayName(d: Date): string | undefined {
    return this.holidayNames.get(vietnamEpochDay(timeOf(d)));
  }

  /**
   * Deadline of a time limit starting at `from` (BLDS 2015 Arts. 147–148). Day-based limits start the
   * day after the event (Art. 147(2)) and end at 24:00 of their last day (Art. 148(1)); hour-based
   * limits start at the moment itself (Art. 147(1)).
   */
  addDuration(from: Date, duration: Duration): Date {
    const ms = timeOf(from);
    const n = checkedAmount(duration);
    const day = vietnamEpochDay(ms);
    switch (duration.unit) {
      case 'working_days': {
        // Day 1 is the first working day strictly after the receipt date, whatever the hour;
        // 0 days means the receipt date itself when it is a working day.
        const i = this.index(day);
        const after = this.workingBefore[i + 1];
        const k = n > 0 ? after + n - 1 : this.working[i] ? after - 1 : after;
        return dateAt(dayEndMs(this.nthWorkingDay(k)));
      }
      case 'days':
        return dateAt(dayEndMs(this.workingDayOnOrAfter(day + n)));
      case 'months':
        return dateAt(dayEndMs(this.workingDayOnOrAfter(addMonths(day, n))));
      case 'working_hours':
        return n === 0 ? dateAt(ms) : dateAt(this.earliestAtOfficeMs(this.officeMsAt(ms) + n * HOUR_MS));
      case 'hours':
        return dateAt(ms + n * HOUR_MS);
      case 'minutes':
        return dateAt(ms + n * MINUTE_MS);
    }
  }

  /** When a reminder "`offset` before `due`" fires; working-day reminders fire at the office opening. */
  subtractForReminder(due: Date, offset: Duration): Date {
    const ms = timeOf(due);
    const n = checkedAmount(offset);
    const day = vietnamEpochDay(ms);
    const opening = this.sessions[0].startMs;
    switch (offset.unit) {
      case 'working_days': {
        const before = this.workingBefore[this.index(day)];
        const k = n === 0 && this.working[day - this.firstDay] ? before : before - Math.max(n, 1);
        return dateAt(dayStartMs(this.nthWorkingDay(k)) + opening);
      }
      case 'days':
        return dateAt(dayStartMs(day - n) + opening);
      case 'months':
        return dateAt(dayStartMs(addMonths(day, -n)) + opening);
      case 'working_hours':
        return n === 0 ? dateAt(ms) : dateAt(this.latestAtOfficeMs(this.officeMsAt(ms) - n * HOUR_MS));
      case 'hours':
        return dateAt(ms - n * HOUR_MS);
      case 'minutes':
        return dateAt(ms - n * MINUTE_MS);
    }
  }

  /**
   * Last moment to send the apology and extension request: "chậm nhất 01 ngày trước ngày hết hạn"
   * (Decree 118 Art. 19(6)), read as the end of the working day before the due date.
   */
  extensionCutoff(due: Date): Date {
    const day = vietnamEpochDay(timeOf(due));
    return dateAt(dayEndMs(this.nthWorkingDay(this.workingBefore[this.index(day)] - 1)));
  }

  /**
   * Paper dossier hand-over deadline (Decree 118 Art. 18(2)): the same working day, or the start of
   * the next working day when received after the cut-off. "Start" is read as the morning session,
   * so the hand-over is due by its end (11:30).
   */
  transferDueAt(receivedAt: Date, cutoff = '15:00'): Date {
    const ms = timeOf(receivedAt);
    const cutoffMs = parseTimeOfDay(cutoff);
    const day = vietnamEpochDay(ms);
    if (this.working[this.index(day)] && ms - dayStartMs(day) <= cutoffMs) {
      return dateAt(dayStartMs(day) + this.sessions[this.sessions.length - 1].endMs);
    }
    return dateAt(
      dayStartMs(this.nthWorkingDay(this.workingBefore[this.index(day) + 1])) + this.sessions[0].endMs,
    );
  }

  /** Signed office minutes from `from` to `to` (negative when `to` is earlier), truncated toward zero. */
  workingTimeBetween(from: Date, to: Date): number {
    return Math.trunc((this.officeMsAt(timeOf(to)) - this.officeMsAt(timeOf(from))) / MINUTE_MS) + 0;
  }

  /**
   * Signed whole working days from the local date of `from` to that of `to`: the working days in
   * (date(from), date(to)], so that workingDaysBetween(x, addDuration(x, N working days)) === N.
   */
  workingDaysBetween(from: Date, to: Date): number {
    const a = this.index(vietnamEpochDay(timeOf(from)));
    const b = this.index(vietnamEpochDay(timeOf(to)));
    return this.workingBefore[b + 1] - this.workingBefore[a + 1];
  }

  /**
   * Provisional dates from the local date of `from` to that of `to`, both included (receipt to due):
   * when there is any, the due date rests on days no notice has fixed yet and may move when it is out.
   */
  provisionalDatesBetween(from: Date, to: Date): string[] {
    const [a, b] = [vietnamEpochDay(timeOf(from)), vietnamEpochDay(timeOf(to))].sort((x, y) => x - y);
    return Array.from(
      this.provisionalDays.filter((day) => day >= a && day <= b),
      dateKeyOfDay,
    );
  }

  /** Office opening of the first working day strictly after the local date of `d`. */
  startOfNextWorkingDay(d: Date): Date {
    const day = vietnamEpochDay(timeOf(d));
    return dateAt(
      dayStartMs(this.nthWorkingDay(this.workingBefore[this.index(day) + 1])) + this.sessions[0].startMs,
    );
  }

  /** `d` itself during office hours, otherwise the next session opening. */
  nextOfficeTime(d: Date): Date {
    const ms = timeOf(d);
    return this.isWithinOfficeHours(d) ? dateAt(ms) : dateAt(this.latestAtOfficeMs(this.officeMsAt(ms)));
  }

  /** The last office session of the local date of `d`: when the desk returns results that day. */
  lastSession(d: Date): { from: Date; to: Date } {
    const start = dayStartMs(vietnamEpochDay(timeOf(d)));
    const last = this.sessions[this.sessions.length - 1];
    return { from: dateAt(start + last.startMs), to: dateAt(start + last.endMs) };
  }

  /** Local 23:59:59.999 of the date of `d`. */
  endOfDay(d: Date): Date {
    return dateAt(dayEndMs(vietnamEpochDay(timeOf(d))));
  }

  /** Index into the per-day tables, or NO_CALENDAR_DATA when the day is outside the snapshot. */
  private index(day: number): number {
    const i = day - this.firstDay;
    if (i >= 0 && i < this.working.length) return i;
    // Absurd amounts can leave the representable date range; then name the nearest missing year.
    const year = yearOfDay(day);
    throw this.outOfRange(
      Number.isNaN(year) ? (i < 0 ? this.snapshot.fromYear - 1 : this.snapshot.toYear + 1) : year,
    );
  }

  private outOfRange(year: number): CalendarError {
    const { id, version, fromYear, toYear } = this.snapshot;
    return id === 'vn'
      ? noCalendarData(
          year,
          ` and build a snapshot that covers it (calendar ${version} covers ${fromYear}..${toYear})`,
        )
      : new CalendarError(
          'NO_CALENDAR_DATA',
          `no calendar data for ${year}: calendar ${version} covers ${fromYear}..${toYear}; build a wider snapshot`,
        );
  }

  private nthWorkingDay(k: number): number {
    if (k < 0) throw this.outOfRange(this.snapshot.fromYear - 1);
    if (k >= this.workingDayList.length) throw this.outOfRange(this.snapshot.toYear + 1);
    return this.workingDayList[k];
  }

  /** BLDS 2015 Art. 148(5): a limit whose last day is a day off ends with the next working day. */
  private workingDayOnOrAfter(day: number): number {
    const i = this.index(day);
    return this.working[i] ? day : this.nthWorkingDay(this.workingBefore[i + 1]);
  }

  /** Office ms elapsed between the start of the range and `ms`. */
  private officeMsAt(ms: number): number {
    const day = vietnamEpochDay(ms);
    const i = this.index(day);
    let within = 0;
    if (this.working[i]) {
      const t = ms - dayStartMs(day);
      for (const s of this.sessions) within += Math.min(Math.max(t - s.startMs, 0), s.endMs - s.startMs);
    }
    return this.workingBefore[i] * this.officeMsPerDay + within;
  }

  /** Earliest moment at which `officeMs` of office time has elapsed (a deadline may end at 17:00 sharp). */
  private earliestAtOfficeMs(officeMs: number): number {
    const k = Math.ceil(officeMs / this.officeMsPerDay) - 1;
    return this.momentInDay(this.nthWorkingDay(k), officeMs - k * this.officeMsPerDay, false);
  }

  /** Latest such moment (a reminder falls on the next opening rather than the previous closing). */
  private latestAtOfficeMs(officeMs: number): number {
    const k = Math.floor(officeMs / this.officeMsPerDay);
    return this.momentInDay(this.nthWorkingDay(k), officeMs - k * this.officeMsPerDay, true);
  }

  private momentInDay(day: number, officeMsIntoDay: number, preferLater: boolean): number {
    let rest = officeMsIntoDay;
    const last = this.sessions.length - 1;
    for (let i = 0; i < last; i++) {
      const length = this.sessions[i].endMs - this.sessions[i].startMs;
      if (rest < length || (rest === length && !preferLater)) {
        return dayStartMs(day) + this.sessions[i].startMs + rest;
      }
      rest -= length;
    }
    return dayStartMs(day) + this.sessions[last].startMs + rest;
  }

  private snapshotDate(key: string): number {
    const day = parseDateKey(key);
    if (Number.isNaN(day)) {
      throw new CalendarError('INVALID_DATE', `invalid calendar date "${key}": expected YYYY-MM-DD`);
    }
    if (day < this.firstDay || day >= this.firstDay + this.working.length) {
      throw new CalendarError(
        'INVALID_DATE',
        `calendar date ${key} is outside the snapshot range ${this.snapshot.fromYear}..${this.snapshot.toYear}`,
      );
    }
    return day;
  }
}

/** Amount of a Duration after checking its unit and that it is a non-negative integer. */
function checkedAmount(duration: Duration): number {
  if (!DURATION_UNITS.includes(duration?.unit)) {
    throw new CalendarError(
      'UNKNOWN_UNIT',
      `unknown duration unit "${String(duration?.unit)}": expected one of ${DURATION_UNITS.join(', ')}`,
    );
  }
  const n = duration.amount;
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new CalendarError(
      'INVALID_AMOUNT',
      `invalid duration amount ${String(n)}: expected a whole number ≥ 0`,
    );
  }
  return n;
}

/** Same day of month `n` months later, or the month's last day when it has no such day (BLDS Art. 148(2)). */
function addMonths(day: number, n: number): number {
  const date = new Date(day * DAY_MS);
  const [y, m, dom] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
  const first = Date.UTC(y, m + n, 1) / DAY_MS;
  const monthLength = Date.UTC(y, m + n + 1, 1) / DAY_MS - first;
  return first + Math.min(dom, monthLength) - 1;
}
