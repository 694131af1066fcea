import type { Notification, Prisma } from '../../../generated/sqlite/client';
import type { Db } from '../client';
import { isUniqueViolation } from '../errors';
import { readPage, type Page, type PageWindow } from './page';

/**
 * The outbox of messages to citizens and staff: one row per dossier, occasion, channel and address,
 * written 'sending' (claimed by its first attempt, with a lease) → 'sent' or 'failed', or 'queued' again
 * after a passing fault until a later attempt claims it.
 */
export type NotificationRecord = Notification;

export type NewNotification = Omit<
  Prisma.NotificationUncheckedCreateInput,
  'id' | 'status' | 'attempts' | 'createdAt' | 'updatedAt' | 'attachments'
> & { attachments?: Array<{ filename: string; contentType: string; bytes: number; sha256: string }> };

export function findNotification(db: Db, idempotencyKey: string): Promise<NotificationRecord | null> {
  return db.notification.findUnique({ where: { idempotencyKey } });
}

/**
 * Writes the message claimed by this attempt, its first: true. False when a row has the key already (a
 * retried attempt, or another racing this one), which the caller then reads and claims.
 */
export async function insertClaimedNotification(db: Db, notification: NewNotification): Promise<boolean> {
  try {
    await db.notification.create({ data: { ...notification, status: 'sending', attempts: 1 } });
    return true;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return false;
  }
}

/**
 * Claims the row for one attempt ('sending'): of two executions racing on one row only one gets it. A
 * claim older than the lease was left by a worker that died mid-send, and is taken over.
 */
export async function claimNotification(db: Db, idempotencyKey: string, leaseMs: number): Promise<boolean> {
  const claimed = await db.notification.updateMany({
    where: {
      idempotencyKey,
      OR: [{ status: 'queued' }, { status: 'sending', updatedAt: { lt: new Date(Date.now() - leaseMs) } }],
    },
    data: { status: 'sending', attempts: { increment: 1 } },
  });
  return claimed.count > 0;
}

export async function markNotificationSent(
  db: Db,
  idempotencyKey: string,
  providerMessageId: string | undefined,
): Promise<void> {
  await db.notification.update({
    where: { idempotencyKey },
    data: { status: 'sent', providerMessageId, sentAt: new Date(), lastError: null },
  });
}

/**
 * Gives the claim up after a failed attempt: 'queued' to retry, 'failed' for good. Only while still
 * holding it, so that a slow attempt that lost its claim does not undo a takeover's 'sent'.
 */
export async function releaseNotificationClaim(
  db: Db,
  idempotencyKey: string,
  outcome: 'queued' | 'failed',
  lastError: string,
): Promise<void> {
  await db.notification.updateMany({
    where: { idempotencyKey, status: 'sending' },
    data: { status: outcome, lastError },
  });
}

/** A dossier's messages, oldest first. */
export async function notificationPage(
  db: Db,
  dossierCode: string,
  window: PageWindow,
): Promise<Page<NotificationRecord>> {
  const where = { dossierCode };
  return readPage(
    db.notification.count({ where }),
    db.notification.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], ...window }),
  );
}
