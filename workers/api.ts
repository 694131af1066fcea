/** `npm run api`: the REST API alone, against TEMPORAL_ADDRESS and DATABASE_URL (a deployment's API service). */
import { loadConfig } from '../platform/config/config';
import { createLogger } from '../platform/config/logger';
import { startApi } from './api-process';
import { onShutdown, prepareDatabase } from './runtime';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const database = await prepareDatabase(config, logger);
  const api = await startApi(config, logger, database.prisma);
  onShutdown(logger, async () => {
    await api.stop();
    await database.close();
  });
  logger.info({ port: config.PORT }, 'MotCua API listening');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
