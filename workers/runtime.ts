import { Connection } from '@temporalio/client';
import { agencyDirectory } from '../platform/config/agencies';
import type { Config } from '../platform/config/config';
import type { Logger } from '../platform/config/logger';
import { syncProcedureCatalogue } from '../platform/database/catalogue';
import { openDatabase, type Database } from '../platform/database/client';
import { migrateDatabase } from '../platform/database/migrations';
import { syncAgencyDirectory } from '../platform/database/repositories/agencies';
import { seedDemoProvince } from '../platform/database/seed';
import { temporalConnectionOptions } from '../platform/temporal/connection';
import { registerSearchAttributes } from '../platform/temporal/search-attributes';
import { loadProcedures } from '../procedures';
import { DOSSIER_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

/**
 * Start-up shared by the process entry points: the database migrated, the agency directory and the
 * procedure catalogue (checked against it) written, and the demo province seeded where the deployment
 * asks for it.
 */
export async function prepareDatabase(config: Config, logger: Logger): Promise<Database> {
  const agencies = agencyDirectory(config);
  const procedures = loadProcedures(undefined, agencies);
  const applied = await migrateDatabase(config.databaseUrl);
  if (applied.length) logger.info({ applied }, 'database migrated');
  const database = await openDatabase(config.databaseUrl);
  await syncProcedureCatalogue(database.prisma, procedures);
  if (config.MOTCUA_SEED_DEMO ?? config.embeddedTemporal) {
    const { createdUsers } = await seedDemoProvince(database.prisma, {
      password: config.MOTCUA_DEMO_PASSWORD,
    });
    if (createdUsers.length) logger.info({ users: createdUsers.length }, 'demo province seeded');
  }
  // After the seed, which gives the demo's agencies their invented contacts on creation.
  await syncAgencyDirectory(database.prisma, agencies);
  return database;
}

/** Runs `stop` once on SIGINT or SIGTERM, then exits; a second signal exits at once. */
export function onShutdown(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

/** An external cluster learns the dossier search attributes at the first start of a worker or stack. */
export async function ensureSearchAttributes(config: Config): Promise<void> {
  const connection = await Connection.connect(temporalConnectionOptions(config));
  try {
    await registerSearchAttributes(connection, config.TEMPORAL_NAMESPACE, DOSSIER_SEARCH_ATTRIBUTES);
  } finally {
    await connection.close();
  }
}
