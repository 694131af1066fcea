export * from './workflow-safe';
export { parseAnnouncement } from './announcement';
export { buildCalendarSnapshot, type BuildCalendarOptions } from './snapshot';
export { prepareCalendarPublication, type CalendarPublication } from './publication';
export { lastWorkingMorning } from './mornings';
