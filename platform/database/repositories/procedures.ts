import type { Db } from '../client';

/** The stored definitions (JSON) of these procedures, by code. */
export async function procedureDefinitions(db: Db, codes: string[]): Promise<Map<string, unknown>> {
  const rows = await db.procedure.findMany({
    where: { code: { in: codes } },
    select: { code: true, definition: true },
  });
  return new Map(rows.map((row) => [row.code, row.definition]));
}
