import { PrismaClient as PostgresqlClient } from '../../generated/postgresql/client';
import { PrismaClient as SqliteClient } from '../../generated/sqlite/client';
import { databaseProvider, postgresqlAdapter, sqliteAdapter, type Provider } from '../../prisma/adapters';

export { databaseProvider, type Provider };

/**
 * The one client type of the code base. Both generated clients come from schemas that differ only in
 * the provider, so their models and delegates are the same; typing the PostgreSQL client as the SQLite
 * one also keeps callers to the portable subset (no PostgreSQL-only options such as
 * `mode: 'insensitive'` or `skipDuplicates`).
 */
export type Db = SqliteClient;

/** The provider of each client openDatabase made, for the raw queries whose SQL differs by dialect. */
const providers = new WeakMap<Db, Provider>();

export function providerOf(db: Db): Provider {
  const provider = providers.get(db);
  if (!provider) throw new Error('not a client from openDatabase');
  return provider;
}

export interface Database {
  prisma: Db;
  provider: Provider;
  close(): Promise<void>;
}

/**
 * Opens the database of a URL: `file:` (SQLite, the folder created if missing) or `postgres(ql)://`.
 * Open one per process and share it. On SQLite it is a single connection, and the adapter runs any
 * statement issued while a `$transaction` is open inside that transaction: prefer single statements
 * (as repositories/read-model.ts does) to transactions.
 */
export async function openDatabase(url: string): Promise<Database> {
  const provider = databaseProvider(url);
  let prisma: Db;
  if (provider === 'sqlite') {
    prisma = new SqliteClient({ adapter: sqliteAdapter(url) });
    // Readers never wait for the writer; persistent in the file, so any connection may set it.
    await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  } else {
    prisma = new PostgresqlClient({ adapter: postgresqlAdapter(url) }) as unknown as Db;
  }
  providers.set(prisma, provider);
  return { prisma, provider, close: () => prisma.$disconnect() };
}

export async function isDatabaseReachable(db: Db, timeoutMs = 3_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([db.$queryRaw`SELECT 1`.then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
