import { z } from 'zod';
import { CalendarError } from './errors';

/** Why a date is off, beyond what date-holidays already knows. */
export const DAY_OFF_KINDS = ['holiday', 'tet', 'compensatory', 'swapped', 'extra'] as const;

const text = z
  .string({ error: 'must be a non-empty text' })
  .refine((s) => s.trim() !== '', 'must be a non-empty text');

const announcedWorkingDaySchema = z.strictObject({
  /** Local date 'YYYY-MM-DD'. */
  date: z.iso.date({ error: (issue) => `${JSON.stringify(issue.input)} is not a date YYYY-MM-DD` }),
  name: text,
  /** Vietnamese note that also states how certain the entry is. */
  note: text,
  /** The notice or instrument announcing it. */
  source: text,
  /** Not announced yet: placed as the usual notices place it, to be replaced by the notice. */
  provisional: z.literal(true).optional(),
});

const announcedDayOffSchema = announcedWorkingDaySchema.extend({
  kind: z.enum(DAY_OFF_KINDS, { error: `must be one of ${DAY_OFF_KINDS.join(', ')}` }),
});

/** Shape of domain/calendar/data/vn-YYYY.json: what the Government announced for one year (docs/calendar.md). */
const yearAnnouncementSchema = z.strictObject({
  year: z.int(),
  description: z.string().optional(),
  daysOff: z.array(announcedDayOffSchema),
  workingDays: z.array(announcedWorkingDaySchema),
});

export type DayOffKind = (typeof DAY_OFF_KINDS)[number];
export type AnnouncedDayOff = z.infer<typeof announcedDayOffSchema>;
export type AnnouncedWorkingDay = z.infer<typeof announcedWorkingDaySchema>;
export type YearAnnouncement = z.infer<typeof yearAnnouncementSchema>;

const isWeekend = (date: string) => [0, 6].includes(new Date(date).getUTCDay());

/** Validates one data file, naming the file and entry so an agency can fix its own edit. */
export function parseAnnouncement(raw: unknown, year: number): YearAnnouncement {
  const result = yearAnnouncementSchema
    .superRefine((file, ctx) => {
      if (file.year !== year) ctx.addIssue({ code: 'custom', path: ['year'], message: `must be ${year}` });
      const seen = new Set<string>();
      for (const list of ['daysOff', 'workingDays'] as const) {
        file[list].forEach(({ date }, i) => {
          const path = [list, i, 'date'];
          if (!date.startsWith(`${year}-`)) {
            ctx.addIssue({ code: 'custom', path, message: `"${date}" is not a date in ${year}` });
          } else if (seen.has(date)) {
            ctx.addIssue({ code: 'custom', path: [list, i], message: `${date} is listed twice` });
          } else if (list === 'workingDays' && !isWeekend(date)) {
            // Only a weekend day can be turned into a working day; anything else is a typo in the file.
            ctx.addIssue({ code: 'custom', path, message: `${date} is not a weekend day` });
          }
          seen.add(date);
        });
      }
    })
    .safeParse(raw);
  if (result.success) return result.data;
  throw announcementError(year, result.error.issues[0]);
}

/** A bad date is INVALID_DATE, anything else in the file NO_CALENDAR_DATA (the file is unusable). */
function announcementError(year: number, issue: z.core.$ZodIssue): CalendarError {
  const file = `domain/calendar/data/vn-${year}.json`;
  const [list, index, field] = issue.path.map(String);
  const entry = index === undefined ? '' : `${list}[${index}]: `;
  if (field === 'date') return new CalendarError('INVALID_DATE', `${file} ${entry}${issue.message}`);
  const subject = field ?? (index === undefined ? list : undefined);
  return new CalendarError(
    'NO_CALENDAR_DATA',
    `unusable calendar data ${file}: ${entry}${subject === undefined ? '' : `"${subject}" `}${issue.message}`,
  );
}
