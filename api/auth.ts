import { randomUUID } from 'node:crypto';
import { decodeJwt, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import { formatVietnamTime } from '../domain/calendar/workflow-safe';
import { UserRoleSchema, type UserRole } from '../domain/vocabulary';
import type { Db } from '../platform/database/client';
import { currentTokenVersion, findCredentials } from '../platform/database/repositories/users';
import { hashPassword, verifyPassword } from '../platform/auth/passwords';
import { unauthenticated } from './errors';

export interface User {
  username: string;
  role: UserRole;
  agencyCode: string;
}

const ISSUER = 'motcua';
const AUDIENCE = 'motcua-api';

export interface TokenService {
  issue(user: User): Promise<{ token: string; expiresAt: string }>;
  /** The user of a bearer token; throws 401 when it is missing, expired or forged. */
  verify(authorization: string | undefined): Promise<User>;
}

/** Tokens checked lately: a clerk's tool sends the same token with every request. */
const VERIFIED_TOKENS = 10_000;

/**
 * The signature is checked once per token; the account's token version on every request (one indexed
 * read), so that disabling a user or changing their password ends their tokens at once, in every process.
 */
export function tokenService(secret: Uint8Array, ttl: string, db: Db): TokenService {
  const verified = new LRUCache<string, { user: User; version: number }>({ max: VERIFIED_TOKENS });
  const current = async (token: { user: User; version: number }): Promise<User> => {
    if ((await currentTokenVersion(db, token.user.username)) !== token.version) throw unauthenticated();
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

/**
 * The user whose password matches, else a 401. An unknown user costs one scrypt too, against a hash of
 * nothing anyone knows, so that timing does not tell which user names exist.
 */
export function passwordLogin(db: Db): (username: string, password: string) => Promise<User> {
  const decoy = hashPassword(randomUUID());
  return async (username, password) => {
    const user = await findCredentials(db, username);
    const matches = await verifyPassword(password, user?.passwordHash ?? (await decoy));
    const role = UserRoleSchema.safeParse(user?.role);
    if (!user || !matches || !role.success || user.disabledAt) {
      throw unauthenticated('Tên đăng nhập hoặc mật khẩu không đúng');
    }
    return { username: user.username, role: role.data, agencyCode: user.agencyCode };
  };
}
