import Holidays from 'date-holidays';
import { parseAnnouncement, type YearAnnouncement } from './announcement';
import { ANNOUNCEMENTS } from './data';
import { CalendarError, noCalendarData } from './errors';
import { parseOfficeHours, ROUND_THE_CLOCK_HOURS, VN_OFFICE_HOURS } from './office-hours';
import { dateKeyOfDay, dayOfWeek, parseDateKey } from './time';
import type { CalendarHoliday, CalendarKind, CalendarSnapshot, OfficeHours } from './types';

export interface BuildCalendarOptions {
  kind: CalendarKind;
  fromYear: number;
  toYear: number;
  officeHours?: OfficeHours[];
  /** Build years without an announcement file from statutory holidays and a provisional Tết. */
  allowUnannounced?: boolean;
  /** Replaces the bundled data files for the years it lists (previews of a draft notice, tests). */
  announcements?: Readonly<Record<number, YearAnnouncement>>;
}

const WEEKEND_DAYS = [0, 6];
/** Labour Code 2019 Art. 112(1)(b). */
const TET_DAYS = 5;
/** Keeps a typo such as 20255 from allocating a calendar for millennia. */
const MAX_YEARS = 200;

/**
 * Builds the calendar a dossier is computed with: statutory holidays from date-holidays (lunar Tết
 * and 10/3 included) merged with the Government's yearly announcements (Labour Code Arts. 111–112).
 */
export function buildCalendarSnapshot(opts: BuildCalendarOptions): CalendarSnapshot {
  const { kind, fromYear, toYear } = opts;
  if (
    !Number.isInteger(fromYear) ||
    !Number.isInteger(toYear) ||
    fromYear > toYear ||
    toYear - fromYear >= MAX_YEARS
  ) {
    throw new CalendarError('INVALID_DATE', `invalid calendar year range ${fromYear}..${toYear}`);
  }
  if (kind === '24x7') {
    if (opts.officeHours) {
      throw new CalendarError(
        'INVALID_OFFICE_HOURS',
        'a round-the-clock calendar has no office hours to configure',
      );
    }
    return withVersion({
      id: kind,
      roundTheClock: true,
      officeHours: ROUND_THE_CLOCK_HOURS.map((h) => ({ ...h })),
      weekendDays: [],
      fromYear,
      toYear,
      holidays: [],
      workingDates: [],
    });
  }
  if (kind !== 'vn') throw new CalendarError('INVALID_DATE', `unknown calendar kind "${String(kind)}"`);

  const officeHours = (opts.officeHours ?? VN_OFFICE_HOURS).map((h) => ({ start: h.start, end: h.end }));
  parseOfficeHours(officeHours);
  const holidays = new Map<string, string>();
  const workingDates: string[] = [];
  const provisionalDates = new Set<string>();
  const unannouncedYears: number[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    const statutory = statutoryHolidays(year);
    for (const h of statutory) holidays.set(h.date, h.name);
    const raw = opts.announcements?.[year] ?? ANNOUNCEMENTS[year];
    if (raw === undefined && !opts.allowUnannounced) {
      throw noCalendarData(year, ', list it in domain/calendar/data/index.ts, or pass allowUnannounced');
    }
    if (raw === undefined) unannouncedYears.push(year);
    const announced = raw === undefined ? undefined : parseAnnouncement(raw, year);
    const daysOff = announced?.daysOff ?? [];
    // Until the notice fixes Tết, the statutory five days stand where the notices usually put them.
    const tet = daysOff.some((d) => d.kind === 'tet') ? [] : provisionalTet(year, statutory);
    // The announced name wins: it is how the notice, and so the letters, call the day.
    for (const d of [...tet, ...daysOff]) {
      holidays.set(d.date, d.name);
      if (d.provisional) provisionalDates.add(d.date);
    }
    for (const w of announced?.workingDays ?? []) {
      if (holidays.has(w.date)) throw invalidEntry(year, `${w.date} is both a day off and a working day`);
      workingDates.push(w.date);
      if (w.provisional) provisionalDates.add(w.date);
    }
  }

  return withVersion({
    id: kind,
    roundTheClock: false,
    officeHours,
    weekendDays: [...WEEKEND_DAYS],
    fromYear,
    toYear,
    holidays: [...holidays]
      .map(([date, name]): CalendarHoliday => ({ date, name }))
      .sort((a, b) => (a.date < b.date ? -1 : 1)),
    workingDates: workingDates.sort(),
    ...(unannouncedYears.length > 0 ? { unannouncedYears } : {}),
    // Omitted when empty, so calendars without provisional days keep their version.
    ...(provisionalDates.size > 0 ? { provisionalDates: [...provisionalDates].sort() } : {}),
  });
}

interface StatutoryHoliday extends CalendarHoliday {
  /** date-holidays' rule, e.g. 'vietnamese 1-0-1' for the lunar new year. */
  rule: string;
}

let statutory: Holidays | undefined;
const statutoryByYear = new Map<number, readonly StatutoryHoliday[]>();

/** Labour Code Art. 112 holidays; memoised because the lunar computation costs ~50 ms a year. */
function statutoryHolidays(year: number): readonly StatutoryHoliday[] {
  let days = statutoryByYear.get(year);
  if (!days) {
    statutory ??= new Holidays('VN');
    days = statutory
      .getHolidays(year)
      // Only public holidays are days off; the many 'observance' days are commemorations.
      .filter((h) => h.type === 'public')
      .map((h) => ({ date: h.date.slice(0, 10), name: h.name, rule: h.rule }));
    statutoryByYear.set(year, days);
  }
  return days;
}

/**
 * Tết of a year whose notice is not out: the five weekdays from the first weekday on or after two days
 * before the lunar new year, which is where the 2023–2026 notices put them (2026: mùng 1 on Tuesday
 * 17/02, days off Monday 16 to Friday 20). The statutory eve and first day keep their names and are
 * certain; the other weekdays are provisional.
 */
function provisionalTet(
  year: number,
  statutory: readonly StatutoryHoliday[],
): (CalendarHoliday & { provisional: true })[] {
  const newYear = statutory.find((h) => h.rule === 'vietnamese 1-0-1');
  if (!newYear) throw noCalendarData(year, ': date-holidays gives no lunar new year');
  const days: ReturnType<typeof provisionalTet> = [];
  for (let day = parseDateKey(newYear.date) - 2, taken = 0; taken < TET_DAYS; day++) {
    if (WEEKEND_DAYS.includes(dayOfWeek(day))) continue;
    taken++;
    const date = dateKeyOfDay(day);
    if (!statutory.some((h) => h.date === date)) {
      days.push({ date, name: 'Nghỉ Tết Nguyên đán (dự kiến, chưa có thông báo)', provisional: true });
    }
  }
  return days;
}

function invalidEntry(year: number, problem: string): CalendarError {
  return new CalendarError(
    'NO_CALENDAR_DATA',
    `unusable calendar data domain/calendar/data/vn-${year}.json: ${problem}`,
  );
}

function withVersion(body: Omit<CalendarSnapshot, 'version'>): CalendarSnapshot {
  const { id, fromYear, toYear } = body;
  return { version: `${id}-${fromYear}..${toYear}-${fnv1a(JSON.stringify(body))}`, ...body };
}

/** FNV-1a 32-bit: a tiny pure content hash (no node:crypto), enough to tell calendar versions apart. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
