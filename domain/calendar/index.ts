export * from './workflow-safe';
export { buildCalendarSnapshot, parseAnnouncement, type BuildCalendarOptions } from './snapshot';
