import type { Agency } from '../../../generated/sqlite/client';
import type { Db } from '../client';

export type AgencyRecord = Agency;

export function allAgencies(db: Db): Promise<AgencyRecord[]> {
  return db.agency.findMany();
}

export function agencyByCode(db: Db, code: string): Promise<AgencyRecord | null> {
  return db.agency.findUnique({ where: { code } });
}
