import type { DossierCorrection } from '../../../generated/sqlite/client';
import type { Db } from '../client';

export type CorrectionRecord = DossierCorrection;

/** The newest workflow version the correction's row shows; undefined before the row exists. */
export async function correctionProjectionVersion(
  db: Db,
  dossierCode: string,
  seq: number,
): Promise<number | undefined> {
  const row = await db.dossierCorrection.findUnique({
    where: { dossierCode_seq: { dossierCode, seq } },
    select: { projectionVersion: true },
  });
  return row?.projectionVersion;
}

/** The dossier's corrections (F9), first requested first. */
export function correctionsOfDossier(db: Db, dossierCode: string): Promise<CorrectionRecord[]> {
  return db.dossierCorrection.findMany({ where: { dossierCode }, orderBy: { seq: 'asc' } });
}
