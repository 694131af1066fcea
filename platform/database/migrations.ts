import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { databaseProvider, pgConfig, sqliteAdapter, type Provider } from '../../prisma/adapters';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function migrationsDirectory(provider: Provider): string {
  return path.join(__dirname, '..', '..', 'prisma', provider, 'migrations');
}

/** The committed migrations of a provider, oldest first (folder names start with a timestamp). */
export function readMigrations(provider: Provider): Migration[] {
  const dir = migrationsDirectory(provider);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8').replace(/\r\n/g, '\n');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * Applies the migrations (by default the committed ones of the URL's provider) that the database
 * lacks, all in one transaction, and returns their names. Our own runner rather than
 * `prisma migrate deploy`: it runs in-process at every start without the CLI and its experimental
 * JavaScript schema engine, and it serialises concurrent starters (API and worker) with a lock that
 * each database offers.
 */
export function migrateDatabase(url: string, migrations?: Migration[]): Promise<string[]> {
  // One at a time per URL within a process: better-sqlite3 waits for a lock synchronously, so a second
  // runner here would block the very event loop that the lock holder needs to finish.
  const run = (queues.get(url) ?? Promise.resolve())
    .catch(() => undefined)
    .then(() => migrate(url, migrations));
  queues.set(url, run);
  return run;
}

const queues = new Map<string, Promise<string[]>>();

async function migrate(url: string, migrations?: Migration[]): Promise<string[]> {
  const provider = databaseProvider(url);
  const connection =
    provider === 'sqlite' ? await sqliteMigrationConnection(url) : await pgMigrationConnection(url);
  try {
    return await applyMigrations(connection, DIALECTS[provider], migrations ?? readMigrations(provider));
  } finally {
    await connection.close();
  }
}

interface MigrationConnection {
  /** Runs a script of one or more statements. */
  run(sql: string): Promise<void>;
  rows(sql: string): Promise<unknown[][]>;
  close(): Promise<void>;
}

interface MigrationDialect {
  /** Opens the transaction holding the lock that makes concurrent runners wait for each other. */
  begin: string;
  /** Rows that name broken foreign keys, for databases that do not check them during the script. */
  foreignKeyCheck?: string;
}

const DIALECTS: Record<Provider, MigrationDialect> = {
  sqlite: {
    // Foreign keys off (only possible outside a transaction) so that a table rebuild by a migration
    // does not cascade deletes; checked before commit instead (SQLite's ALTER TABLE procedure).
    begin: 'PRAGMA journal_mode = WAL; PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE',
    foreignKeyCheck: 'PRAGMA foreign_key_check',
  },
  postgresql: { begin: "BEGIN; SELECT pg_advisory_xact_lock(hashtext('motcua._migrations'))" },
};

const BOOKKEEPING =
  'CREATE TABLE IF NOT EXISTS "_migrations" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, "appliedAt" TEXT NOT NULL)';

async function applyMigrations(
  connection: MigrationConnection,
  dialect: MigrationDialect,
  migrations: Migration[],
): Promise<string[]> {
  await connection.run(dialect.begin);
  try {
    await connection.run(BOOKKEEPING);
    const rows = await connection.rows('SELECT name, checksum FROM "_migrations"');
    const pending = pendingMigrations(
      migrations,
      new Map(rows.map(([name, sum]) => [String(name), String(sum)])),
    );
    for (const migration of pending) {
      await connection.run(migration.sql);
      await connection.run(
        `INSERT INTO "_migrations" (name, checksum, "appliedAt") VALUES (${sqlString(migration.name)}, ` +
          `${sqlString(migration.checksum)}, ${sqlString(new Date().toISOString())})`,
      );
    }
    if (dialect.foreignKeyCheck && (await connection.rows(dialect.foreignKeyCheck)).length > 0) {
      throw new Error('the migrations leave rows with broken foreign keys');
    }
    await connection.run('COMMIT');
    return pending.map((migration) => migration.name);
  } catch (error) {
    // The database may have ended the transaction itself; the first error is the one to report.
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Refuses a database this code cannot safely migrate: one it is older than, or edited history. */
function pendingMigrations(migrations: Migration[], applied: Map<string, string>): Migration[] {
  for (const [name, checksum] of applied) {
    const known = migrations.find((migration) => migration.name === name);
    if (!known) throw new Error(`the database has migration ${name}, which this code does not know`);
    if (known.checksum !== checksum) {
      throw new Error(`migration ${name} changed after it was applied: add a new migration instead`);
    }
  }
  return migrations.filter((migration) => !applied.has(migration.name));
}

function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Prisma's own adapter connection: the one `executeScript` that Prisma Migrate uses on SQLite. */
async function sqliteMigrationConnection(url: string): Promise<MigrationConnection> {
  const adapter = await sqliteAdapter(url).connect();
  return {
    run: (sql) => adapter.executeScript(sql),
    rows: async (sql) => (await adapter.queryRaw({ sql, args: [], argTypes: [] })).rows,
    close: () => adapter.dispose(),
  };
}

/** One pg connection (not a pool): the transaction and its lock must stay on it. */
async function pgMigrationConnection(url: string): Promise<MigrationConnection> {
  const client = new PgClient(pgConfig(url));
  await client.connect();
  return {
    // Without parameters pg uses the simple protocol, which accepts a script of statements.
    run: async (sql) => {
      await client.query(sql);
    },
    rows: async (sql) => (await client.query({ text: sql, rowMode: 'array' })).rows,
    close: () => client.end(),
  };
}
