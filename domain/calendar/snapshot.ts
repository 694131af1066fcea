import Holidays from 'date-holidays';
import { ANNOUNCEMENTS } from './data';
import { CalendarError, noCalendarData } from './errors';
import { parseOfficeHours, ROUND_THE_CLOCK_HOURS, VN_OFFICE_HOURS } from './office-hours';
import { dayOfWeek, parseDateKey } from './time';
import type {
  AnnouncedDayOff,
  AnnouncedWorkingDay,
  CalendarHoliday,
  CalendarKind,
  CalendarSnapshot,
  DayOffKind,
  OfficeHours,
  YearAnnouncement,
} from './types';

export interface BuildCalendarOptions {
  kind: CalendarKind;
  fromYear: number;
  toYear: number;
  officeHours?: OfficeHours[];
  /** Build years without an announcement file from statutory holidays alone (Tết then has only 2 days). */
  allowUnannounced?: boolean;
  /** Replaces the bundled data files for the years it lists (previews of a draft notice, tests). */
  announcements?: Readonly<Record<number, YearAnnouncement>>;
}

const WEEKEND_DAYS = [0, 6];
const DAY_OFF_KINDS: readonly DayOffKind[] = ['holiday', 'tet', 'compensatory', 'swapped', 'extra'];
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
  const unannouncedYears: number[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    for (const h of statutoryHolidays(year)) holidays.set(h.date, h.name);
    const raw = opts.announcements?.[year] ?? ANNOUNCEMENTS[year];
    if (raw === undefined) {
      if (!opts.allowUnannounced) {
        throw noCalendarData(year, ', list it in domain/calendar/data/index.ts, or pass allowUnannounced');
      }
      unannouncedYears.push(year);
      continue;
    }
    const announced = parseAnnouncement(raw, year);
    // The announced name wins: it is how the notice, and so the letters, call the day.
    for (const d of announced.daysOff) holidays.set(d.date, d.name);
    for (const w of announced.workingDays) {
      if (holidays.has(w.date)) throw invalidEntry(year, `${w.date} is both a day off and a working day`);
      workingDates.push(w.date);
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
  });
}

/** Validates one data file, naming the file and entry so an agency can fix its own edit. */
export function parseAnnouncement(raw: unknown, year: number): YearAnnouncement {
  const file = raw as Partial<YearAnnouncement> | null;
  if (typeof file !== 'object' || file === null || file.year !== year) {
    throw invalidEntry(year, `expected an object with "year": ${year}`);
  }
  if (!Array.isArray(file.daysOff) || !Array.isArray(file.workingDays)) {
    throw invalidEntry(year, 'expected "daysOff" and "workingDays" arrays');
  }
  const seen = new Set<string>();
  const entry = <T extends AnnouncedWorkingDay>(e: T, where: string): T => {
    for (const field of ['name', 'note', 'source'] as const) {
      if (typeof e?.[field] !== 'string' || e[field].trim() === '') {
        throw invalidEntry(year, `${where}: "${field}" must be a non-empty text`);
      }
    }
    const day = parseDateKey(e.date);
    if (Number.isNaN(day) || !e.date.startsWith(`${year}-`)) {
      throw new CalendarError(
        'INVALID_DATE',
        `domain/calendar/data/vn-${year}.json ${where}: "${String(e.date)}" is not a date YYYY-MM-DD in ${year}`,
      );
    }
    if (seen.has(e.date)) throw invalidEntry(year, `${where}: ${e.date} is listed twice`);
    seen.add(e.date);
    return e;
  };
  const daysOff = file.daysOff.map((e: AnnouncedDayOff, i) => {
    if (!DAY_OFF_KINDS.includes(e?.kind)) {
      throw invalidEntry(year, `daysOff[${i}]: "kind" must be one of ${DAY_OFF_KINDS.join(', ')}`);
    }
    return entry(e, `daysOff[${i}]`);
  });
  const workingDays = file.workingDays.map((e: AnnouncedWorkingDay, i) => {
    const checked = entry(e, `workingDays[${i}]`);
    // Only a weekend day can be turned into a working day; anything else is a typo in the file.
    if (!WEEKEND_DAYS.includes(dayOfWeek(parseDateKey(e.date)))) {
      throw new CalendarError(
        'INVALID_DATE',
        `domain/calendar/data/vn-${year}.json workingDays[${i}]: ${e.date} is not a weekend day`,
      );
    }
    return checked;
  });
  return { year, daysOff, workingDays };
}

let statutory: Holidays | undefined;
const statutoryByYear = new Map<number, readonly CalendarHoliday[]>();

/** Labour Code Art. 112 holidays; memoised because the lunar computation costs ~50 ms a year. */
function statutoryHolidays(year: number): readonly CalendarHoliday[] {
  let days = statutoryByYear.get(year);
  if (!days) {
    statutory ??= new Holidays('VN');
    days = statutory
      .getHolidays(year)
      // Only public holidays are days off; the many 'observance' days are commemorations.
      .filter((h) => h.type === 'public')
      .map((h) => ({ date: h.date.slice(0, 10), name: h.name }));
    statutoryByYear.set(year, days);
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
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
