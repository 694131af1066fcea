import type { DossierCorrection } from '../../../generated/sqlite/client';
import type { Db } from '../client';

export type CorrectionRecord = DossierCorrection;

/** The dossier's corrections (F9), first requested first. */
export function correctionsOfDossier(db: Db, dossierCode: string): Promise<CorrectionRecord[]> {
  return db.dossierCorrection.findMany({ where: { dossierCode }, orderBy: { seq: 'asc' } });
}
