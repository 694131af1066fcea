import * as fc from 'fast-check';
import type { Duration, DurationUnit } from '../../domain/duration';
import { buildCalendarSnapshot, WorkingCalendar, type YearAnnouncement } from '../../domain/calendar';
import vn2025 from '../../domain/calendar/data/vn-2025.json';

const cal = new WorkingCalendar(buildCalendarSnapshot({ kind: 'vn', fromYear: 2023, toYear: 2026 }));
const clock = new WorkingCalendar(buildCalendarSnapshot({ kind: '24x7', fromYear: 2023, toYear: 2026 }));

// Receipts from 2023 to mid-2026, so that limits of up to 60 working days or 5 months stay inside the snapshot.
const moment = fc
  .integer({ min: Date.parse('2023-01-01T00:00:00+07:00'), max: Date.parse('2026-06-30T23:59:59.999+07:00') })
  .map((ms) => new Date(ms));
const officeMoment = moment.map((d) => cal.nextOfficeTime(d));
// Drawn by name so that a counterexample prints 'vn' rather than the whole lookup table.
const calendars = fc.constantFrom('vn', '24x7').map((kind) => (kind === 'vn' ? cal : clock));
const add = (c: WorkingCalendar, from: Date, amount: number, unit: DurationUnit): Date =>
  c.addDuration(from, { amount, unit });

describe('calendar properties', () => {
  it('working days chain: adding b to the end-of-day result of a (a ≥ 1) equals adding a + b', () => {
    fc.assert(
      fc.property(
        calendars,
        moment,
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        (c, x, a, b) => {
          const first = add(c, x, a, 'working_days');
          expect(add(c, first, b, 'working_days').getTime()).toBe(add(c, x, a + b, 'working_days').getTime());
        },
      ),
    );
  });

  it.each<DurationUnit>(['working_hours', 'hours', 'minutes'])('%s chain for any a, b ≥ 0', (unit) => {
    fc.assert(
      fc.property(calendars, moment, fc.nat(300), fc.nat(300), (c, x, a, b) => {
        expect(add(c, add(c, x, a, unit), b, unit).getTime()).toBe(add(c, x, a + b, unit).getTime());
      }),
    );
  });

  const maxAmount = (unit: DurationUnit) => (unit === 'months' ? 5 : 60);

  it.each<DurationUnit>(['working_days', 'working_hours', 'days', 'months', 'hours', 'minutes'])(
    '%s is monotonic in the amount',
    (unit) => {
      fc.assert(
        fc.property(calendars, moment, fc.nat(maxAmount(unit)), fc.nat(maxAmount(unit)), (c, x, m, n) => {
          const [lo, hi] = m <= n ? [m, n] : [n, m];
          expect(add(c, x, lo, unit).getTime()).toBeLessThanOrEqual(add(c, x, hi, unit).getTime());
          expect(add(c, x, lo, unit).getTime()).toBeGreaterThanOrEqual(x.getTime());
        }),
      );
    },
  );

  it.each<DurationUnit>(['working_days', 'days', 'months'])(
    'a %s limit ends at 23:59:59.999 of a working day',
    (unit) => {
      fc.assert(
        fc.property(moment, fc.nat(maxAmount(unit)), (x, n) => {
          const due = add(cal, x, n, unit);
          expect(cal.isWorkingDay(due)).toBe(true);
          expect(cal.endOfDay(due).getTime()).toBe(due.getTime());
        }),
      );
    },
  );

  it('N working hours from a moment in office hours are N × 60 working minutes', () => {
    fc.assert(
      fc.property(calendars, officeMoment, fc.nat(400), (c, from, n) => {
        expect(c.workingTimeBetween(from, add(c, from, n, 'working_hours'))).toBe(n * 60);
      }),
    );
  });

  it('working time is antisymmetric and additive', () => {
    fc.assert(
      fc.property(moment, moment, moment, (a, b, m) => {
        expect(cal.workingTimeBetween(b, a) + cal.workingTimeBetween(a, b)).toBe(0);
        expect(cal.workingDaysBetween(b, a) + cal.workingDaysBetween(a, b)).toBe(0);
        expect(cal.workingDaysBetween(a, m) + cal.workingDaysBetween(m, b)).toBe(
          cal.workingDaysBetween(a, b),
        );
      }),
    );
  });

  it('workingDaysBetween counts the days addDuration added', () => {
    fc.assert(
      fc.property(calendars, moment, fc.integer({ min: 1, max: 60 }), (c, x, n) => {
        expect(c.workingDaysBetween(x, add(c, x, n, 'working_days'))).toBe(n);
      }),
    );
  });

  it('a working-hour reminder undoes the addition from office hours', () => {
    fc.assert(
      fc.property(officeMoment, fc.nat(400), (from, n) => {
        const offset: Duration = { amount: n, unit: 'working_hours' };
        expect(cal.subtractForReminder(cal.addDuration(from, offset), offset).getTime()).toBe(from.getTime());
      }),
    );
  });

  it('working-day reminders fire at an opening on a working day before the due date', () => {
    fc.assert(
      fc.property(moment, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), (x, n, k) => {
        const due = add(cal, x, n + k, 'working_days');
        const reminder = cal.subtractForReminder(due, { amount: k, unit: 'working_days' });
        expect(cal.isWithinOfficeHours(reminder)).toBe(true);
        expect(cal.workingDaysBetween(reminder, due)).toBe(k);
        expect(cal.extensionCutoff(due).getTime()).toBeLessThan(due.getTime());
        expect(cal.workingDaysBetween(cal.extensionCutoff(due), due)).toBe(1);
      }),
    );
  });

  it('the snapshot version is stable and changes with any added day off', () => {
    const base = buildCalendarSnapshot({ kind: 'vn', fromYear: 2025, toYear: 2025 }).version;
    const announcement = vn2025 as YearAnnouncement;
    const taken = new Set(announcement.daysOff.map((d) => d.date));
    const day = fc
      .integer({ min: 0, max: 364 })
      .map((i) => new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10))
      .filter((date) => !taken.has(date) && date !== '2025-04-26');
    fc.assert(
      fc.property(day, (date) => {
        const announcements = {
          2025: {
            ...announcement,
            daysOff: [
              ...announcement.daysOff,
              { date, kind: 'extra' as const, name: 'Nghỉ thêm', note: 'x', source: 'x' },
            ],
          },
        };
        const build = () =>
          buildCalendarSnapshot({ kind: 'vn', fromYear: 2025, toYear: 2025, announcements });
        expect(build().version).toBe(build().version);
        expect(build().version).not.toBe(base);
      }),
      { numRuns: 50 },
    );
    expect(buildCalendarSnapshot({ kind: 'vn', fromYear: 2025, toYear: 2025 }).version).toBe(base);
  });
});
