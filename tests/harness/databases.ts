import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database, type Provider } from '../../platform/database/client';
import { migrateDatabase } from '../../platform/database/migrations';
import { startPostgres, type PostgresServer } from '../../platform/dev/postgres';

/** Every persistence suite runs once per provider. */
export const PROVIDERS: readonly Provider[] = ['sqlite', 'postgresql'];

export interface TestDatabases {
  /** URL of a new, empty database. */
  emptyUrl(): Promise<string>;
  /** A new database with the committed migrations applied, opened; closed after the suite. */
  open(): Promise<Database>;
}

/**
 * Databases of one provider for the calling `describe`: a temp folder of SQLite files, or a throwaway
 * PostgreSQL server with one database each. Registers the hooks that start and remove them.
 */
export function useDatabases(provider: Provider): TestDatabases {
  let dir = '';
  let postgres: PostgresServer | undefined;
  let count = 0;
  const opened: Database[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-persistence-'));
    if (provider === 'postgresql') postgres = await startPostgres();
  });
  afterAll(async () => {
    await Promise.all(opened.map((database) => database.close()));
    await postgres?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const emptyUrl = async () => {
    count += 1;
    if (provider === 'sqlite') return `file:${path.join(dir, `test-${count}.db`)}`;
    if (!postgres) throw new Error('the PostgreSQL server did not start');
    return postgres.createDatabase(`test_${count}`);
  };
  return {
    emptyUrl,
    async open() {
      const url = await emptyUrl();
      await migrateDatabase(url);
      const database = await openDatabase(url);
      opened.push(database);
      return database;
    },
  };
}

export interface TestDatabaseUrl {
  url: string;
  /** Stops the PostgreSQL server or removes the SQLite file. */
  dispose: () => Promise<void>;
}

/** One empty database for a whole test file: a SQLite file, or a throwaway PostgreSQL server of its own. */
export async function createTestDatabaseUrl(provider: Provider): Promise<TestDatabaseUrl> {
  if (provider === 'postgresql') {
    const server = await startPostgres();
    return { url: await server.createDatabase('motcua'), dispose: () => server.stop() };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-db-'));
  return {
    url: `file:${path.join(dir, 'motcua.db')}`,
    dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
