import type { Prisma } from '../../../generated/sqlite/client';
import type { Db } from '../client';
import { isUniqueViolation } from '../errors';

/** The first answer to a request under an Idempotency-Key, or its reservation while it runs. */
export interface IdempotencyRecord {
  requestHash: string;
  statusCode: number;
  responseBody: unknown;
  createdAt: Date;
}

export interface IdempotencyKey {
  key: string;
  scope: string;
}

/** Reserves the key with `statusCode`; false when a record of it exists already. */
export async function reserveIdempotencyKey(
  db: Db,
  id: IdempotencyKey,
  requestHash: string,
  statusCode: number,
): Promise<boolean> {
  try {
    await db.idempotencyRecord.create({ data: { ...id, requestHash, statusCode, responseBody: {} } });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

export function findIdempotencyRecord(db: Db, id: IdempotencyKey): Promise<IdempotencyRecord | null> {
  return db.idempotencyRecord.findUnique({ where: { key_scope: id } });
}

export async function storeIdempotentAnswer(
  db: Db,
  id: IdempotencyKey,
  answer: { statusCode: number; body: unknown },
): Promise<void> {
  const responseBody = (answer.body ?? null) as Prisma.InputJsonValue;
  await db.idempotencyRecord.update({
    where: { key_scope: id },
    data: { statusCode: answer.statusCode, responseBody },
  });
}

export async function releaseIdempotencyKey(db: Db, id: IdempotencyKey): Promise<void> {
  await db.idempotencyRecord.delete({ where: { key_scope: id } });
}

/**
 * Takes over a reservation still in `statusCode` and made at `createdAt`, renewing its time and putting it
 * in `newStatusCode`; false when another request took it first.
 */
export async function takeOverReservation(
  db: Db,
  id: IdempotencyKey,
  { statusCode, createdAt }: { statusCode: number; createdAt: Date },
  newStatusCode: number,
): Promise<boolean> {
  const { count } = await db.idempotencyRecord.updateMany({
    where: { ...id, statusCode, createdAt },
    data: { createdAt: new Date(), statusCode: newStatusCode },
  });
  return count === 1;
}

/** Deletes the records made (or taken over) before `cutoff`; answers how many. */
export async function deleteIdempotencyRecordsBefore(db: Db, cutoff: Date): Promise<number> {
  const { count } = await db.idempotencyRecord.deleteMany({ where: { createdAt: { lt: cutoff } } });
  return count;
}
