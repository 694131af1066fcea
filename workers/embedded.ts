/**
 * `npm start`: the whole stack in one process on its embedded default — a Temporal dev server with the
 * Web UI persisted under data/, the worker, the API and SQLite. With TEMPORAL_ADDRESS set it uses that
 * cluster and spawns no server.
 */
import path from 'node:path';
import { loadConfig } from '../platform/config/config';
import { createLogger } from '../platform/config/logger';
import { startMailCatcher } from '../platform/dev/mail-catcher';
import { startDevServer, type DevServer } from '../platform/dev/temporal-dev-server';
import { SIMULATED_PAYMENT_PATH, startPortalSimulator } from '../platform/dev/portal-simulator';
import { DOSSIER_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { DEMO_AGENCIES } from '../domain/agencies';
import { API_BASE } from '../api/app';
import { startApi } from './api-process';
import { ensureSearchAttributes, onShutdown, prepareDatabase } from './runtime';
import { startWorker } from './worker-process';

async function main() {
  let config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const stops: Array<() => Promise<void>> = [];
  // Stop in reverse order of start, and go on past a failing stop so the dev server never outlives us.
  const stopAll = async () => {
    for (const stop of stops.reverse())
      await stop().catch((err: unknown) => logger.error({ err }, 'stop failed'));
  };
  onShutdown(logger, stopAll);

  let address = config.TEMPORAL_ADDRESS;
  let devServer: DevServer | undefined;
  if (config.embeddedTemporal) {
    const dataDir = path.resolve(config.MOTCUA_DATA_DIR);
    devServer = await startDevServer({
      port: config.MOTCUA_TEMPORAL_PORT,
      uiPort: config.MOTCUA_TEMPORAL_UI_PORT,
      dbFile: path.join(dataDir, 'temporal.db'),
      namespace: config.TEMPORAL_NAMESPACE,
      searchAttributes: DOSSIER_SEARCH_ATTRIBUTES,
      logFile: path.join(dataDir, 'temporal.log'),
      codecEndpoint: `http://localhost:${config.PORT}/codec`,
    });
    stops.push(devServer.stop);
    address = devServer.address;
  } else {
    await ensureSearchAttributes(config);
  }

  // Without a relay configured, mail goes to a real SMTP server on loopback that files it under data/mail.
  let mailbox: string | undefined;
  if (config.embeddedTemporal && !config.SMTP_URL) {
    mailbox = path.resolve(config.MOTCUA_DATA_DIR, 'mail');
    const catcher = await startMailCatcher(mailbox);
    stops.push(() => catcher.stop());
    config = { ...config, SMTP_URL: catcher.url };
  }

  // Without a national portal configured, dossiers sync to the simulator, which keeps them in memory.
  let portalSimulator: string | undefined;
  if (config.embeddedTemporal && !config.MOTCUA_PORTAL_URL) {
    const simulator = await startPortalSimulator();
    stops.push(simulator.stop);
    portalSimulator = simulator.url;
    config = {
      ...config,
      MOTCUA_PORTAL_URL: simulator.url,
      MOTCUA_PORTAL_USERNAME: simulator.username,
      MOTCUA_PORTAL_PASSWORD: simulator.password,
      MOTCUA_PORTAL_UNIT_CODE: config.MOTCUA_PORTAL_UNIT_CODE ?? DEMO_AGENCIES[0].identifier,
    };
    // Likewise fees are paid on the simulator's payment platform, which calls this API back.
    if (!config.MOTCUA_PAYMENT_URL) {
      simulator.paymentCallbackUrl = `http://localhost:${config.PORT}${API_BASE}/portal/payment/callback`;
      config = {
        ...config,
        MOTCUA_PAYMENT_URL: simulator.url + SIMULATED_PAYMENT_PATH,
        MOTCUA_PAYMENT_PARTNER_CODE: 'MOTCUA',
        MOTCUA_PAYMENT_SECRET: simulator.paymentSecret,
      };
    }
  }

  const database = await prepareDatabase(config, logger);
  stops.push(() => database.close());
  const worker = await startWorker(config, logger, database.prisma, address);
  stops.push(() => worker.stop());
  const api = await startApi(config, logger, database.prisma, address);
  stops.push(() => api.stop());

  logger.info(
    {
      api: `http://localhost:${config.PORT}/api/v1`,
      docs: `http://localhost:${config.PORT}/docs`,
      temporalUi: devServer?.uiUrl,
      temporal: address,
      database: database.provider,
      mailbox,
      portalSimulator,
    },
    'MotCua is running',
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
