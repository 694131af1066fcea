import { createHash } from 'node:crypto';
import type { Db } from '../platform/database/client';
import {
  findIdempotencyRecord,
  releaseIdempotencyKey,
  reserveIdempotencyKey,
  storeIdempotentAnswer,
  takeOverReservation,
  type IdempotencyKey,
} from '../platform/database/repositories/idempotency';
import { ApiError, conflict, type Reply } from './errors';

/**
 * `Idempotency-Key` on state-changing POSTs: the key is reserved before the request runs, so two copies
 * of one request racing each other cannot both run (which for POST /dossiers would issue two codes);
 * the first answer is then stored and replayed. Answers of 500 and above are not kept: the client may
 * retry them with the same key.
 */
export interface IdempotencyRequest {
  key: string;
  /** `${username or 'public'} ${method} ${path}`: a key means something only to its sender and path. */
  scope: string;
  body: unknown;
}

/** statusCode of a reservation whose request is still running. */
const IN_PROGRESS = 0;
/** A reservation this old belongs to a request that died with its process. */
const STALE_AFTER_MS = 60_000;

export async function idempotent(
  db: Db,
  request: IdempotencyRequest,
  run: () => Promise<Reply>,
): Promise<Reply> {
  const id = { key: request.key, scope: request.scope };
  const replay = await reserve(db, id, hashBody(request.body));
  if (replay) return replay;
  let reply: Reply;
  try {
    reply = await run();
  } catch (err) {
    await releaseIdempotencyKey(db, id).catch(() => undefined);
    throw err;
  }
  if (reply.status >= 500) {
    await releaseIdempotencyKey(db, id);
  } else {
    await storeIdempotentAnswer(db, id, { statusCode: reply.status, body: reply.body });
  }
  return reply;
}

/** Reserves the key, or answers what a request with it already answered. */
async function reserve(db: Db, id: IdempotencyKey, requestHash: string): Promise<Reply | undefined> {
  if (await reserveIdempotencyKey(db, id, requestHash, IN_PROGRESS)) return undefined;
  const existing = await findIdempotencyRecord(db, id);
  // Released by a failed first request in between: this one may run.
  if (!existing) return reserve(db, id, requestHash);
  if (existing.requestHash !== requestHash) {
    throw conflict('IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key này đã được dùng cho một yêu cầu khác');
  }
  if (existing.statusCode !== IN_PROGRESS) {
    return {
      status: existing.statusCode,
      body: existing.responseBody,
      headers: { 'Idempotent-Replayed': 'true' },
    };
  }
  const stale = Date.now() - existing.createdAt.getTime() > STALE_AFTER_MS;
  if (
    stale &&
    (await takeOverReservation(db, id, { statusCode: IN_PROGRESS, createdAt: existing.createdAt }))
  ) {
    return undefined;
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
