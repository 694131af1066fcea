import type { Db } from '../client';

export interface DossierFileRecord {
  dossierCode: string;
  position: number;
  sha256: string;
  size: number;
  mediaType: string;
  fileName: string | null;
  attachedBy: string;
  attachedAt: Date;
}

export type NewDossierFile = Omit<DossierFileRecord, 'attachedAt' | 'fileName'> & { fileName?: string };

/** Records files whose bytes the document store already holds, all or none. */
export async function insertDossierFiles(db: Db, files: NewDossierFile[]): Promise<void> {
  if (files.length === 0) return;
  await db.$transaction(files.map((data) => db.dossierFile.create({ data })));
}

/** Each component's current file (the latest attached), by position. */
export async function currentDossierFiles(
  db: Db,
  dossierCode: string,
): Promise<Map<number, DossierFileRecord>> {
  const rows = await db.dossierFile.findMany({ where: { dossierCode }, orderBy: { id: 'asc' } });
  return new Map(rows.map((row) => [row.position, row]));
}
