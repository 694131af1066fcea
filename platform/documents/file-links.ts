import { createHmac, timingSafeEqual } from 'node:crypto';

/** Where a signed link serves a stored file, relative to the API's base (api/endpoints/portal.ts). */
export const FILE_LINK_PATH = '/portal/files';

/**
 * Links to stored files that an outside system (the national portal) can fetch without an account: the
 * path and an expiry, signed with the deployment's secret, so a link names one file until one instant and
 * nothing else.
 */
export interface FileLinks {
  /** The full URL of the file's bytes until `expiresAt`. */
  url(sha256: string, expiresAt: Date): string;
  /** A URL valid for the deployment's lifetime of links from `now`. */
  fresh(sha256: string, now: Date): string;
  /** Whether the signature is this deployment's for that file and expiry, and the expiry not passed. */
  admits(sha256: string, exp: number, sig: string, now: Date): boolean;
}

/** Long enough for the portal to fetch the files of a record; every later change of the dossier renews them. */
export const DEFAULT_FILE_LINK_HOURS = 168;

export function fileLinks(secret: string, apiBaseUrl: string, hours = DEFAULT_FILE_LINK_HOURS): FileLinks {
  const signature = (sha256: string, exp: number) =>
    createHmac('sha256', secret).update(`${FILE_LINK_PATH}/${sha256}\n${exp}`).digest();
  const url = (sha256: string, expiresAt: Date) => {
    const exp = Math.floor(expiresAt.getTime() / 1000);
    const sig = signature(sha256, exp).toString('base64url');
    return `${apiBaseUrl}${FILE_LINK_PATH}/${sha256}?exp=${exp}&sig=${sig}`;
  };
  return {
    url,
    fresh: (sha256, now) => url(sha256, new Date(now.getTime() + hours * 3_600_000)),
    admits(sha256, exp, sig, now) {
      const expected = signature(sha256, exp);
      const given = Buffer.from(sig, 'base64url');
      // Constant time, so that timing does not reveal how much of a forged signature is right.
      const genuine = given.length === expected.length && timingSafeEqual(given, expected);
      return genuine && now.getTime() < exp * 1000;
    },
  };
}
