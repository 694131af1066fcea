export * from './workflow-safe';
export { parseAnnouncement } from './announcement';
export { buildCalendarSnapshot, type BuildCalendarOptions } from './snapshot';
export { lastWorkingMorning } from './mornings';
