import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config';

/**
 * The HMAC key of access tokens. Deployments set MOTCUA_JWT_SECRET; the embedded default keeps a random
 * one under the data folder so that tokens survive a restart without anyone choosing a secret.
 */
export function jwtSecret(config: Config): Uint8Array {
  if (config.MOTCUA_JWT_SECRET) return new TextEncoder().encode(config.MOTCUA_JWT_SECRET);
  const file = path.resolve(config.MOTCUA_DATA_DIR, 'jwt-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  return new TextEncoder().encode(fs.readFileSync(file, 'utf8').trim());
}
