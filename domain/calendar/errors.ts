import { DomainError } from '../errors';

export type CalendarErrorCode =
  'UNKNOWN_UNIT' | 'INVALID_AMOUNT' | 'INVALID_DATE' | 'NO_CALENDAR_DATA' | 'INVALID_OFFICE_HOURS';

/** Every calendar failure carries a code so callers (API, workflows) can map it without parsing messages. */
export class CalendarError extends DomainError<CalendarErrorCode> {}

export function noCalendarData(year: number, detail = ''): CalendarError {
  return new CalendarError(
    'NO_CALENDAR_DATA',
    `no calendar data for ${year}: add domain/calendar/data/vn-${year}.json${detail}`,
  );
}
