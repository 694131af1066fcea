import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Db } from '../platform/database/client';
import { findDossier, type DossierRecord } from '../platform/database/repositories/dossiers';
import { ApiError } from './errors';
import type { RateLimit } from './services';

/**
 * The citizen's access code: whoever holds it acts as the applicant on the public calls that change a
 * dossier. 8 characters from 32 that cannot be mistaken for each other on paper (no I, O, 0, 1) give
 * 40 random bits; with a few tries per dossier per window nobody guesses one online. So a fast keyed hash
 * is enough to keep: HMAC-SHA256 with the deployment's pepper means a copy of the database alone cannot
 * test guesses, and a slow password hash would buy nothing against a code that is not chosen by a person.
 * The one other copy is the reception's answer kept for an Idempotency-Key replay, for as long as those last.
 */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const LENGTH = 8;

export const ACCESS_CODE_HEADER = 'X-Access-Code';
export const ACCESS_CODE_NOTE =
  ' Needs the header `X-Access-Code` answered at reception: missing or wrong, or an unknown dossier, is ' +
  '403 ACCESS_DENIED; too many wrong codes for one dossier (by default 5 in 15 minutes) lock it with 429.';

export function newAccessCode(): string {
  return Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

export function hashAccessCode(pepper: Uint8Array, code: string): string {
  return createHmac('sha256', pepper).update(code).digest('hex');
}

const denied = () => new ApiError(403, 'ACCESS_DENIED', 'Mã truy cập hồ sơ không đúng');
const locked = (retryAfterMs: number) =>
  new ApiError(429, 'RATE_LIMITED', 'Nhập sai mã truy cập quá nhiều lần, vui lòng thử lại sau', [], {
    'Retry-After': String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
  });

/**
 * Admits a public call to a dossier only with its access code. Unknown dossiers, dossiers without a code
 * and wrong codes get the same 403 after the same work, so the answer tells nothing about which codes
 * exist. Wrong tries are counted per dossier code in this process, in fixed windows.
 */
export class AccessCodeGuard {
  private readonly failures: LRUCache<string, { count: number; since: number }>;
  /** Compared against when there is nothing to compare, so that every refusal costs the same. */
  private readonly nothing: Buffer;

  constructor(
    private readonly pepper: Uint8Array,
    private readonly tries: RateLimit,
    private readonly now: () => Date,
  ) {
    // Bounded memory: an entry goes a window after the first wrong try (the window is checked below too).
    this.failures = new LRUCache({ max: 100_000, ttl: tries.windowMs, noUpdateTTL: true });
    this.nothing = Buffer.from(hashAccessCode(pepper, ''), 'hex');
  }

  async admit(db: Db, code: string, given: string | undefined): Promise<DossierRecord> {
    return this.admitTo(code, given, () => findDossier(db, code));
  }

  /** The same check for any record that keeps an access code's hash (a feedback case). */
  async admitTo<T extends { accessCodeHash: string | null }>(
    code: string,
    given: string | undefined,
    find: () => Promise<T | null>,
  ): Promise<T> {
    const now = this.now().getTime();
    const recorded = this.failures.get(code);
    const past = recorded && now - recorded.since < this.tries.windowMs ? recorded : undefined;
    if (past && past.count >= this.tries.limit) throw locked(past.since + this.tries.windowMs - now);
    const row = await find();
    const expected = row?.accessCodeHash ? Buffer.from(row.accessCodeHash, 'hex') : this.nothing;
    const offered = Buffer.from(hashAccessCode(this.pepper, normaliseAccessCode(given ?? '')), 'hex');
    const match = timingSafeEqual(expected, offered);
    if (row?.accessCodeHash && given && match) return row;
    this.failures.set(code, { count: (past?.count ?? 0) + 1, since: past?.since ?? now });
    throw denied();
  }
}

/** Typed from paper: case, spaces and dashes do not matter. */
export function normaliseAccessCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}
