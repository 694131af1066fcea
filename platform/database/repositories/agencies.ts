import type { Agency as AgencyRow } from '../../../generated/sqlite/client';
import type { Agency } from '../../../domain/agencies';
import type { Db } from '../client';
import { retryOnConflict } from '../errors';

export type AgencyRecord = AgencyRow;

export function allAgencies(db: Db): Promise<AgencyRecord[]> {
  return db.agency.findMany();
}

export function agencyByCode(db: Db, code: string): Promise<AgencyRecord | null> {
  return db.agency.findUnique({ where: { code } });
}

type Contacts = Pick<Agency, 'email' | 'phone'>;

/**
 * Writes the deployment's agency directory into the database, where the forms, staff accounts and
 * alerts read it; safe on every start and in several processes at once. The directory owns each agency's
 * identity; contacts it leaves out stay as they are (`contactsOnCreate` fills them for a new row).
 * Agencies missing from the directory are kept: dossiers and accounts still name them.
 */
export async function syncAgencyDirectory(
  db: Db,
  agencies: readonly Agency[],
  contactsOnCreate?: (agency: Agency, index: number) => Contacts,
): Promise<void> {
  for (const [index, agency] of agencies.entries()) {
    const { code, identifier, name, kind, level, email, phone } = agency;
    const given = { ...(email && { email }), ...(phone && { phone }) };
    await retryOnConflict(() =>
      db.agency.upsert({
        where: { code },
        create: { code, identifier, name, kind, level, ...contactsOnCreate?.(agency, index), ...given },
        update: { identifier, name, kind, level, ...given },
      }),
    );
  }
}
