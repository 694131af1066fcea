import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_AGENCIES, type Agency } from '../../domain/agencies';
import { ConfigError, loadConfig } from '../../platform/config/config';
import { createLogger } from '../../platform/config/logger';
import { allAgencies } from '../../platform/database/repositories/agencies';
import { prepareDatabase } from '../../workers/runtime';
import { PROVIDERS, useDatabases } from '../harness/databases';

/**
 * A province set up without editing TypeScript (docs/agencies.md): its directory file reaches the
 * database at start, the procedures are checked against it, and a wrong file stops the start.
 */
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-agencies-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The demo's handles (the shipped procedures name them) under another province's identifiers. */
const PROVINCE: Agency[] = DEMO_AGENCIES.map((agency) => ({
  ...agency,
  identifier: agency.identifier.replace(/H56$/, 'K26'),
  name: `${agency.name} (Kon Tum)`,
}));

function writeDirectory(name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const logger = createLogger('silent');

describe.each(PROVIDERS)('%s: the agency directory at start', (provider) => {
  const databases = useDatabases(provider);

  const start = async (file: string) =>
    prepareDatabase(
      loadConfig({
        DATABASE_URL: await databases.emptyUrl(),
        TEMPORAL_ADDRESS: 'temporal:7233',
        MOTCUA_SEED_DEMO: 'false',
        MOTCUA_AGENCIES_FILE: file,
      }),
      logger,
    );

  test("the province's file is written into the database, contacts included", async () => {
    const withContact = PROVINCE.map((a) =>
      a.code === 'land' ? { ...a, email: 'vanthu@stnmt.example' } : a,
    );
    const database = await start(writeDirectory('province.json', { agencies: withContact }));
    try {
      const rows = await allAgencies(database.prisma);
      expect(rows.map(({ code, identifier, name }) => ({ code, identifier, name })).sort(byCode)).toEqual(
        PROVINCE.map(({ code, identifier, name }) => ({ code, identifier, name })).sort(byCode),
      );
      expect(rows.find((row) => row.code === 'land')?.email).toBe('vanthu@stnmt.example');
    } finally {
      await database.close();
    }
  });

  test('a procedure naming an agency the province lacks stops the start', async () => {
    const file = writeDirectory(
      'no-justice.json',
      PROVINCE.filter((a) => a.code !== 'justice'),
    );
    await expect(start(file)).rejects.toThrow(/unknown agency "justice"/);
  });

  test.each([
    ['not JSON', '{ agencies: ', /MOTCUA_AGENCIES_FILE .*not-json\.json: /],
    ['a malformed identifier', [{ ...PROVINCE[0], identifier: 'H56' }], /agencies\.0\.identifier: /],
  ])('a file that is %s stops the start and says where', async (_case, content, message) => {
    const file = writeDirectory(_case === 'not JSON' ? 'not-json.json' : 'bad.json', content);
    const started = start(file);
    await expect(started).rejects.toThrow(ConfigError);
    await expect(started).rejects.toThrow(message);
  });
});

function byCode(a: { code: string }, b: { code: string }) {
  return a.code.localeCompare(b.code);
}
