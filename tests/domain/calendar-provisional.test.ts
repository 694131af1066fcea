import { buildCalendarSnapshot, WorkingCalendar, type YearAnnouncement } from '../../domain/calendar';
import { ANNOUNCEMENTS } from '../../domain/calendar/data';

const vn = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+07:00`);
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
