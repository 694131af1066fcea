import { parseAnnouncement, type YearAnnouncement } from './announcement';
import { ANNOUNCEMENTS } from './data';
import { fnv1a } from './snapshot';

/**
 * A calendar version as `npm run calendar:publish` hands it to running dossiers: the validated yearly
 * notices, and a content hash that names the publication (docs/calendar.md).
 */
export interface CalendarPublication {
  /** `pub-<8 hex content hash>` of the announcements. */
  version: string;
  announcements: Record<number, YearAnnouncement>;
}

/** Validates every year with the announcement schema; the bundled data files unless others are given. */
export function prepareCalendarPublication(
  raw: Readonly<Record<number, unknown>> = ANNOUNCEMENTS,
): CalendarPublication {
  const announcements: Record<number, YearAnnouncement> = {};
  for (const year of Object.keys(raw).map(Number).sort()) {
    announcements[year] = parseAnnouncement(raw[year], year);
  }
  return { version: `pub-${fnv1a(JSON.stringify(announcements))}`, announcements };
}
