import { buildCalendarSnapshot, type CalendarSnapshot } from '../calendar';
import { vietnamClock } from '../calendar/time';
import type { CalendarOptions } from '../dossier/start';
import type { FeedbackStart } from './machine';

/** A case carries the calendar in force when it came in: editing the calendar never moves its limits. */
export interface FeedbackWorkflowInput {
  start: FeedbackStart;
  calendar: CalendarSnapshot;
}

/** Its life, supplement and rating windows fit well within two years. */
const CALENDAR_YEARS = 2;

export function prepareFeedback(
  start: Omit<FeedbackStart, 'calendarVersion'>,
  options: CalendarOptions = {},
): FeedbackWorkflowInput {
  const year = vietnamClock(start.receivedAt).year;
  const calendar = buildCalendarSnapshot({
    kind: options.kind ?? 'vn',
    officeHours: options.officeHours,
    fromYear: year,
    toYear: year + CALENDAR_YEARS - 1,
    allowUnannounced: true,
  });
  return { start: { ...start, calendarVersion: calendar.version }, calendar };
}
