import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashes: scrypt with its parameters and salt in the string, PHC style
 * (`$scrypt$ln=15,r=8,p=1$<salt>$<hash>`, base64 without padding), so that stronger parameters later
 * still verify the hashes stored before.
 */

/**
 * N = 2^15, r = 8, p = 1: 32 MiB and about 0.1 s, twice libsodium's "interactive" limit. OWASP's
 * 2^17 takes half a second a login on the 2-core machines this runs on; raise it when they grow.
 */
/** NIST SP 800-63B asks for at least 8; 12 since a leaked hash here opens citizens' files. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

const DEFAULTS = { logN: 15, r: 8, p: 1 };
/** Bounds of what we accept to read: at most 1 GiB of scrypt memory, never a crash on nonsense. */
const LIMITS = { logN: [1, 20], r: [1, 8], p: [1, 16] } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function derive(
  password: string,
  salt: Buffer,
  keyBytes: number,
  logN: number,
  r: number,
  p: number,
): Promise<Buffer> {
  const N = 2 ** logN;
  // Node refuses above 32 MiB by default; scrypt needs 128 * N * r bytes.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const { logN, r, p } = DEFAULTS;
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, logN, r, p);
  return `$scrypt$ln=${logN},r=${r},p=${p}$${b64(salt)}$${b64(key)}`;
}

/** False for a wrong password and for a hash this module cannot read. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const match = FORMAT.exec(hash);
  if (!match) return false;
  const [logN, r, p] = match.slice(1, 4).map(Number);
  const expected = Buffer.from(match[5], 'base64');
  const within = (value: number, [min, max]: readonly [number, number]) => value >= min && value <= max;
  if (!within(logN, LIMITS.logN) || !within(r, LIMITS.r) || !within(p, LIMITS.p)) return false;
  if (expected.length < KEY_BYTES) return false;
  const actual = await derive(password, Buffer.from(match[4], 'base64'), expected.length, logN, r, p);
  return timingSafeEqual(actual, expected);
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}
