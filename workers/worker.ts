/** `npm run worker`: the dossier worker alone, against TEMPORAL_ADDRESS and DATABASE_URL. */
import { loadConfig } from '../platform/config/config';
import { createLogger } from '../platform/config/logger';
import { ensureSearchAttributes, onShutdown, prepareDatabase } from './runtime';
import { startWorker } from './worker-process';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  await ensureSearchAttributes(config);
  const database = await prepareDatabase(config, logger);
  const worker = await startWorker(config, logger, database.prisma);
  onShutdown(logger, async () => {
    await worker.stop();
    await database.close();
  });
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE }, 'MotCua worker running');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
