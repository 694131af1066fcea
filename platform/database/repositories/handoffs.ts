import type { Handoff } from '../../../generated/sqlite/client';
import type { Db } from '../client';

/** One hand-over of a dossier between agencies. */
export type HandoffRecord = Handoff;

/** The hand-overs of these dossiers, in order. */
export function handoffsOf(db: Db, dossierCodes: string[]): Promise<HandoffRecord[]> {
  return db.handoff.findMany({ where: { dossierCode: { in: dossierCodes } }, orderBy: { seq: 'asc' } });
}
