import type { FeedbackCase, FeedbackEvent, Prisma } from '../../../generated/sqlite/client';
import type { Db } from '../client';
import { isUniqueViolation } from '../errors';
import { readPage, type Page, type PageWindow } from './page';

export type FeedbackRecord = FeedbackCase;
export type FeedbackEventRecord = FeedbackEvent;

/** Written once by the API when the case comes in: the citizen's words and contact stay here, not in Temporal. */
export type FeedbackIntake = Pick<
  FeedbackCase,
  | 'code'
  | 'category'
  | 'channel'
  | 'subject'
  | 'content'
  | 'contactName'
  | 'contactPhone'
  | 'contactEmail'
  | 'consentToPublish'
  | 'accessCodeHash'
  | 'dossierCode'
  | 'raisedFrom'
  | 'deskAgencyCode'
  | 'status'
  | 'receivedAt'
  | 'dueAt'
>;

/** The columns the workflow owns, every one given (null to clear) so no stale value survives. */
export type FeedbackProjection = Pick<
  FeedbackCase,
  | 'code'
  | 'status'
  | 'assignedAgencyCode'
  | 'dueAt'
  | 'publishBy'
  | 'overdue'
  | 'rejectionReason'
  | 'answer'
  | 'answeredAt'
  | 'onTime'
  | 'publishedAt'
  | 'satisfied'
  | 'ratedAt'
  | 'closedAt'
  | 'projectionVersion'
>;

export type FeedbackEventInput = Omit<Prisma.FeedbackEventUncheckedCreateInput, 'id'>;

/** Stores a new case; false when the case it raises again was raised again already. */
export async function insertFeedback(db: Db, intake: FeedbackIntake): Promise<boolean> {
  try {
    await db.feedbackCase.create({ data: intake });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** Takes out a case whose workflow could not be started. */
export async function deleteFeedback(db: Db, code: string): Promise<void> {
  await db.feedbackCase.deleteMany({ where: { code } });
}

/** Applies the projection unless the row holds the same or a newer version; the intake row exists first. */
export async function updateFeedbackProjection(db: Db, projection: FeedbackProjection): Promise<boolean> {
  const { count } = await db.feedbackCase.updateMany({
    where: { code: projection.code, projectionVersion: { lt: projection.projectionVersion } },
    data: projection,
  });
  return count > 0;
}

export function findFeedback(db: Db, code: string): Promise<FeedbackRecord | null> {
  return db.feedbackCase.findUnique({ where: { code } });
}

/** The newest workflow version the row shows; undefined before the row exists. */
export async function feedbackProjectionVersion(db: Db, code: string): Promise<number | undefined> {
  return (await db.feedbackCase.findUnique({ where: { code }, select: { projectionVersion: true } }))
    ?.projectionVersion;
}

/** What the citizen added when asked; written before the workflow hears that it came. */
export async function storeFeedbackSupplement(db: Db, code: string, content: string): Promise<void> {
  await db.feedbackCase.update({ where: { code }, data: { supplementContent: content } });
}

export async function storeFeedbackRatingComment(db: Db, code: string, comment: string): Promise<void> {
  await db.feedbackCase.update({ where: { code }, data: { ratingComment: comment } });
}

/** Appends the event unless one with its key exists. */
export async function appendFeedbackEvent(db: Db, event: FeedbackEventInput): Promise<void> {
  try {
    await db.feedbackEvent.create({ data: event });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
}

export async function storedFeedbackEventKeys(db: Db, keys: string[]): Promise<Set<string>> {
  const rows = await db.feedbackEvent.findMany({ where: { key: { in: keys } }, select: { key: true } });
  return new Set(rows.map((r) => r.key));
}

export function feedbackEvents(db: Db, code: string): Promise<FeedbackEventRecord[]> {
  return db.feedbackEvent.findMany({
    where: { feedbackCode: code },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
  });
}

export interface FeedbackFilter {
  status?: string;
  category?: string;
  /** The agency the case is assigned to, or the desk holding it before. */
  agency?: string;
  overdue?: boolean;
}

/** The staff worklist, the nearest due first. */
export function feedbackPage(
  db: Db,
  filter: FeedbackFilter,
  window: PageWindow,
): Promise<Page<FeedbackRecord>> {
  const where: Prisma.FeedbackCaseWhereInput = {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.category ? { category: filter.category } : {}),
    ...(filter.overdue !== undefined ? { overdue: filter.overdue } : {}),
    ...(filter.agency
      ? {
          OR: [
            { assignedAgencyCode: filter.agency },
            { assignedAgencyCode: null, deskAgencyCode: filter.agency },
          ],
        }
      : {}),
  };
  return readPage(
    db.feedbackCase.count({ where }),
    db.feedbackCase.findMany({ where, orderBy: [{ dueAt: 'asc' }, { code: 'asc' }], ...window }),
  );
}

/** Published answers, newest first: only columns without personal data leave this function. */
export function publishedFeedbackPage(db: Db, window: PageWindow) {
  const where = { publishedAt: { not: null }, consentToPublish: true };
  return readPage(
    db.feedbackCase.count({ where }),
    db.feedbackCase.findMany({
      where,
      orderBy: [{ publishedAt: 'desc' }, { code: 'asc' }],
      select: {
        code: true,
        category: true,
        subject: true,
        answer: true,
        receivedAt: true,
        publishedAt: true,
      },
      ...window,
    }),
  );
}

/** The cases that name a dossier, for the staff's view of it. */
export function feedbackOfDossier(db: Db, dossierCode: string) {
  return db.feedbackCase.findMany({
    where: { dossierCode },
    orderBy: { receivedAt: 'asc' },
    select: { code: true, category: true, status: true, receivedAt: true, dueAt: true },
  });
}
