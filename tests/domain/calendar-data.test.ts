import {
  buildCalendarSnapshot,
  CalendarError,
  parseAnnouncement,
  WorkingCalendar,
  type CalendarErrorCode,
} from '../../domain/calendar';
import { ANNOUNCEMENTS } from '../../domain/calendar/data';
import vn2025 from '../../domain/calendar/data/vn-2025.json';

const vn = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const endOf = (date: string) => new Date(`${date}T23:59:59.999+07:00`);

function parseError(raw: unknown, year = 2025): { code: CalendarErrorCode; message: string } {
  try {
    parseAnnouncement(raw, year);
  } catch (e) {
    if (e instanceof CalendarError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a CalendarError');
}

const entry = { date: '2025-03-10', kind: 'extra', name: 'Nghỉ', note: 'x', source: 'x' };
const withDaysOff = (...daysOff: object[]) => ({ year: 2025, daysOff, workingDays: [] });

describe('calendar data files', () => {
  it.each(Object.entries(ANNOUNCEMENTS))('vn-%s.json is valid', (year, raw) => {
    expect(parseAnnouncement(raw, Number(year)).year).toBe(Number(year));
  });

  it('returns the file as it is', () => {
    expect(parseAnnouncement(vn2025, 2025)).toEqual(vn2025);
  });

  it.each([
    [
      'no object',
      null,
      'NO_CALENDAR_DATA',
      /^unusable calendar data domain\/calendar\/data\/vn-2025\.json: .*expected object/,
    ],
    ['another year', { ...vn2025, year: 2024 }, 'NO_CALENDAR_DATA', /vn-2025\.json: "year" must be 2025$/],
    [
      'a missing list',
      { year: 2025, daysOff: [] },
      'NO_CALENDAR_DATA',
      /vn-2025\.json: "workingDays" .*expected array/,
    ],
    [
      'a misspelt key',
      withDaysOff({ ...entry, provisonal: true }),
      'NO_CALENDAR_DATA',
      /vn-2025\.json: daysOff\[0\]: Unrecognized key: "provisonal"/,
    ],
    [
      'provisional false',
      withDaysOff({ ...entry, provisional: false }),
      'NO_CALENDAR_DATA',
      /daysOff\[0\]: "provisional" /,
    ],
    [
      'a blank name',
      withDaysOff({ ...entry, name: '  ' }),
      'NO_CALENDAR_DATA',
      /daysOff\[0\]: "name" must be a non-empty text$/,
    ],
    [
      'a date twice',
      withDaysOff(entry, entry),
      'NO_CALENDAR_DATA',
      /daysOff\[1\]: 2025-03-10 is listed twice$/,
    ],
    [
      'a date of another year',
      withDaysOff({ ...entry, date: '2024-03-11' }),
      'INVALID_DATE',
      /^domain\/calendar\/data\/vn-2025\.json daysOff\[0\]: "2024-03-11" is not a date in 2025$/,
    ],
    [
      'a number as date',
      withDaysOff({ ...entry, date: 20250310 }),
      'INVALID_DATE',
      /daysOff\[0\]: 20250310 is not a date YYYY-MM-DD$/,
    ],
  ])('rejects %s', (_, raw, code, message) => {
    const error = parseError(raw);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });
});

describe('2026 (rule T8: Friday 2 January off, Saturday 10 January worked)', () => {
  const cal = new WorkingCalendar(buildCalendarSnapshot({ kind: 'vn', fromYear: 2025, toYear: 2026 }));

  it('swaps the days', () => {
    expect(cal.isWorkingDay(vn('2026-01-02 09:00'))).toBe(false);
    expect(cal.holidayName(vn('2026-01-02 09:00'))).toBe('Nghỉ hoán đổi dịp Tết Dương lịch');
    expect(cal.isWorkingDay(vn('2026-01-10 09:00'))).toBe(true);
    expect(cal.isWithinOfficeHours(vn('2026-01-10 09:00'))).toBe(true);
  });

  it('moves due dates across the swap', () => {
    // Day 1 is Monday 5 January: Thursday 1 is the holiday and Friday 2 the swapped day.
    expect(cal.addDuration(vn('2025-12-31 10:00'), { amount: 3, unit: 'working_days' })).toEqual(
      endOf('2026-01-07'),
    );
    expect(cal.addDuration(vn('2026-01-08 10:00'), { amount: 2, unit: 'working_days' })).toEqual(
      endOf('2026-01-10'),
    );
  });
});

describe('2027 as far as announced', () => {
  const snapshot = buildCalendarSnapshot({ kind: 'vn', fromYear: 2027, toYear: 2027 });
  const cal = new WorkingCalendar(snapshot);
  const off = (date: string) => !cal.isWorkingDay(vn(`${date} 09:00`));

  it('needs no allowUnannounced', () => {
    expect(snapshot.unannouncedYears).toBeUndefined();
  });

  it('has the statutory days, the compensatory day and 24/11', () => {
    for (const date of ['2027-01-01', '2027-04-16', '2027-04-30', '2027-05-03', '2027-09-02', '2027-11-24']) {
      expect([date, off(date)]).toEqual([date, true]);
    }
    expect(cal.holidayName(vn('2027-05-03 09:00'))).toBe('Nghỉ bù Quốc tế Lao động');
  });

  it('marks the unannounced days provisional', () => {
    expect(snapshot.provisionalDates).toEqual([
      '2027-02-04',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-09-03',
    ]);
    expect(off('2027-09-03')).toBe(true);
  });
});
