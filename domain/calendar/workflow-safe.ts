/**
 * What Temporal workflow code may import: the arithmetic and its types only. The snapshot builder
 * (date-holidays, data files) stays out of the workflow bundle; workflows receive a built snapshot.
 */
export { WorkingCalendar } from './calendar';
export { CalendarError, type CalendarErrorCode } from './errors';
export { VN_OFFICE_HOURS, ROUND_THE_CLOCK_HOURS } from './office-hours';
export {
  formatVietnamDate,
  formatVietnamTime,
  vietnamClock,
  vietnamDateKey,
  vietnamDayEnd,
  vietnamDayStart,
  vietnamTimeOfDay,
  type VietnamClock,
} from './time';
export type * from './types';
