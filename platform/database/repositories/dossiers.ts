import type { StepState, SubmittedDocument } from '../../../domain/dossier/types';
import type { Dossier, Prisma } from '../../../generated/sqlite/client';
import type { Db } from '../client';
import { readPage, type Page, type PageWindow } from './page';

/** A dossier's read-model row; `documents` and `steps` are JSON as the workflow last reported them. */
export type DossierRecord = Dossier;

/** The row the API writes at reception, before the workflow's first projection replaces its state. */
export type ReceivedDossier = Omit<
  Prisma.DossierUncheckedCreateInput,
  'documents' | 'steps' | 'createdAt' | 'updatedAt'
> & { documents: SubmittedDocument[]; steps: StepState[] };

export function findDossier(db: Db, code: string): Promise<DossierRecord | null> {
  return db.dossier.findUnique({ where: { code } });
}

/** The newest workflow version the row shows; undefined before the row exists. */
export async function dossierProjectionVersion(db: Db, code: string): Promise<number | undefined> {
  return (await db.dossier.findUnique({ where: { code }, select: { projectionVersion: true } }))
    ?.projectionVersion;
}

export async function insertReceivedDossier(db: Db, dossier: ReceivedDossier): Promise<void> {
  const { documents, steps, ...columns } = dossier;
  await db.dossier.create({
    data: {
      ...columns,
      documents,
      steps: steps as unknown as Prisma.InputJsonValue,
    },
  });
}

export async function dossierExists(db: Db, code: string): Promise<boolean> {
  return (await db.dossier.count({ where: { code } })) > 0;
}

export async function deleteDossier(db: Db, code: string): Promise<void> {
  await db.dossier.delete({ where: { code } });
}

/** The worklist's columns: what the list query selects, nothing heavier. */
const WORKLIST_COLUMNS = {
  code: true,
  procedureCode: true,
  procedureName: true,
  channel: true,
  statusKey: true,
  applicantName: true,
  receivingAgencyCode: true,
  currentAgencyCode: true,
  submittedAt: true,
  receivedAt: true,
  dueAt: true,
  dueAtProvisional: true,
  overdue: true,
} as const;

export type WorklistRecord = Pick<Dossier, keyof typeof WORKLIST_COLUMNS>;

/** Every condition given must hold. */
export interface WorklistFilter {
  /** Each of these agencies holds the dossier now or received it. */
  agencies: string[];
  statuses?: string[];
  procedureCode?: string;
  overdue?: boolean;
  dueBefore?: Date;
  /** A code prefix or part of the applicant's name. */
  text?: string;
  /** Holding a current step assigned to this user. */
  assignee?: string;
}

/** A page of the worklist, most urgent first (due date, then code). */
export async function worklistPage(
  db: Db,
  filter: WorklistFilter,
  window: PageWindow,
): Promise<Page<WorklistRecord>> {
  const where = worklistWhere(filter);
  return readPage(
    db.dossier.count({ where }),
    db.dossier.findMany({
      where,
      select: WORKLIST_COLUMNS,
      orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { code: 'asc' }],
      ...window,
    }),
  );
}

function worklistWhere(filter: WorklistFilter): Prisma.DossierWhereInput {
  const conditions: Prisma.DossierWhereInput[] = filter.agencies.map((agency) => ({
    // Every agency of a parallel phase holds the dossier; currentAgencyCode covers rows projected before
    // step holders were kept.
    OR: [
      { holders: { some: { agencyCode: agency, active: true } } },
      { currentAgencyCode: agency },
      { receivingAgencyCode: agency },
    ],
  }));
  if (filter.assignee) conditions.push({ holders: { some: { assignee: filter.assignee, active: true } } });
  if (filter.statuses) conditions.push({ statusKey: { in: filter.statuses } });
  if (filter.procedureCode) conditions.push({ procedureCode: filter.procedureCode });
  if (filter.overdue !== undefined) conditions.push({ overdue: filter.overdue });
  if (filter.dueBefore) conditions.push({ dueAt: { lt: filter.dueBefore } });
  if (filter.text) {
    conditions.push({
      OR: [{ code: { startsWith: filter.text } }, { applicantName: { contains: filter.text } }],
    });
  }
  return { AND: conditions };
}

/** The dossiers a desk received in a period, in order of receipt. */
export function dossiersReceivedBy(
  db: Db,
  agencyCode: string,
  period: { from: Date; to: Date },
): Promise<DossierRecord[]> {
  return db.dossier.findMany({
    where: { receivingAgencyCode: agencyCode, receivedAt: { gte: period.from, lte: period.to } },
    orderBy: { receivedAt: 'asc' },
  });
}

/** Online submissions to a receiving agency since a moment (the start of its day, for the daily quota). */
export function onlineSubmissionsSince(db: Db, agencyCode: string, since: Date): Promise<number> {
  return db.dossier.count({
    where: { receivingAgencyCode: agencyCode, channel: 'online', submittedAt: { gte: since } },
  });
}

/** A retried reception under the same Idempotency-Key issues a new access code: the old one was never answered. */
export async function setAccessCode(
  db: Db,
  code: string,
  accessCode: { accessCodeHash: string; accessCodeSealed: string },
): Promise<void> {
  await db.dossier.update({ where: { code }, data: accessCode });
}

/** Once the receipt message has left, the sealed access code goes: only its hash stays. */
export async function clearAccessCodeSeal(db: Db, code: string): Promise<void> {
  await db.dossier.updateMany({
    where: { code, accessCodeSealed: { not: null } },
    data: { accessCodeSealed: null },
  });
}

/** The codes of dossiers submitted in a period, oldest first, at most `limit`. */
export async function dossierCodesSubmitted(
  db: Db,
  period: { from: Date; to: Date },
  limit: number,
): Promise<string[]> {
  const rows = await db.dossier.findMany({
    where: { submittedAt: { gte: period.from, lte: period.to } },
    orderBy: { submittedAt: 'asc' },
    select: { code: true },
    take: limit,
  });
  return rows.map((r) => r.code);
}
