import { WorkingCalendar } from './workflow-safe';
import { buildCalendarSnapshot } from './snapshot';

/**
 * 09:00 of the last working day before `now`'s day, Vietnam time: a counter receipt backdated to it moves
 * on at once (before the 15:00 cut-off), so working-calendar dossiers can be processed at any hour.
 */
export function lastWorkingMorning(now: Date): Date {
  const year = new Date(now.getTime() + 7 * 3_600_000).getUTCFullYear();
  const calendar = new WorkingCalendar(
    buildCalendarSnapshot({ kind: 'vn', fromYear: year - 1, toYear: year, allowUnannounced: true }),
  );
  const today = new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  for (let day = new Date(`${today}T09:00:00+07:00`); ;) {
    day = new Date(day.getTime() - 86_400_000);
    if (calendar.isWorkingDay(day)) return day;
  }
}
