import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Provider } from '../../platform/database/client';
import { migrateDatabase, migrationsDirectory } from '../../platform/database/migrations';
import { derivePostgresqlSchema, POSTGRESQL_SCHEMA, SQLITE_SCHEMA } from '../../prisma/derive-postgresql';
import { schemaDiffSql } from '../../prisma/new-migration';
import { PROVIDERS, useDatabases } from '../harness/databases';

/** A schema file without its leading comment, which says where it comes from. */
function body(file: string): string[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  return lines.slice(lines.findIndex((line) => !line.startsWith('//') && line.trim() !== ''));
}

describe('the PostgreSQL schema', () => {
  test('is the one derived from the SQLite schema (run `npx tsx prisma/derive-postgresql.ts`)', () => {
    expect(fs.readFileSync(POSTGRESQL_SCHEMA, 'utf8')).toBe(
      derivePostgresqlSchema(fs.readFileSync(SQLITE_SCHEMA, 'utf8')),
    );
  });

  test('differs from the SQLite schema in the provider only', () => {
    const [sqlite, postgresql] = [body(SQLITE_SCHEMA), body(POSTGRESQL_SCHEMA)];
    expect(postgresql).toHaveLength(sqlite.length);
    const differences = sqlite.flatMap((line, i) =>
      line === postgresql[i] ? [] : [[line.trim(), postgresql[i].trim()]],
    );
    expect(differences).toEqual([
      ['output       = "../../generated/sqlite"', 'output       = "../../generated/postgresql"'],
      ['provider = "sqlite"', 'provider = "postgresql"'],
    ]);
  });
});

/** Tables, columns, indexes and keys as the database itself reports them, our bookkeeping left out. */
const CATALOGUE: Record<Provider, string[]> = {
  sqlite: [
    `SELECT m.name AS tbl, c.name AS col, c.type, c."notnull", c.dflt_value, c.pk
     FROM sqlite_master m JOIN pragma_table_info(m.name) c
     WHERE m.type = 'table' AND m.name <> '_migrations' ORDER BY 1, 2`,
    `SELECT m.name AS tbl, i.name AS idx, i."unique",
       (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info(i.name) ORDER BY seqno)) AS cols
     FROM sqlite_master m JOIN pragma_index_list(m.name) i
     WHERE m.type = 'table' AND m.name <> '_migrations' ORDER BY 1, 2`,
    `SELECT m.name AS tbl, f."table" AS ref, f."from", f."to", f.on_update, f.on_delete
     FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
     WHERE m.type = 'table' ORDER BY 1, 2, 3`,
  ],
  // Cast to text: the pg adapter cannot read PostgreSQL's `name` type.
  postgresql: [
    `SELECT table_name::text AS tbl, column_name::text AS col, data_type::text, is_nullable::text,
       column_default::text, datetime_precision::int
     FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name <> '_migrations' ORDER BY 1, 2`,
    `SELECT tablename::text AS tbl, indexname::text AS idx, indexdef::text
     FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_migrations' ORDER BY 1, 2`,
    `SELECT conrelid::regclass::text AS tbl, conname::text AS con, pg_get_constraintdef(oid)::text AS def
     FROM pg_constraint
     WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_migrations' ORDER BY 1, 2`,
  ],
};

async function catalogue(provider: Provider, url: string): Promise<unknown[][]> {
  const database = await openDatabase(url);
  try {
    const results: unknown[][] = [];
    for (const sql of CATALOGUE[provider])
      results.push(await database.prisma.$queryRawUnsafe<unknown[]>(sql));
    // SQLite answers integers as BigInt.
    return JSON.parse(
      JSON.stringify(results, (_, value: unknown) => (typeof value === 'bigint' ? Number(value) : value)),
    ) as unknown[][];
  } finally {
    await database.close();
  }
}

describe.each(PROVIDERS)('%s: committed migrations', (provider) => {
  const databases = useDatabases(provider);

  test('name their provider in migration_lock.toml', () => {
    const lock = fs.readFileSync(path.join(migrationsDirectory(provider), 'migration_lock.toml'), 'utf8');
    expect(lock).toContain(`provider = "${provider}"`);
  });

  test('build the database the schema describes (else run `npx tsx prisma/new-migration.ts <name>`)', async () => {
    const migrated = await databases.emptyUrl();
    await migrateDatabase(migrated);

    const fromSchema = await databases.emptyUrl();
    // The engine asks a live server even for a diff from nothing; SQLite's is in memory.
    const sql = schemaDiffSql(provider, undefined, provider === 'sqlite' ? 'file::memory:' : fromSchema);
    await migrateDatabase(fromSchema, [{ name: 'from_schema', sql, checksum: '' }]);

    const expected = await catalogue(provider, fromSchema);
    expect(expected[0].length).toBeGreaterThan(80);
    expect(await catalogue(provider, migrated)).toEqual(expected);
  });
});
