import { readFileSync } from 'node:fs';
import { AgencyDirectorySchema, DEMO_AGENCIES, type Agency } from '../../domain/agencies';
import { ConfigError, type Config } from './config';

/**
 * The deployment's agencies: the JSON file `MOTCUA_AGENCIES_FILE` names (an array, or `{ "agencies": [...] }`),
 * or the demo province's when unset (a production start refuses that: platform/config/config.ts).
 */
export function agencyDirectory(config: Pick<Config, 'MOTCUA_AGENCIES_FILE'>): readonly Agency[] {
  const file = config.MOTCUA_AGENCIES_FILE;
  if (!file) return DEMO_AGENCIES;
  // Read once per process: the database, the worker and the API of the embedded stack all ask.
  const known = directories.get(file);
  if (known) return known;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`MOTCUA_AGENCIES_FILE ${file}: ${(error as Error).message}`);
  }
  const list = typeof json === 'object' && json !== null && 'agencies' in json ? json.agencies : json;
  const parsed = AgencyDirectorySchema.safeParse(list);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${['agencies', ...i.path].join('.')}: ${i.message}`);
    throw new ConfigError(
      `MOTCUA_AGENCIES_FILE ${file} is not a valid agency directory:\n${issues.join('\n')}`,
    );
  }
  directories.set(file, parsed.data);
  return parsed.data;
}

const directories = new Map<string, readonly Agency[]>();
