/** 'vn': civil-service working days; '24x7': limits that run round the clock (e.g. automated steps). */
export type CalendarKind = 'vn' | '24x7';

/** One office session in Vietnam local time, 'HH:MM' (end may be '24:00'). */
export interface OfficeHours {
  start: string;
  end: string;
}

export interface CalendarHoliday {
  /** Local date 'YYYY-MM-DD'. */
  date: string;
  name: string;
}

/**
 * Everything the arithmetic needs, as plain JSON so a workflow can receive it as an input and keep
 * computing the same due dates after the data files change (the version is stored with each due date).
 */
export interface CalendarSnapshot {
  id: CalendarKind;
  /** `<id>-<fromYear>..<toYear>-<8 hex content hash>`. */
  version: string;
  roundTheClock: boolean;
  officeHours: OfficeHours[];
  /** 0 = Sunday … 6 = Saturday. */
  weekendDays: number[];
  fromYear: number;
  toYear: number;
  /** Non-working dates: statutory holidays and announced days off. */
  holidays: CalendarHoliday[];
  /** Weekend dates announced as working days (swapped Saturdays). */
  workingDates: string[];
  /** Years built from statutory holidays only because no announcement file existed (allowUnannounced). */
  unannouncedYears?: number[];
  /**
   * Dates whose status no notice has fixed yet (a provisional Tết, an unannounced adjacent day): a due
   * date computed across one may move when the notice is published.
   */
  provisionalDates?: string[];
}

export type { AnnouncedDayOff, AnnouncedWorkingDay, DayOffKind, YearAnnouncement } from './announcement';
