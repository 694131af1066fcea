import type { CalendarKind, CalendarSnapshot, OfficeHours } from '../../domain/calendar/types';

/** The calendar a dossier lives by, to be built again on a newer publication: same kind, hours and years. */
export interface CalendarRebuild {
  publicationVersion: string;
  kind: CalendarKind;
  officeHours: OfficeHours[];
  fromYear: number;
  toYear: number;
}

export interface DossierPage {
  publicationVersion: string;
  taskQueue: string;
  pageSize: number;
  /** Base64 visibility page token; none for the first page. */
  pageToken?: string;
}

/** What the calendar publication asks of the outside world; workflows import this file as types only. */
export interface CalendarActivities {
  /** The snapshot on this worker's data, which must be the publication's (else it retries until deployed). */
  rebuildCalendar(input: CalendarRebuild): Promise<CalendarSnapshot>;
  /** Signals one visibility page of the running dossiers of a task queue; the next page's token, if any. */
  signalOpenDossiers(input: DossierPage): Promise<{ signalled: number; pageToken?: string }>;
}
