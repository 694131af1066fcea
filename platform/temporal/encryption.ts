import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { ConfigError, type Config } from '../config/config';
import { EncryptionCodec, type PayloadKey } from './codec';

/**
 * The keys that encrypt Temporal payloads: MOTCUA_PAYLOAD_KEYS (`id:base64,…`, the first seals) in a
 * deployment, where the API and the worker must share them; the embedded stack keeps a random one under
 * its data folder, in the same notation, so that it can be carried over into MOTCUA_PAYLOAD_KEYS later.
 */
export function payloadKeys(config: Config): PayloadKey[] {
  if (config.MOTCUA_PAYLOAD_KEYS) return parsePayloadKeys(config.MOTCUA_PAYLOAD_KEYS, 'MOTCUA_PAYLOAD_KEYS');
  if (!config.embeddedTemporal) {
    throw new ConfigError(
      'MOTCUA_PAYLOAD_KEYS is not set: the API and the worker need the same keys for Temporal payloads ' +
        '(id:base64 of 32 random bytes, e.g. `p1:$(openssl rand -base64 32)`)',
    );
  }
  const file = path.resolve(config.MOTCUA_DATA_DIR, 'payload-keys');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `embedded:${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  }
  return parsePayloadKeys(fs.readFileSync(file, 'utf8').trim(), file);
}

export function parsePayloadKeys(text: string, source: string): PayloadKey[] {
  const keys = text.split(',').map((entry) => {
    const match = /^\s*([\w.-]+):([A-Za-z0-9+/_-]+={0,2})\s*$/.exec(entry);
    const key = match ? Buffer.from(match[2], 'base64') : undefined;
    if (!match || key?.length !== 32) {
      throw new ConfigError(`${source}: each key is id:base64 of 32 bytes, separated by commas`);
    }
    return { id: match[1], key };
  });
  if (new Set(keys.map((k) => k.id)).size !== keys.length) {
    throw new ConfigError(`${source}: a key id appears twice`);
  }
  return keys;
}

/** What the client and the worker convert payloads and failures with: both encrypted. */
export function encryptedDataConverter(keys: readonly PayloadKey[]): DataConverter {
  return {
    payloadCodecs: [new EncryptionCodec(keys)],
    failureConverterPath: require.resolve('./failure-converter'),
  };
}

/** Origins of the Temporal UI that may call the codec endpoint from a browser. */
export function temporalUiOrigins(config: Config): string[] {
  if (config.MOTCUA_TEMPORAL_UI_ORIGINS)
    return config.MOTCUA_TEMPORAL_UI_ORIGINS.split(',').map((o) => o.trim());
  const port = config.MOTCUA_TEMPORAL_UI_PORT;
  return config.embeddedTemporal ? [`http://localhost:${port}`, `http://127.0.0.1:${port}`] : [];
}
