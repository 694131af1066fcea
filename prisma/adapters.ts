import fs from 'node:fs';
import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { ClientConfig } from 'pg';

/**
 * Driver adapters per database URL, shared by platform/database/client.ts and the Prisma CLI's configuration
 * (prisma/cli-config.ts). Apart from platform/database/client.ts, which imports the generated clients: the
 * CLI loads its configuration before `prisma generate` has written them.
 */

export type Provider = 'sqlite' | 'postgresql';

/** API and worker write to one SQLite file: wait this long for the other's write lock. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;
/** pg waits forever for a connection by default, which would hang health checks and start-up. */
const PG_CONNECT_TIMEOUT_MS = 5_000;

export function databaseProvider(url: string): Provider {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
  // Only the scheme: the rest may hold a password.
  throw new Error(`unsupported database URL scheme "${url.split(':')[0]}:" (use file: or postgresql://)`);
}

export function createAdapter(url: string): PrismaBetterSQLite3 | PrismaPg {
  return databaseProvider(url) === 'sqlite' ? sqliteAdapter(url) : postgresqlAdapter(url);
}

/** `file:path` relative to the working directory; the folder is created if missing. */
export function sqliteAdapter(url: string): PrismaBetterSQLite3 {
  const file = url.slice('file:'.length).split('?')[0];
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return new PrismaBetterSQLite3({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS });
}

export function postgresqlAdapter(url: string): PrismaPg {
  return new PrismaPg(pgConfig(url));
}

export function pgConfig(url: string): ClientConfig {
  return { connectionString: url, connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS };
}
