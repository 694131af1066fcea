import {
  buildCalendarSnapshot,
  WorkingCalendar,
  type AnnouncedDayOff,
  type YearAnnouncement,
} from '../../domain/calendar';
import { ANNOUNCEMENTS } from '../../domain/calendar/data';
import vn2027 from '../../domain/calendar/data/vn-2027.json';

const vn = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const endOf = (date: string) => new Date(`${date}T23:59:59.999+07:00`);
const days = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d <= new Date(`${to}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
};

describe('provisional Tết', () => {
  it.each([2023, 2024, 2025, 2026])('falls where the %i notice put Tết', (year) => {
    const official = ANNOUNCEMENTS[year] as YearAnnouncement;
    const withoutTet = { ...official, daysOff: official.daysOff.filter((d) => d.kind !== 'tet') };
    const build = (announcement: YearAnnouncement) =>
      new WorkingCalendar(
        buildCalendarSnapshot({
          kind: 'vn',
          fromYear: year,
          toYear: year,
          announcements: { [year]: announcement },
        }),
      );
    const [announced, provisional] = [build(official), build(withoutTet)];
    const offDays = (cal: WorkingCalendar) =>
      days(`${year}-01-01`, `${year}-03-31`).filter((d) => !cal.isWorkingDay(vn(`${d} 09:00`)));
    expect(offDays(provisional)).toEqual(offDays(announced));
  });

  it('gives an unannounced year five days and marks them', () => {
    const snapshot = buildCalendarSnapshot({
      kind: 'vn',
      fromYear: 2028,
      toYear: 2028,
      allowUnannounced: true,
    });
    // Mùng 1 is Wednesday 26/01/2028: Monday 24 to Friday 28, the eve and the first day being statutory.
    expect(snapshot.provisionalDates).toEqual(['2028-01-24', '2028-01-27', '2028-01-28']);
    const cal = new WorkingCalendar(snapshot);
    expect(days('2028-01-21', '2028-01-31').filter((d) => !cal.isWorkingDay(vn(`${d} 09:00`)))).toEqual(
      days('2028-01-22', '2028-01-30'),
    );
    expect(cal.holidayName(vn('2028-01-24 09:00'))).toBe('Nghỉ Tết Nguyên đán (dự kiến, chưa có thông báo)');
  });

  it('keeps the version of calendars without provisional days', () => {
    const snapshot = buildCalendarSnapshot({ kind: 'vn', fromYear: 2025, toYear: 2026 });
    expect(snapshot).not.toHaveProperty('provisionalDates');
    const cal = new WorkingCalendar(snapshot);
    expect(cal.provisionalDatesBetween(vn('2025-01-01 08:00'), vn('2026-12-31 17:00'))).toEqual([]);
  });
});

describe('a dossier received 2027-01-25 with a 20-working-day limit', () => {
  const receivedAt = vn('2027-01-25 09:00');
  const limit = { amount: 20, unit: 'working_days' } as const;

  it('crosses the provisional Tết 2027 and says so', () => {
    const cal = new WorkingCalendar(buildCalendarSnapshot({ kind: 'vn', fromYear: 2027, toYear: 2027 }));
    const due = cal.addDuration(receivedAt, limit);
    // Tết off Thursday 04/02 to Wednesday 10/02/2027: five working days, so the limit ends on 1 March.
    expect(due).toEqual(endOf('2027-03-01'));
    expect(cal.workingDaysBetween(vn('2027-02-03 09:00'), vn('2027-02-11 09:00'))).toBe(1);
    expect(cal.provisionalDatesBetween(receivedAt, due)).toEqual([
      '2027-02-04',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
    ]);
    // The span can be asked either way round; a due date short of Tết is firm.
    expect(cal.provisionalDatesBetween(due, receivedAt)).toHaveLength(4);
    expect(
      cal.provisionalDatesBetween(
        receivedAt,
        cal.addDuration(receivedAt, { amount: 7, unit: 'working_days' }),
      ),
    ).toEqual([]);
  });

  it('moves once an official notice places the days differently', () => {
    // A notice as the 2024 one: six weekdays off, Wednesday 03/02 to Wednesday 10/02, one Saturday worked back.
    const tet = (date: string): AnnouncedDayOff => ({
      date,
      kind: 'tet',
      name: 'Nghỉ Tết Nguyên đán Đinh Mùi',
      note: 'Thử nghiệm.',
      source: 'Thông báo thử nghiệm',
    });
    const official: YearAnnouncement = {
      ...(vn2027 as YearAnnouncement),
      daysOff: [...days('2027-02-03', '2027-02-10').map(tet), ...(vn2027 as YearAnnouncement).daysOff],
      workingDays: [
        { date: '2027-03-13', name: 'Làm bù', note: 'Thử nghiệm.', source: 'Thông báo thử nghiệm' },
      ],
    };
    const snapshot = buildCalendarSnapshot({
      kind: 'vn',
      fromYear: 2027,
      toYear: 2027,
      announcements: { 2027: official },
    });
    const cal = new WorkingCalendar(snapshot);
    const due = cal.addDuration(receivedAt, limit);
    expect(due).toEqual(endOf('2027-03-02'));
    expect(cal.provisionalDatesBetween(receivedAt, due)).toEqual([]);
    expect(snapshot.provisionalDates).toContain('2027-09-03');
  });
});
