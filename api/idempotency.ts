import { createHash } from 'node:crypto';
import type { Logger } from '../platform/config/logger';
import type { Db } from '../platform/database/client';
import {
  deleteIdempotencyRecordsBefore,
  findIdempotencyRecord,
  releaseIdempotencyKey,
  reserveIdempotencyKey,
  storeIdempotentAnswer,
  takeOverReservation,
  type IdempotencyKey,
} from '../platform/database/repositories/idempotency';
import { ApiError, type Reply } from './errors';

/**
 * `Idempotency-Key` on state-changing POSTs: the key is reserved before the request runs, so two copies
 * of one request racing each other cannot both run (which for POST /dossiers would issue two codes);
 * the first answer is then stored and replayed. Answers of 500 and above are not kept: the client may
 * retry them with the same key, and the retry gets back what the failed attempt remembered (the dossier
 * code it drew), so that a reception whose outcome was unknown is never received under a second code.
 */
export interface IdempotencyRequest {
  key: string;
  /** `${username or 'public ' + client} ${method} ${path}`: a key means something only to its sender and path. */
  scope: string;
  body: unknown;
}

/** statusCode of a reservation whose request is still running. */
const IN_PROGRESS = 0;
/** statusCode of a reservation whose request failed (5xx) and may run again, with what it remembered. */
const RETRYABLE = -1;

/** What an attempt under a key keeps for the next attempt under the same key. */
export interface AttemptMemory {
  /** What an earlier, failed attempt remembered. */
  remembered?: unknown;
  remember(value: unknown): Promise<void>;
}
/** A reservation this old belongs to a request that died with its process. */
const STALE_AFTER_MS = 60_000;

export async function idempotent(
  db: Db,
  request: IdempotencyRequest,
  run: (memory: AttemptMemory) => Promise<Reply>,
): Promise<Reply> {
  const id = { key: request.key, scope: request.scope };
  const reservation = await reserve(db, id, hashBody(request.body));
  if ('reply' in reservation) return reservation.reply;
  let remembered = reservation.remembered;
  const memory: AttemptMemory = {
    remembered,
    async remember(value) {
      remembered = value;
      await storeIdempotentAnswer(db, id, { statusCode: IN_PROGRESS, body: { remembered } });
    },
  };
  const failed = () =>
    remembered === undefined
      ? releaseIdempotencyKey(db, id)
      : storeIdempotentAnswer(db, id, { statusCode: RETRYABLE, body: { remembered } });
  let reply: Reply;
  try {
    reply = await run(memory);
  } catch (err) {
    await failed().catch(() => undefined);
    throw err;
  }
  if (reply.status >= 500) {
    await failed();
  } else {
    await storeIdempotentAnswer(db, id, { statusCode: reply.status, body: reply.body });
  }
  return reply;
}

type Reservation = { reply: Reply } | { remembered?: unknown };

/** Reserves the key, or answers what a request with it already answered. */
async function reserve(db: Db, id: IdempotencyKey, requestHash: string): Promise<Reservation> {
  if (await reserveIdempotencyKey(db, id, requestHash, IN_PROGRESS)) return {};
  const existing = await findIdempotencyRecord(db, id);
  // Released by a failed first request in between: this one may run.
  if (!existing) return reserve(db, id, requestHash);
  if (existing.requestHash !== requestHash) {
    throw new ApiError(
      422,
      'IDEMPOTENCY_KEY_REUSED',
      'Idempotency-Key này đã được dùng cho một yêu cầu khác',
    );
  }
  if (existing.statusCode > IN_PROGRESS) {
    return {
      reply: {
        status: existing.statusCode,
        body: existing.responseBody,
        headers: { 'Idempotent-Replayed': 'true' },
      },
    };
  }
  const { remembered } = (existing.responseBody ?? {}) as { remembered?: unknown };
  const stale = Date.now() - existing.createdAt.getTime() > STALE_AFTER_MS;
  if (
    (existing.statusCode === RETRYABLE || stale) &&
    (await takeOverReservation(db, id, existing, IN_PROGRESS))
  ) {
    return { remembered };
  }
  throw new ApiError(
    409,
    'IDEMPOTENCY_KEY_IN_PROGRESS',
    'Yêu cầu với Idempotency-Key này đang được xử lý',
    [],
    {
      'Retry-After': '1',
    },
  );
}

/** SHA-256 of the body with object keys sorted: the same JSON in another key order is the same request. */
export function hashBody(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(body ?? null, (_key, value: unknown) => sortKeys(value)))
    .digest('hex');
}

function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Forgets the records of keys older than `retentionMs`, every tenth of it, until stopped. */
export function sweepIdempotencyRecords(db: Db, retentionMs: number, logger: Logger): () => void {
  const sweep = () =>
    deleteIdempotencyRecordsBefore(db, new Date(Date.now() - retentionMs)).catch((err: unknown) =>
      logger.warn({ err }, 'idempotency records not swept'),
    );
  void sweep();
  const timer = setInterval(() => void sweep(), retentionMs / 10);
  timer.unref();
  return () => clearInterval(timer);
}
