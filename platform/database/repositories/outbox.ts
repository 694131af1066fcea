import type { Notification, Prisma } from '../../../generated/sqlite/client';
import type { Db } from '../client';
import { isUniqueViolation } from '../errors';
import { readPage, type Page, type PageWindow } from './page';

/**
 * The outbox of messages to citizens and staff: one row per dossier, occasion, channel and address,
 * 'queued' → 'sending' (claimed by one attempt, with a lease) → 'sent' or 'failed'.
 */
export type NotificationRecord = Notification;

export type NewNotification = Omit<
  Prisma.NotificationUncheckedCreateInput,
  'id' | 'status' | 'attempts' | 'createdAt' | 'updatedAt' | 'attachments'
> & { attachments?: Array<{ filename: string; contentType: string; bytes: number; sha256: string }> };

export function findNotification(db: Db, idempotencyKey: string): Promise<NotificationRecord | null> {
  return db.notification.findUnique({ where: { idempotencyKey } });
}

/** Queues the message, unless a concurrent attempt queued it first under the same key. */
export async function queueNotification(db: Db, notification: NewNotification): Promise<void> {
  try {
    await db.notification.create({ data: notification });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
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
