import { dossierCodeDay, formatDossierCode } from '../../domain/dossier-code';
import { FEEDBACK_SERIES, feedbackCodeDay, formatFeedbackCode } from '../../domain/feedback/code';
import type { Db } from './client';

/**
 * The next number of a daily sequence: a series (an agency identifier for dossier codes) and a
 * 'yyMMdd' day. One upsert that increments and returns the counter, atomic on SQLite (3.35+) and
 * PostgreSQL alike, so concurrent receptions never share a number; a new day starts a new row, hence 1.
 */
async function nextInDailySequence(db: Db, series: string, day: string): Promise<number> {
  const rows = await db.$queryRaw<Array<{ value: number | bigint }>>`
    INSERT INTO "CodeCounter" ("agencyIdentifier", "day", "value") VALUES (${series}, ${day}, 1)
    ON CONFLICT ("agencyIdentifier", "day") DO UPDATE SET "value" = "CodeCounter"."value" + 1
    RETURNING "value"`;
  return Number(rows[0].value);
}

/**
 * The next dossier code of an agency for the day of `receivedAt` (Vietnam time).
 * Throws DailySequenceExhaustedError past 9999.
 */
export async function nextDossierCode(db: Db, agencyIdentifier: string, receivedAt: Date): Promise<string> {
  const day = dossierCodeDay(receivedAt);
  const sequence = await nextInDailySequence(db, agencyIdentifier, day);
  return formatDossierCode({ agencyIdentifier, day, sequence });
}

/** The next feedback code of the day of `receivedAt`: a series of its own beside the agencies'. */
export async function nextFeedbackCode(db: Db, receivedAt: Date): Promise<string> {
  const day = feedbackCodeDay(receivedAt);
  return formatFeedbackCode(day, await nextInDailySequence(db, FEEDBACK_SERIES, day));
}
