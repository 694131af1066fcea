import type { DossierEvent } from '../../../generated/sqlite/client';
import type { Db } from '../client';
import { readPage, type Page, type PageWindow } from './page';

/** One entry of a dossier's audit trail. */
export type DossierEventRecord = DossierEvent;

/** Which of these event keys the audit trail holds already. */
export async function storedEventKeys(db: Db, keys: string[]): Promise<Set<string>> {
  const stored = await db.dossierEvent.findMany({ where: { key: { in: keys } }, select: { key: true } });
  return new Set(stored.map((event) => event.key));
}

/** A dossier's audit trail, oldest first. */
export async function dossierEventPage(
  db: Db,
  dossierCode: string,
  window: PageWindow,
): Promise<Page<DossierEventRecord>> {
  const where = { dossierCode };
  return readPage(
    db.dossierEvent.count({ where }),
    db.dossierEvent.findMany({ where, orderBy: [{ at: 'asc' }, { id: 'asc' }], ...window }),
  );
}

/** The latest applied event of one of these actions. */
export function lastAppliedEvent(
  db: Db,
  dossierCode: string,
  actions: string[],
): Promise<DossierEventRecord | null> {
  return db.dossierEvent.findFirst({
    where: { dossierCode, action: { in: actions }, outcome: 'applied' },
    orderBy: { at: 'desc' },
  });
}
