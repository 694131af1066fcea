import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Provider } from '../platform/database/client';
import { migrationsDirectory, readMigrations } from '../platform/database/migrations';
import { startPostgres } from '../platform/dev/postgres';
import { derivePostgresqlSchema, POSTGRESQL_SCHEMA, SQLITE_SCHEMA } from './derive-postgresql';

/**
 * Adds one migration per provider for what changed in prisma/sqlite/schema.prisma since the last
 * commit (or since a given git ref):
 *
 *   npx tsx prisma/new-migration.ts <snake_case_name> [git-ref]
 *
 * It derives the PostgreSQL schema, then diffs the old schema against the new one with
 * `prisma migrate diff --from-schema-datamodel`. Prisma 6.19's offline engine cannot replay migrations
 * into a PostgreSQL shadow database (it fails to read the `name` type), hence the committed schema as
 * the baseline; tests/persistence/schema.test.ts proves that the migrations rebuild the schema.
 * The PostgreSQL diff needs a live server even so: a throwaway one (platform/dev/postgres.ts).
 */

const PRISMA_CONFIGS: Record<Provider, string> = {
  sqlite: 'prisma.config.ts',
  postgresql: 'prisma.postgresql.config.ts',
};
const ROOT = path.join(__dirname, '..');
const PROVIDERS: readonly Provider[] = ['sqlite', 'postgresql'];

/**
 * The SQL that takes a database from `fromSchema` (a schema file; empty when undefined) to the
 * provider's schema, or '' when there is nothing to do. `databaseUrl` is the server the engine asks.
 */
export function schemaDiffSql(
  provider: Provider,
  fromSchema: string | undefined,
  databaseUrl: string,
): string {
  const from = fromSchema ? ['--from-schema-datamodel', fromSchema] : ['--from-empty'];
  const cli = spawnSync(
    process.execPath,
    [
      require.resolve('prisma/build/index.js'),
      'migrate',
      'diff',
      '--config',
      PRISMA_CONFIGS[provider],
      ...from,
    ].concat([
      '--to-schema-datamodel',
      path.join('prisma', provider, 'schema.prisma'),
      '--script',
      '--exit-code',
    ]),
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: databaseUrl } },
  );
  // --exit-code: 0 no difference, 2 a difference, anything else an error.
  if (cli.status !== 0 && cli.status !== 2) {
    throw new Error(`prisma migrate diff (${provider}) failed:\n${cli.stderr}${cli.stdout}`);
  }
  return cli.status === 2 ? cli.stdout : '';
}

/** The committed schemas at `ref`, written to a temp folder, per provider. */
function baselineSchemas(ref: string, dir: string): Record<Provider, string> {
  const source = execFileSync('git', ['show', `${ref}:prisma/sqlite/schema.prisma`], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const files = { sqlite: path.join(dir, 'sqlite.prisma'), postgresql: path.join(dir, 'postgresql.prisma') };
  fs.writeFileSync(files.sqlite, source);
  fs.writeFileSync(files.postgresql, derivePostgresqlSchema(source));
  return files;
}

function timestamp(now: Date): string {
  return now.toISOString().replace(/\D/g, '').slice(0, 14);
}

async function main(name: string | undefined, ref = 'HEAD'): Promise<void> {
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    throw new Error('usage: npx tsx prisma/new-migration.ts <snake_case_name> [git-ref]');
  }
  fs.writeFileSync(POSTGRESQL_SCHEMA, derivePostgresqlSchema(fs.readFileSync(SQLITE_SCHEMA, 'utf8')));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-migration-'));
  const postgres = await startPostgres();
  try {
    const first = PROVIDERS.every(
      (provider) => !fs.existsSync(migrationsDirectory(provider)) || readMigrations(provider).length === 0,
    );
    const baseline = first ? undefined : baselineSchemas(ref, tmp);
    const sql = {
      sqlite: schemaDiffSql('sqlite', baseline?.sqlite, 'file::memory:'),
      postgresql: schemaDiffSql('postgresql', baseline?.postgresql, postgres.url),
    };
    if (!sql.sqlite && !sql.postgresql) {
      console.log(`prisma/sqlite/schema.prisma has not changed since ${ref}: nothing to add`);
      return;
    }
    const folder = `${timestamp(new Date())}_${name}`;
    for (const provider of PROVIDERS) {
      const dir = migrationsDirectory(provider);
      fs.mkdirSync(path.join(dir, folder), { recursive: true });
      // Prisma's tools read the provider of a migrations folder from this file.
      fs.writeFileSync(path.join(dir, 'migration_lock.toml'), `provider = "${provider}"\n`);
      fs.writeFileSync(path.join(dir, folder, 'migration.sql'), sql[provider]);
      console.log(`wrote ${path.relative(ROOT, path.join(dir, folder, 'migration.sql'))}`);
    }
  } finally {
    await postgres.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main(process.argv[2], process.argv[3]).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
