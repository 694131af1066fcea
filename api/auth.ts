import { randomUUID } from 'node:crypto';
import { decodeJwt, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import { formatVietnamTime } from '../domain/calendar/workflow-safe';
import { UserRoleSchema, type UserRole } from '../domain/vocabulary';
import type { Db } from '../platform/database/client';
import {
  currentTokenVersion,
  findCredentials,
  recordFailedLogin,
} from '../platform/database/repositories/users';
import { hashPassword, verifyPassword } from '../platform/auth/passwords';
import { ApiError, unauthenticated } from './errors';

export interface User {
  username: string;
  role: UserRole;
  agencyCode: string;
}

const ISSUER = 'motcua';
const AUDIENCE = 'motcua-api';

export interface TokenService {
  issue(user: User): Promise<{ token: string; expiresAt: string }>;
  /** The user of a bearer token; throws 401 when it is missing, expired, forged or revoked. */
  verify(authorization: string | undefined): Promise<User>;
  /** The account's tokens changed (disabled, new password): this process reads its version again at once. */
  revoke(username: string): void;
}

/** Tokens checked lately: a clerk's tool sends the same token with every request. */
const VERIFIED_TOKENS = 10_000;

/** How long an account's token version read from the database stands in other processes. */
export const VERSION_KEPT_MS = 1_000;

/**
 * The signature is checked once per token; the account's token version (one indexed read) at most once a
 * second per account and process. Disabling a user or changing their password ends their tokens at once in
 * the process that made the change (`revoke`), and within a second in every other, the window in which an
 * API process also shows another's changes (api/shared-reads.ts). A token newer than the version kept is
 * checked against the database at once, so a new password's token works everywhere straight away.
 * Requests of one user that arrive while that read is in flight share it.
 */
export function tokenService(secret: Uint8Array, ttl: string, db: Db): TokenService {
  const verified = new LRUCache<string, { user: User; version: number }>({ max: VERIFIED_TOKENS });
  // Boxed: the cache keeps no null, which is what a disabled or unknown account reads as.
  const versions = new LRUCache<string, { version: number | null }>({
    max: VERIFIED_TOKENS,
    ttl: VERSION_KEPT_MS,
  });
  const reading = new Map<string, Promise<number | null>>();
  const versionOf = (username: string): Promise<number | null> => {
    let read = reading.get(username);
    if (!read) {
      read = currentTokenVersion(db, username)
        .then((version) => {
          if (reading.get(username) === read) versions.set(username, { version });
          return version;
        })
        .finally(() => {
          if (reading.get(username) === read) reading.delete(username);
        });
      reading.set(username, read);
    }
    return read;
  };
  const current = async (token: { user: User; version: number }): Promise<User> => {
    const kept = versions.get(token.user.username)?.version;
    const version =
      kept === undefined || (kept !== null && token.version > kept)
        ? await versionOf(token.user.username)
        : kept;
    if (version !== token.version) throw unauthenticated();
    return token.user;
  };
  return {
    async issue(user) {
      const version = await currentTokenVersion(db, user.username);
      if (version === null) throw unauthenticated();
      const token = await new SignJWT({ role: user.role, agencyCode: user.agencyCode, ver: version })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(user.username)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(ttl)
        .sign(secret);
      const { exp } = decodeJwt(token);
      return { token, expiresAt: formatVietnamTime(new Date(exp! * 1000)) };
    },

    revoke(username) {
      versions.delete(username);
      // A read begun before the change may answer the old version: it is neither kept nor shared further.
      reading.delete(username);
    },

    async verify(authorization) {
      const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization ?? '');
      if (!match) throw unauthenticated();
      const token = match[1];
      const known = verified.get(token);
      if (known) return current(known);
      try {
        const { payload } = await jwtVerify(token, secret, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience: AUDIENCE,
        });
        const { sub, role, agencyCode, exp, ver = 0 } = payload;
        const userRole = UserRoleSchema.safeParse(role);
        if (
          typeof sub !== 'string' ||
          !userRole.success ||
          typeof agencyCode !== 'string' ||
          !exp ||
          typeof ver !== 'number'
        ) {
          throw unauthenticated();
        }
        const checked = { user: { username: sub, role: userRole.data, agencyCode }, version: ver };
        // Kept no longer than the token is valid.
        verified.set(token, checked, { ttl: exp * 1000 - Date.now() });
        return await current(checked);
      } catch (err) {
        if (err instanceof joseErrors.JOSEError) throw unauthenticated();
        throw err;
      }
    },
  };
}

/** Wrong passwords an account may take before each further one locks it for a growing delay. */
const FREE_FAILURES = 5;
const FIRST_LOCK_MS = 1_000;
const LONGEST_LOCK_MS = 15 * 60_000;
/** Accounts tracked at once: a spray of made-up names evicts the oldest, never grows memory. */
const TRACKED_ACCOUNTS = 10_000;

interface Failures {
  count: number;
  lockedUntil: number;
}

/**
 * Failed logins per user name (existing or not, so that a 429 tells nothing either), shared by every login
 * form on the same database: the API's and the codec's. Per process, like the per-client limits.
 */
const failuresByDb = new WeakMap<Db, LRUCache<string, Failures>>();

function failuresOf(db: Db): LRUCache<string, Failures> {
  let failures = failuresByDb.get(db);
  if (!failures) {
    failures = new LRUCache<string, Failures>({ max: TRACKED_ACCOUNTS, ttl: LONGEST_LOCK_MS * 2 });
    failuresByDb.set(db, failures);
  }
  return failures;
}

/**
 * The user whose password matches, else a 401. An unknown user costs one scrypt too, against a hash of
 * nothing anyone knows, so that timing does not tell which user names exist. After FREE_FAILURES wrong
 * passwords the account answers 429 without trying the password, for 1 s, then 2 s, 4 s… up to 15 min
 * per further failure; a success starts over. Every refusal is kept in the FailedLogin table.
 */
export function passwordLogin(db: Db): (username: string, password: string) => Promise<User> {
  const decoy = hashPassword(randomUUID());
  const failures = failuresOf(db);
  return async (username, password) => {
    const seen = failures.get(username);
    const waitMs = seen ? seen.lockedUntil - Date.now() : 0;
    if (waitMs > 0) {
      await recordFailedLogin(db, username, 'locked');
      throw new ApiError(429, 'RATE_LIMITED', 'Đăng nhập sai quá nhiều lần, vui lòng thử lại sau', [], {
        'Retry-After': String(Math.ceil(waitMs / 1000)),
      });
    }
    const user = await findCredentials(db, username);
    const matches = await verifyPassword(password, user?.passwordHash ?? (await decoy));
    const role = UserRoleSchema.safeParse(user?.role);
    if (!user || !matches || !role.success || user.disabledAt) {
      await recordFailedLogin(
        db,
        username,
        !user ? 'unknown user' : !matches || !role.success ? 'wrong password' : 'disabled',
      );
      const count = (seen?.count ?? 0) + 1;
      const lockMs =
        count < FREE_FAILURES ? 0 : Math.min(FIRST_LOCK_MS * 2 ** (count - FREE_FAILURES), LONGEST_LOCK_MS);
      failures.set(username, { count, lockedUntil: Date.now() + lockMs });
      throw unauthenticated('Tên đăng nhập hoặc mật khẩu không đúng');
    }
    failures.delete(username);
    return { username: user.username, role: role.data, agencyCode: user.agencyCode };
  };
}
