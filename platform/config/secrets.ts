import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config';

/**
 * The HMAC key of access tokens. Deployments set MOTCUA_JWT_SECRET; the embedded default keeps a random
 * one under the data folder so that tokens survive a restart without anyone choosing a secret.
 */
export function jwtSecret(config: Config): Uint8Array {
  return keptSecret(config, config.MOTCUA_JWT_SECRET, 'jwt-secret');
}

/** The pepper of citizens' access codes (MOTCUA_ACCESS_CODE_PEPPER), kept the same way: changing it voids every code. */
export function accessCodePepper(config: Config): Uint8Array {
  return keptSecret(config, config.MOTCUA_ACCESS_CODE_PEPPER, 'access-code-pepper');
}

function keptSecret(config: Config, configured: string | undefined, name: string): Uint8Array {
  if (configured) return new TextEncoder().encode(configured);
  const file = path.resolve(config.MOTCUA_DATA_DIR, name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  return new TextEncoder().encode(fs.readFileSync(file, 'utf8').trim());
}
