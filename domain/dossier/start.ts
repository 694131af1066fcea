import {
  buildCalendarSnapshot,
  type CalendarKind,
  type CalendarSnapshot,
  type OfficeHours,
} from '../calendar';
import { vietnamClock } from '../calendar/time';
import type { Procedure } from '../procedure';
import type { DossierStart } from './machine';

/** Snapshots of the procedure and the calendar: editing either later never changes a running dossier. */
export interface DossierWorkflowInput {
  start: DossierStart;
  procedure: Procedure;
  calendar: CalendarSnapshot;
  /** Report every change to the national portal (the deployment has one, or runs its simulator). */
  portalSync?: boolean;
  /**
   * Open a transaction on the national payment platform for a fee demand, and ask it after this long (then
   * twice as long each time) whether the citizen has paid, in case its callback never comes.
   */
  onlinePayment?: { firstQueryAfterMs: number };
}

/** Years of calendar a dossier carries: its life, extension and correction window fit well within them. */
const CALENDAR_YEARS = 3;

/** A deployment's own office hours, or a round-the-clock calendar for every procedure (demos, 24/7 desks). */
export interface CalendarOptions {
  officeHours?: OfficeHours[];
  kind?: CalendarKind;
}

/** The workflow input of a new dossier of `procedure`, with the calendar in force at submission. */
export function prepareDossier(
  procedure: Procedure,
  start: Omit<DossierStart, 'calendarVersion'>,
  options: CalendarOptions = {},
): DossierWorkflowInput {
  const calendar = receiptCalendar(procedure, start.submittedAt, options);
  return { start: { ...start, calendarVersion: calendar.version }, procedure, calendar };
}

/** The calendar a dossier of `procedure` submitted at `submittedAt` lives by, from that year on. */
export function receiptCalendar(
  procedure: Procedure,
  submittedAt: string,
  options: CalendarOptions = {},
): CalendarSnapshot {
  const year = vietnamClock(submittedAt).year;
  return buildCalendarSnapshot({
    kind: options.kind ?? procedure.calendar,
    officeHours: options.officeHours,
    fromYear: year,
    toYear: year + CALENDAR_YEARS - 1,
    // Later years are not announced yet: their statutory holidays stand until the yearly notice is added.
    allowUnannounced: true,
  });
}
