import type { Db } from '../client';
import { isUniqueViolation } from '../errors';

export interface RatingRecord {
  dossierCode: string;
  scores: Record<string, number>;
  comment: string | null;
  createdAt: Date;
}

/** Stores the citizen's one rating of a dossier; undefined when it was rated already. */
export async function insertRating(
  db: Db,
  rating: { dossierCode: string; scores: Record<string, number>; comment?: string },
): Promise<RatingRecord | undefined> {
  try {
    const row = await db.rating.create({
      data: { ...rating, scores: rating.scores },
    });
    return { ...row, scores: row.scores as Record<string, number> };
  } catch (err) {
    if (isUniqueViolation(err)) return undefined;
    throw err;
  }
}

export async function isRated(db: Db, dossierCode: string): Promise<boolean> {
  return (await db.rating.count({ where: { dossierCode } })) > 0;
}

/** The ratings citizens gave from `from` (inclusive) to `to` (exclusive): their scores and whether they commented. */
export async function ratingsGivenBetween(
  db: Db,
  from: Date,
  to: Date,
): Promise<{ scores: Record<string, number>; commented: boolean }[]> {
  const rows = await db.rating.findMany({
    where: { createdAt: { gte: from, lt: to } },
    select: { scores: true, comment: true },
  });
  return rows.map((r) => ({ scores: r.scores as Record<string, number>, commented: Boolean(r.comment) }));
}
