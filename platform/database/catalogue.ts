import { createHash } from 'node:crypto';
import type { Procedure } from '../../domain/procedure';
import type { Prisma } from '../../generated/sqlite/client';
import type { Db } from './client';

/** A definition's fingerprint: the catalogue row changes only when the procedure file does. */
export function procedureVersionHash(procedure: Procedure): string {
  return createHash('sha256').update(JSON.stringify(procedure)).digest('hex').slice(0, 16);
}

/** Mirrors procedures/ into the Procedure table, so the read model and reports can join on it. */
export async function syncProcedureCatalogue(db: Db, procedures: readonly Procedure[]): Promise<void> {
  for (const procedure of procedures) {
    const row = {
      name: procedure.name,
      sector: procedure.sector,
      level: procedure.level,
      definition: JSON.parse(JSON.stringify(procedure)) as Prisma.InputJsonValue,
      versionHash: procedureVersionHash(procedure),
      syncedAt: new Date(),
    };
    await db.procedure.upsert({
      where: { code: procedure.code },
      create: { code: procedure.code, ...row },
      update: row,
    });
  }
}
