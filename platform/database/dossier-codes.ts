import { dossierCodeDay, formatDossierCode } from '../../domain/dossier-code';
import type { Db } from './client';

/**
 * The next dossier code of an agency for the day of `receivedAt` (Vietnam time). One upsert that
 * increments and returns the counter, atomic on SQLite (3.35+) and PostgreSQL alike, so concurrent
 * receptions never share a code; a new day starts a new row, hence sequence 0001.
 * Throws DailySequenceExhaustedError past 9999.
 */
export async function nextDossierCode(db: Db, agencyIdentifier: string, receivedAt: Date): Promise<string> {
  const day = dossierCodeDay(receivedAt);
  const rows = await db.$queryRaw<Array<{ value: number | bigint }>>`
    INSERT INTO "CodeCounter" ("agencyIdentifier", "day", "value") VALUES (${agencyIdentifier}, ${day}, 1)
    ON CONFLICT ("agencyIdentifier", "day") DO UPDATE SET "value" = "CodeCounter"."value" + 1
    RETURNING "value"`;
  return formatDossierCode({ agencyIdentifier, day, sequence: Number(rows[0].value) });
}
