import type { Duration, DurationUnit } from '../../domain/duration';
import {
  buildCalendarSnapshot,
  CalendarError,
  formatVietnamDate,
  formatVietnamTime,
  vietnamDateKey,
  WorkingCalendar,
  type CalendarErrorCode,
  type YearAnnouncement,
} from '../../domain/calendar';
import vn2025 from '../../domain/calendar/data/vn-2025.json';

/** A Vietnam-local moment, written the way a clerk reads it: 'YYYY-MM-DD HH:mm[:ss.SSS]'. */
const vn = (local: string): Date => {
  const [date, time = '00:00'] = local.split(' ');
  return new Date(`${date}T${time.length === 5 ? `${time}:00` : time}+07:00`);
};
const fmt = formatVietnamTime;
const wd = (amount: number): Duration => ({ amount, unit: 'working_days' });
const wh = (amount: number): Duration => ({ amount, unit: 'working_hours' });
const endOf = (date: string) => `${date}T23:59:59.999+07:00`;
const at = (date: string, time: string) => `${date}T${time}:00.000+07:00`;

const snapshot = buildCalendarSnapshot({ kind: 'vn', fromYear: 2023, toYear: 2026 });
const cal = new WorkingCalendar(snapshot);

function expectCalendarError(fn: () => unknown, code: CalendarErrorCode, message?: RegExp): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(CalendarError);
  expect((thrown as CalendarError).code).toBe(code);
  if (message) expect((thrown as CalendarError).message).toMatch(message);
}

const dates = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = vn(from); vietnamDateKey(d) <= to; d = new Date(d.getTime() + 86_400_000))
    out.push(vietnamDateKey(d));
  return out;
};

describe('announced days off and working days', () => {
  it.each([
    ['Tết 2025 for civil servants', '2025-01-25', '2025-02-02', '2025-01-24', '2025-02-03'],
    ['Tết 2026 (TB 9441/TB-BNV)', '2026-02-14', '2026-02-22', '2026-02-13', '2026-02-23'],
    ['Tết 2023', '2023-01-20', '2023-01-26', '2023-01-19', '2023-01-27'],
    ['Tết 2024', '2024-02-08', '2024-02-14', '2024-02-07', '2024-02-15'],
  ])('%s: %s..%s is off, the days around it are worked', (_, first, last, before, after) => {
    for (const date of dates(first, last))
      expect([date, cal.isWorkingDay(vn(`${date} 10:00`))]).toEqual([date, false]);
    expect(cal.isWorkingDay(vn(`${before} 10:00`))).toBe(true);
    expect(cal.isWorkingDay(vn(`${after} 10:00`))).toBe(true);
  });

  it.each([
    // 2/9/2023 is a Saturday: 1/9 is the adjacent day and Monday 4/9 the compensatory day (T7).
    ['2023-09-01', false],
    ['2023-09-02', false],
    ['2023-09-04', false],
    ['2023-09-05', true],
    ['2023-01-02', false],
    // 30/4–1/5/2025: Friday 2/5 off in exchange for Saturday 26/4 (T8).
    ['2025-04-26', true],
    ['2025-04-29', true],
    ['2025-04-30', false],
    ['2025-05-01', false],
    ['2025-05-02', false],
    ['2025-05-05', true],
    ['2025-09-01', false],
    ['2025-09-02', false],
    ['2024-04-29', false],
    ['2024-05-04', true],
    ['2024-09-03', false],
    // 2026: Giỗ Tổ on Sunday 26/4 → Monday 27/4; 1/9 adjacent to 2/9; 24/11 Ngày Văn hóa (T9).
    ['2026-04-27', false],
    ['2026-04-30', false],
    ['2026-05-01', false],
    ['2026-09-01', false],
    ['2026-09-02', false],
    ['2026-09-03', true],
    ['2026-11-24', false],
    ['2026-11-23', true],
  ])('%s working: %s', (date, working) => {
    expect(cal.isWorkingDay(vn(`${date} 12:00`))).toBe(working);
  });

  it('names the day off as announced', () => {
    expect(cal.holidayName(vn('2023-09-04 09:00'))).toBe('Nghỉ bù Quốc khánh');
    expect(cal.holidayName(vn('2026-11-24 09:00'))).toBe('Ngày Văn hóa Việt Nam');
    expect(cal.holidayName(vn('2025-04-07 09:00'))).toBe('Giỗ tổ Hùng Vương');
    expect(cal.holidayName(vn('2025-03-11 09:00'))).toBeUndefined();
  });
});

describe('addDuration (BLDS 2015 Arts. 147–148)', () => {
  it.each<[string, string, Duration, string]>([
    ['16:59 Friday before Tết 2025', '2025-01-24 16:59', wd(1), endOf('2025-02-03')],
    ['16:59 Friday before Quốc khánh 2025', '2025-08-29 16:59', wd(1), endOf('2025-09-03')],
    ['16:59 Friday before 30/4/2025, worked Saturday counts', '2025-04-25 16:59', wd(1), endOf('2025-04-26')],
    ['a Sunday receipt', '2025-03-09 10:00', wd(1), endOf('2025-03-10')],
    ['a Sunday receipt, 5 days', '2025-03-09 10:00', wd(5), endOf('2025-03-14')],
    ['07:00 Monday: day 1 is Tuesday', '2025-03-10 07:00', wd(1), endOf('2025-03-11')],
    ['across the 2025 bridge', '2025-04-28 09:00', wd(3), endOf('2025-05-06')],
    ['30 working days over Tết 2026', '2026-02-02 09:00', wd(30), endOf('2026-03-23')],
    ['0 days on a working day', '2025-03-10 16:00', wd(0), endOf('2025-03-10')],
    ['0 days on a Sunday', '2025-03-09 16:00', wd(0), endOf('2025-03-10')],
    ['local date, not UTC date, at 00:30', '2025-03-11 00:30', wd(1), endOf('2025-03-12')],
    [
      'days ending on 30/4 roll to the next working day',
      '2025-04-20 10:00',
      { amount: 10, unit: 'days' },
      endOf('2025-05-05'),
    ],
    ['days ending on a working day', '2025-03-01 10:00', { amount: 10, unit: 'days' }, endOf('2025-03-11')],
    ['0 days on a Saturday', '2025-03-08 10:00', { amount: 0, unit: 'days' }, endOf('2025-03-10')],
    [
      'month clamped to 28/02 (Saturday) rolls',
      '2026-01-31 10:00',
      { amount: 1, unit: 'months' },
      endOf('2026-03-02'),
    ],
    [
      'month clamped to 29/02 in a leap year',
      '2024-01-31 10:00',
      { amount: 1, unit: 'months' },
      endOf('2024-02-29'),
    ],
    ['month across a year', '2025-11-28 10:00', { amount: 3, unit: 'months' }, endOf('2026-03-02')],
    [
      'hours ignore the calendar',
      '2025-01-24 16:59',
      { amount: 2, unit: 'hours' },
      at('2025-01-24', '18:59'),
    ],
    [
      'minutes ignore the calendar',
      '2025-04-30 23:50',
      { amount: 15, unit: 'minutes' },
      at('2025-05-01', '00:05'),
    ],
  ])('%s', (_, from, duration, expected) => {
    expect(fmt(cal.addDuration(vn(from), duration))).toBe(expected);
  });

  it.each<[string, string, number, string]>([
    ['within the morning', '2025-03-10 08:00', 2, at('2025-03-10', '10:00')],
    ['across lunch', '2025-03-10 11:00', 1, at('2025-03-10', '14:00')],
    ['from lunch time', '2025-03-10 11:45', 1, at('2025-03-10', '14:30')],
    ['before opening', '2025-03-10 06:00', 1, at('2025-03-10', '08:30')],
    ['overnight', '2025-03-10 16:30', 1, at('2025-03-11', '08:00')],
    ['ends at closing time, not the next opening', '2025-03-10 16:00', 1, at('2025-03-10', '17:00')],
    ['over a weekend', '2025-03-14 16:00', 2, at('2025-03-17', '08:30')],
    ['the 8-hour online acceptance limit', '2025-03-10 09:00', 8, at('2025-03-11', '09:30')],
    ['over the 30/4 bridge', '2025-04-29 16:00', 8, at('2025-05-05', '16:30')],
    ['zero hours is the moment itself', '2025-03-08 10:00', 0, at('2025-03-08', '10:00')],
  ])('working hours %s', (_, from, hours, expected) => {
    expect(fmt(cal.addDuration(vn(from), wh(hours)))).toBe(expected);
  });
});

describe('subtractForReminder', () => {
  const due = (date: string) => vn(`${date} 23:59:59.999`);
  it.each<[string, Date, Duration, string]>([
    ['due Friday, 1 working day → Thursday opening', due('2025-03-14'), wd(1), at('2025-03-13', '07:30')],
    ['across a weekend', due('2025-03-17'), wd(1), at('2025-03-14', '07:30')],
    ['across a weekend, 2 days', due('2025-03-17'), wd(2), at('2025-03-13', '07:30')],
    ['across the 30/4 bridge', due('2025-05-05'), wd(1), at('2025-04-29', '07:30')],
    ['onto the worked Saturday 26/4/2025', due('2025-05-05'), wd(3), at('2025-04-26', '07:30')],
    ['across Tết 2026', due('2026-02-23'), wd(1), at('2026-02-13', '07:30')],
    ['0 days on the due day', due('2025-03-14'), wd(0), at('2025-03-14', '07:30')],
    ['0 days when due on a Saturday', due('2025-03-15'), wd(0), at('2025-03-14', '07:30')],
    ['1 working hour before end of day', due('2025-05-05'), wh(1), at('2025-05-05', '16:00')],
    ['working hours across a holiday', vn('2025-05-05 08:30'), wh(2), at('2025-04-29', '16:00')],
    ['working hours across lunch', vn('2025-03-13 14:00'), wh(1), at('2025-03-13', '11:00')],
    ['a whole morning before 13:30 is the opening', vn('2025-03-13 13:30'), wh(4), at('2025-03-13', '07:30')],
    ['days', due('2025-03-14'), { amount: 3, unit: 'days' }, at('2025-03-11', '07:30')],
    ['months', due('2025-03-31'), { amount: 1, unit: 'months' }, at('2025-02-28', '07:30')],
    ['hours', vn('2025-03-14 10:00'), { amount: 24, unit: 'hours' }, at('2025-03-13', '10:00')],
    ['minutes', vn('2025-03-14 10:00'), { amount: 90, unit: 'minutes' }, at('2025-03-14', '08:30')],
  ])('%s', (_, dueAt, offset, expected) => {
    expect(fmt(cal.subtractForReminder(dueAt, offset))).toBe(expected);
  });
});

describe('extensionCutoff (Decree 118 Art. 19(6))', () => {
  it.each([
    ['2025-03-14 23:59:59.999', endOf('2025-03-13')],
    ['2025-03-17 23:59:59.999', endOf('2025-03-14')],
    ['2025-02-03 23:59:59.999', endOf('2025-01-24')],
    ['2025-09-03 10:00', endOf('2025-08-29')],
    ['2025-04-28 23:59:59.999', endOf('2025-04-26')],
  ])('due %s → %s', (dueAt, expected) => {
    expect(fmt(cal.extensionCutoff(vn(dueAt)))).toBe(expected);
  });
});

describe('transferDueAt (Decree 118 Art. 18(2))', () => {
  it.each([
    ['before the cut-off', '2025-03-11 14:59', undefined, at('2025-03-11', '17:00')],
    ['at 15:00 sharp is not after 15:00', '2025-03-11 15:00', undefined, at('2025-03-11', '17:00')],
    ['after the cut-off', '2025-03-11 15:01', undefined, at('2025-03-12', '11:30')],
    ['before opening', '2025-03-11 06:30', undefined, at('2025-03-11', '17:00')],
    [
      'after the cut-off on the Friday before Quốc khánh',
      '2025-08-29 15:30',
      undefined,
      at('2025-09-03', '11:30'),
    ],
    ['on a Saturday', '2025-03-15 10:00', undefined, at('2025-03-17', '11:30')],
    ['on a holiday', '2025-05-01 09:00', undefined, at('2025-05-05', '11:30')],
    ['a procedure with a 16:00 cut-off', '2025-03-11 15:30', '16:00', at('2025-03-11', '17:00')],
  ])('%s', (_, receivedAt, cutoff, expected) => {
    expect(fmt(cal.transferDueAt(vn(receivedAt), cutoff))).toBe(expected);
  });
});

describe('time remaining and overdue', () => {
  it('counts office minutes, signed', () => {
    expect(cal.workingTimeBetween(vn('2025-03-10 10:00'), vn('2025-03-10 14:00'))).toBe(120);
    expect(cal.workingTimeBetween(vn('2025-03-10 14:00'), vn('2025-03-10 10:00'))).toBe(-120);
    expect(cal.workingTimeBetween(vn('2025-03-14 16:00'), vn('2025-03-17 08:30'))).toBe(120);
    expect(cal.workingTimeBetween(vn('2025-04-29 16:00'), vn('2025-05-05 07:30'))).toBe(60);
    expect(cal.workingTimeBetween(vn('2025-03-10 12:00'), vn('2025-03-10 12:30'))).toBe(0);
    expect(Object.is(cal.workingTimeBetween(vn('2025-03-10 10:00:00.500'), vn('2025-03-10 10:00')), 0)).toBe(
      true,
    );
  });

  it('counts whole working days, signed', () => {
    expect(cal.workingDaysBetween(vn('2025-01-24 16:59'), vn('2025-02-03 23:59:59.999'))).toBe(1);
    expect(cal.workingDaysBetween(vn('2025-03-17 10:00'), vn('2025-03-14 23:59:59.999'))).toBe(-1);
    expect(cal.workingDaysBetween(vn('2025-03-10 08:00'), vn('2025-03-10 16:00'))).toBe(0);
    expect(cal.workingDaysBetween(vn('2025-03-10 08:00'), vn('2025-03-21 16:00'))).toBe(9);
  });
});

describe('office hours and helpers', () => {
  it.each([
    ['2025-03-10 07:30', true],
    ['2025-03-10 07:29:59.999', false],
    ['2025-03-10 11:30', false],
    ['2025-03-10 13:29', false],
    ['2025-03-10 16:59:59.999', true],
    ['2025-03-10 17:00', false],
    ['2025-03-08 09:00', false],
    ['2025-04-30 09:00', false],
    ['2025-04-26 09:00', true],
  ])('%s within office hours: %s', (moment, within) => {
    expect(cal.isWithinOfficeHours(vn(moment))).toBe(within);
  });

  it('finds the next opening and the end of the day', () => {
    expect(fmt(cal.startOfNextWorkingDay(vn('2025-01-24 10:00')))).toBe(at('2025-02-03', '07:30'));
    expect(fmt(cal.nextOfficeTime(vn('2025-03-10 12:00')))).toBe(at('2025-03-10', '13:30'));
    expect(fmt(cal.nextOfficeTime(vn('2025-03-14 17:30')))).toBe(at('2025-03-17', '07:30'));
    expect(fmt(cal.nextOfficeTime(vn('2025-03-14 10:15')))).toBe(at('2025-03-14', '10:15'));
    expect(fmt(cal.endOfDay(vn('2025-03-14 00:00')))).toBe(endOf('2025-03-14'));
  });

  it('uses custom office hours', () => {
    const saturdayMorning = new WorkingCalendar(
      buildCalendarSnapshot({
        kind: 'vn',
        fromYear: 2025,
        toYear: 2025,
        officeHours: [
          { start: '08:00', end: '12:00' },
          { start: '13:00', end: '17:00' },
        ],
      }),
    );
    expect(fmt(saturdayMorning.addDuration(vn('2025-03-10 11:00'), wh(2)))).toBe(at('2025-03-10', '14:00'));
    expect(fmt(saturdayMorning.subtractForReminder(vn('2025-03-14 23:00'), wd(1)))).toBe(
      at('2025-03-13', '08:00'),
    );
  });
});

describe('round-the-clock calendar', () => {
  const clock = new WorkingCalendar(buildCalendarSnapshot({ kind: '24x7', fromYear: 2025, toYear: 2026 }));

  it('treats every day and hour as working time', () => {
    expect(clock.isWorkingDay(vn('2025-01-29 10:00'))).toBe(true);
    expect(clock.isWithinOfficeHours(vn('2025-01-29 03:00'))).toBe(true);
    expect(fmt(clock.addDuration(vn('2025-01-25 10:00'), wd(1)))).toBe(endOf('2025-01-26'));
    expect(fmt(clock.addDuration(vn('2025-01-25 22:00'), wh(5)))).toBe(at('2025-01-26', '03:00'));
    expect(clock.workingTimeBetween(vn('2025-01-25 22:00'), vn('2025-01-27 22:00'))).toBe(48 * 60);
    expect(fmt(clock.subtractForReminder(vn('2025-01-27 10:00'), wd(1)))).toBe(at('2025-01-26', '00:00'));
  });
});

describe('formatting', () => {
  it('prints Vietnam time whatever the instant', () => {
    expect(formatVietnamTime(new Date('2026-11-23T16:59:59.999Z'))).toBe('2026-11-23T23:59:59.999+07:00');
    expect(formatVietnamDate(new Date('2025-12-31T18:00:00Z'))).toBe('01/01/2026');
    expect(formatVietnamDate(vn('2025-03-09 00:00'))).toBe('09/03/2025');
    expect(vietnamDateKey(new Date('2025-12-31T16:59:59.999Z'))).toBe('2025-12-31');
  });
});

describe('server time zone independence', () => {
  const original = process.env.TZ;
  afterAll(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  const sample = () => {
    // A fresh module per zone, so date-holidays recomputes instead of answering from the memo.
    let fresh!: typeof import('../../domain/calendar');
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module per TZ value
      fresh = require('../../domain/calendar') as typeof fresh;
    });
    const c = new fresh.WorkingCalendar(
      fresh.buildCalendarSnapshot({ kind: 'vn', fromYear: 2025, toYear: 2026 }),
    );
    const from = vn('2025-01-24 16:59');
    return [
      c.version,
      fmt(c.addDuration(from, wd(1))),
      fmt(c.addDuration(from, wh(9))),
      fmt(c.addDuration(from, { amount: 1, unit: 'months' })),
      fmt(c.subtractForReminder(vn('2025-05-05 23:59:59.999'), wd(3))),
      fmt(c.transferDueAt(vn('2025-08-29 15:30'))),
      formatVietnamDate(from),
      String(c.isWorkingDay(vn('2026-11-24 00:30'))),
    ];
  };

  it('gives the same answers in any TZ', () => {
    process.env.TZ = 'Asia/Ho_Chi_Minh';
    const reference = sample();
    expect(reference.slice(1, 3)).toEqual([endOf('2025-02-03'), at('2025-02-04', '08:59')]);
    for (const tz of [
      'UTC',
      'America/Los_Angeles',
      'Pacific/Kiritimati',
      'Asia/Kolkata',
      'Pacific/Pago_Pago',
    ]) {
      process.env.TZ = tz;
      expect(new Date(Date.UTC(2025, 0, 1)).getTimezoneOffset()).not.toBe(-420); // the TZ change took effect
      expect([tz, sample()]).toEqual([tz, reference]);
    }
  });
});

describe('snapshots', () => {
  it('is plain JSON with a content version', () => {
    expect(snapshot.version).toMatch(/^vn-2023\.\.2026-[0-9a-f]{8}$/);
    expect(snapshot).toMatchObject({
      id: 'vn',
      roundTheClock: false,
      officeHours: [
        { start: '07:30', end: '11:30' },
        { start: '13:30', end: '17:00' },
      ],
      weekendDays: [0, 6],
      fromYear: 2023,
      toYear: 2026,
      workingDates: ['2024-05-04', '2025-04-26', '2026-01-10'],
    });
    expect(snapshot.unannouncedYears).toBeUndefined();
    const copy = JSON.parse(JSON.stringify(snapshot)) as typeof snapshot;
    expect(copy).toEqual(snapshot);
    expect(fmt(new WorkingCalendar(copy).addDuration(vn('2025-01-24 16:59'), wd(1)))).toBe(
      endOf('2025-02-03'),
    );
  });

  it('is identical when rebuilt and changes with the data', () => {
    const again = buildCalendarSnapshot({ kind: 'vn', fromYear: 2023, toYear: 2026 });
    expect(again.version).toBe(snapshot.version);
    const announcement = vn2025 as YearAnnouncement;
    const edited: YearAnnouncement = {
      ...announcement,
      daysOff: [
        ...announcement.daysOff,
        { date: '2025-03-10', kind: 'extra', name: 'Nghỉ thêm', note: 'Thử nghiệm.', source: 'Thử nghiệm' },
      ],
    };
    const changed = buildCalendarSnapshot({
      kind: 'vn',
      fromYear: 2023,
      toYear: 2026,
      announcements: { 2025: edited },
    });
    expect(changed.version).not.toBe(snapshot.version);
    expect(new WorkingCalendar(changed).isWorkingDay(vn('2025-03-10 09:00'))).toBe(false);
  });

  it('needs an announcement for every year unless told otherwise', () => {
    expectCalendarError(
      () => buildCalendarSnapshot({ kind: 'vn', fromYear: 2025, toYear: 2028 }),
      'NO_CALENDAR_DATA',
      /no calendar data for 2028: add domain\/calendar\/data\/vn-2028\.json/,
    );
    const provisional = buildCalendarSnapshot({
      kind: 'vn',
      fromYear: 2025,
      toYear: 2028,
      allowUnannounced: true,
    });
    expect(provisional.version).toMatch(/^vn-2025\.\.2028-[0-9a-f]{8}$/);
    expect(provisional.unannouncedYears).toEqual([2028]);
    // date-holidays alone still knows the lunar new year (giao thừa 25/01/2028, mùng 1 26/01/2028).
    expect(new WorkingCalendar(provisional).isWorkingDay(vn('2028-01-25 09:00'))).toBe(false);
  });

  it('builds a round-the-clock snapshot without data files', () => {
    const clock = buildCalendarSnapshot({ kind: '24x7', fromYear: 2030, toYear: 2031 });
    expect(clock).toMatchObject({
      id: '24x7',
      roundTheClock: true,
      officeHours: [{ start: '00:00', end: '24:00' }],
      weekendDays: [],
      holidays: [],
      workingDates: [],
    });
    expect(clock.version).toMatch(/^24x7-2030\.\.2031-[0-9a-f]{8}$/);
  });
});

describe('typed errors', () => {
  const from = vn('2025-03-10 09:00');
  const withDayOff = (entry: object): Record<number, YearAnnouncement> => ({
    2025: { year: 2025, daysOff: [entry as YearAnnouncement['daysOff'][number]], workingDays: [] },
  });
  const build = (announcements: Record<number, YearAnnouncement>) => () =>
    buildCalendarSnapshot({ kind: 'vn', fromYear: 2025, toYear: 2025, announcements });

  it('UNKNOWN_UNIT', () => {
    expectCalendarError(
      () => cal.addDuration(from, { amount: 1, unit: 'weeks' as DurationUnit }),
      'UNKNOWN_UNIT',
      /unknown duration unit "weeks"/,
    );
    expectCalendarError(() => cal.subtractForReminder(from, { amount: 1 } as Duration), 'UNKNOWN_UNIT');
  });

  it.each([-1, 1.5, NaN, Infinity])('INVALID_AMOUNT for %s', (amount) => {
    expectCalendarError(() => cal.addDuration(from, { amount, unit: 'working_days' }), 'INVALID_AMOUNT');
    expectCalendarError(() => cal.subtractForReminder(from, { amount, unit: 'minutes' }), 'INVALID_AMOUNT');
  });

  it('INVALID_AMOUNT when the result is not a representable date', () => {
    expectCalendarError(() => cal.addDuration(from, { amount: 2 ** 52, unit: 'hours' }), 'INVALID_AMOUNT');
  });

  it('INVALID_DATE', () => {
    const bad = new Date('not a date');
    expectCalendarError(() => cal.addDuration(bad, wd(1)), 'INVALID_DATE', /invalid date/);
    expectCalendarError(() => cal.isWorkingDay(bad), 'INVALID_DATE');
    expectCalendarError(() => cal.workingTimeBetween(from, bad), 'INVALID_DATE');
    expectCalendarError(() => formatVietnamTime(bad), 'INVALID_DATE');
    expectCalendarError(() => cal.addDuration(undefined as unknown as Date, wd(1)), 'INVALID_DATE');
    expectCalendarError(
      () => build(withDayOff({ date: '2025-02-30', kind: 'extra', name: 'x', note: 'x', source: 'x' }))(),
      'INVALID_DATE',
      /vn-2025\.json daysOff\[0\]: "2025-02-30"/,
    );
    expectCalendarError(
      () =>
        build({
          2025: {
            year: 2025,
            daysOff: [],
            workingDays: [{ date: '2025-04-25', name: 'x', note: 'x', source: 'x' }],
          },
        })(),
      'INVALID_DATE',
      /2025-04-25 is not a weekend day/,
    );
    expectCalendarError(
      () => buildCalendarSnapshot({ kind: 'vn', fromYear: 2026, toYear: 2025 }),
      'INVALID_DATE',
    );
  });

  it('NO_CALENDAR_DATA', () => {
    expectCalendarError(() => cal.addDuration(vn('2026-12-20 09:00'), wd(30)), 'NO_CALENDAR_DATA', /2027/);
    expectCalendarError(() => cal.isWorkingDay(vn('2031-05-01 09:00')), 'NO_CALENDAR_DATA', /vn-2031\.json/);
    expectCalendarError(
      () => cal.subtractForReminder(vn('2023-01-03 09:00'), wd(5)),
      'NO_CALENDAR_DATA',
      /no calendar data for 2022/,
    );
    expectCalendarError(
      () => buildCalendarSnapshot({ kind: 'vn', fromYear: 2031, toYear: 2031 }),
      'NO_CALENDAR_DATA',
      /^no calendar data for 2031: add domain\/calendar\/data\/vn-2031\.json/,
    );
    expectCalendarError(
      () => build(withDayOff({ date: '2025-03-10', kind: 'extra', name: 'Nghỉ', note: 'x' }))(),
      'NO_CALENDAR_DATA',
      /vn-2025\.json: daysOff\[0\]: "source"/,
    );
    expectCalendarError(
      () => build(withDayOff({ date: '2025-03-10', kind: 'vacation', name: 'x', note: 'x', source: 'x' }))(),
      'NO_CALENDAR_DATA',
      /"kind" must be one of/,
    );
    expectCalendarError(
      () =>
        buildCalendarSnapshot({
          kind: 'vn',
          fromYear: 2026,
          toYear: 2026,
          announcements: {
            2026: {
              year: 2026,
              daysOff: [],
              workingDays: [{ date: '2026-04-26', name: 'x', note: 'x', source: 'x' }],
            },
          },
        }),
      'NO_CALENDAR_DATA',
      /2026-04-26 is both a day off and a working day/,
    );
  });

  it.each([
    [[{ start: '13:00', end: '12:00' }]],
    [[{ start: '7:30', end: '11:30' }]],
    [
      [
        { start: '07:30', end: '12:00' },
        { start: '11:30', end: '17:00' },
      ],
    ],
    [[{ start: '07:30', end: '24:01' }]],
    [[]],
  ])('INVALID_OFFICE_HOURS for %j', (officeHours) => {
    expectCalendarError(
      () => buildCalendarSnapshot({ kind: 'vn', fromYear: 2025, toYear: 2025, officeHours }),
      'INVALID_OFFICE_HOURS',
    );
  });

  it('INVALID_OFFICE_HOURS for a bad cut-off and a hand-made snapshot', () => {
    expectCalendarError(() => cal.transferDueAt(from, '25:00'), 'INVALID_OFFICE_HOURS', /"25:00"/);
    expectCalendarError(
      () => new WorkingCalendar({ ...snapshot, officeHours: [{ start: '17:00', end: '07:30' }] }),
      'INVALID_OFFICE_HOURS',
    );
  });
});

describe('workflow safety', () => {
  it('workflow-safe.ts never loads date-holidays', () => {
    jest.isolateModules(() => {
      jest.doMock('date-holidays', () => {
        throw new Error('workflow code must not import date-holidays');
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the mock is in place
      const safe = require('../../domain/calendar/workflow-safe') as Record<string, unknown>;
      expect(typeof safe.WorkingCalendar).toBe('function');
      expect(safe.buildCalendarSnapshot).toBeUndefined();
    });
  });
});
