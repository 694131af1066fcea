import type { Dossier, Prisma } from '../../../generated/sqlite/client';
import type { Db } from '../client';
import { isUniqueViolation } from '../errors';

/**
 * The writes the worker's activities make. Activities run at least once and may finish out of order,
 * so each write is idempotent and none depends on another having happened first.
 */

/** Written once by the API at reception: the applicant's personal data never passes through Temporal. */
type ReceptionColumn =
  | 'applicantName'
  | 'applicantIdNumber'
  | 'applicantPhone'
  | 'applicantEmail'
  | 'applicantAddress'
  | 'accessCodeHash'
  | 'accessCodeSealed'
  | 'procedureVersionHash';

/**
 * The read-model row as the workflow sees it: every workflow-owned field given (null to clear), so no
 * stale value survives; the reception columns may be left out and then keep what the API stored.
 */
export type DossierProjection = Omit<
  Dossier,
  'createdAt' | 'updatedAt' | 'documents' | 'steps' | ReceptionColumn
> &
  Partial<Pick<Dossier, ReceptionColumn>> & {
    documents: Prisma.InputJsonValue;
    steps: Prisma.InputJsonValue;
  };

export type DossierEventInput = Omit<Prisma.DossierEventUncheckedCreateInput, 'id'>;

/** Fields left undefined keep their stored value, so a late retry of an earlier step erases nothing. */
export type HandoffInput = Omit<Prisma.HandoffUncheckedCreateInput, 'id'>;

/**
 * Stores the projection unless the stored one has the same or a higher projectionVersion.
 * Returns whether it was stored.
 */
export async function upsertDossierProjection(db: Db, projection: DossierProjection): Promise<boolean> {
  return writeNewer(
    () =>
      db.dossier.updateMany({
        where: { code: projection.code, projectionVersion: { lt: projection.projectionVersion } },
        data: projection,
      }),
    // Only a dossier started straight on Temporal (benchmarks, tests) has no reception row to update.
    () =>
      db.dossier.create({
        data: { applicantName: '', applicantIdNumber: '', procedureVersionHash: '', ...projection },
      }),
  );
}

export type StepHolderProjection = Omit<
  Prisma.StepHolderUncheckedCreateInput,
  'dossierCode' | 'projectionVersion'
>;

/**
 * Every step's holder row at this projection's version; a row already at that version or a newer one
 * stays. Written after the dossier row (whose key they name).
 */
export async function upsertStepHolders(
  db: Db,
  dossierCode: string,
  projectionVersion: number,
  holders: readonly StepHolderProjection[],
): Promise<void> {
  for (const holder of holders) {
    const data = { ...holder, dossierCode, projectionVersion };
    await writeNewer(
      () =>
        db.stepHolder.updateMany({
          where: { dossierCode, stepId: holder.stepId, projectionVersion: { lt: projectionVersion } },
          data,
        }),
      () => db.stepHolder.create({ data }),
    );
  }
}

export type CorrectionProjection = Prisma.DossierCorrectionUncheckedCreateInput;

/** Stores a correction's row unless the stored one is at the same or a higher version. */
export async function upsertCorrectionProjection(db: Db, projection: CorrectionProjection): Promise<void> {
  const { dossierCode, seq, projectionVersion } = projection;
  await writeNewer(
    () =>
      db.dossierCorrection.updateMany({
        where: { dossierCode, seq, projectionVersion: { lt: projectionVersion } },
        data: projection,
      }),
    () => db.dossierCorrection.create({ data: projection }),
  );
}

/** Replaces an older row, or creates it; a row created at the same moment by another write is retried once. */
async function writeNewer(replaceOlder: () => Promise<{ count: number }>, create: () => Promise<unknown>) {
  if ((await replaceOlder()).count > 0) return true;
  try {
    await create();
    return true;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The row exists (or was just created by a concurrent write): the version guard decides.
    return (await replaceOlder()).count > 0;
  }
}

/** Appends the event unless one with its key exists. Returns whether it was appended. */
export async function appendDossierEvent(db: Db, event: DossierEventInput): Promise<boolean> {
  try {
    await db.dossierEvent.create({ data: event });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Creates the hand-over row of its key, or brings it up to date. */
export async function upsertHandoff(db: Db, handoff: HandoffInput): Promise<void> {
  const { key, ...fields } = handoff;
  await db.handoff.upsert({ where: { key }, create: handoff, update: fields });
}
