/**
 * `npm run cluster`: MotCua's production topology on this machine, without Docker. PostgreSQL for
 * Temporal and for the read model, the Temporal server proper on it (schema set up with its SQL tool),
 * its Web UI when built, two workers and two API processes, and a loopback mail catcher as the
 * notification sink. Ctrl-C stops everything in the reverse order.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { status as grpcStatus } from '@grpc/grpc-js';
import { Connection, isGrpcServiceError } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { Client as PgClient } from 'pg';
import { loadConfig, type Config } from '../platform/config/config';
import { createLogger } from '../platform/config/logger';
import { startMailCatcher } from '../platform/dev/mail-catcher';
import { startPostgres } from '../platform/dev/postgres';
import { registerSearchAttributes } from '../platform/temporal/search-attributes';
import { DOSSIER_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { prepareDatabase } from '../workers/runtime';
import {
  binaryPath,
  builtVersion,
  CLUSTER_BINARIES,
  CLUSTER_DIR,
  TEMPORAL_SERVER,
  TEMPORAL_SQL_TOOL,
  TEMPORAL_UI_SERVER,
} from './binaries';
import { spawnChild, waitFor, type Child, type Part } from './processes';
import { TOPOLOGY, type AppEnvironment } from './topology';

const ROOT = path.resolve(__dirname, '..');
const RUN_DIR = path.join(CLUSTER_DIR, 'run');
const LOG_DIR = path.join(RUN_DIR, 'logs');
const TEMPORAL_ROLE = TOPOLOGY.temporal.role;
const APP_ROLE = TOPOLOGY.app.role;
/** Closed dossiers stay in Temporal this long; the read model and audit trail keep them for good. */
const RETENTION = '7 days';
const WORKERS = TOPOLOGY.app.workers;
const APIS = TOPOLOGY.app.apis;

const execFileAsync = promisify(execFile);
const logger = createLogger(process.env.LOG_LEVEL);
const parts: Part[] = [];

async function main(): Promise<void> {
  const config = loadConfig();
  checkBinaries();
  fs.rmSync(LOG_DIR, { recursive: true, force: true });

  const database = await startDatabaseServer();
  parts.push({ name: 'PostgreSQL', stop: database.stop });
  const dbPort = new URL(database.url).port;
  await createRolesAndDatabases(database.url);
  for (const [name, schema] of [
    ['temporal', 'postgresql/v12/temporal'],
    ['temporal_visibility', 'postgresql/v12/visibility'],
  ]) {
    await setUpTemporalSchema(dbPort, name, schema);
  }

  const temporalAddress = `127.0.0.1:${config.MOTCUA_TEMPORAL_PORT}`;
  const temporal = await startTemporalServer(config.MOTCUA_TEMPORAL_PORT, dbPort);
  parts.push(temporal);
  await prepareNamespace(temporalAddress, config.TEMPORAL_NAMESPACE);

  const mail = await startMailCatcher(path.join(RUN_DIR, 'mail'));
  parts.push({ name: 'mail catcher', stop: mail.stop });

  const apiPorts = Array.from({ length: APIS }, (_, i) => config.PORT + i);
  const publicBaseUrl = process.env.MOTCUA_PUBLIC_BASE_URL ?? `http://localhost:${apiPorts[0]}`;
  const ui = await startUi(temporalAddress, config.MOTCUA_TEMPORAL_UI_PORT, publicBaseUrl);
  if (ui) parts.push(ui);
  const uiPort = config.MOTCUA_TEMPORAL_UI_PORT;
  const shared: AppEnvironment = {
    DATABASE_URL: `postgresql://${APP_ROLE.user}:${APP_ROLE.password}@127.0.0.1:${dbPort}/${APP_ROLE.database}`,
    TEMPORAL_ADDRESS: temporalAddress,
    SMTP_URL: mail.url,
    // Both API processes must accept the tokens either of them issues.
    MOTCUA_JWT_SECRET: process.env.MOTCUA_JWT_SECRET ?? crypto.randomBytes(32).toString('hex'),
    // A citizen's access code, issued by one API, must open the dossier through the other.
    MOTCUA_ACCESS_CODE_PEPPER:
      process.env.MOTCUA_ACCESS_CODE_PEPPER ?? crypto.randomBytes(32).toString('hex'),
    // Every worker and API must seal and open Temporal payloads with the same keys.
    MOTCUA_PAYLOAD_KEYS:
      process.env.MOTCUA_PAYLOAD_KEYS ?? `cluster:${crypto.randomBytes(32).toString('base64')}`,
    MOTCUA_TEMPORAL_UI_ORIGINS:
      process.env.MOTCUA_TEMPORAL_UI_ORIGINS ?? `http://localhost:${uiPort},http://127.0.0.1:${uiPort}`,
    MOTCUA_PUBLIC_BASE_URL: publicBaseUrl,
  };
  const appEnv: NodeJS.ProcessEnv = { ...process.env, ...shared, MOTCUA_SEED_DEMO: 'false' };
  // Migrated and seeded once here, so that the four processes find the read model ready.
  const readModel = await prepareDatabase(loadConfig({ ...appEnv, MOTCUA_SEED_DEMO: 'true' }), logger);
  await readModel.close();

  const workers = Array.from({ length: WORKERS }, (_, i) =>
    startEntryPoint(`worker-${i + 1}`, 'workers/worker.ts', appEnv),
  );
  parts.push(...workers);
  await waitForWorkers(temporalAddress, config, Promise.race(workers.map((w) => w.exited)));
  for (const [i, port] of apiPorts.entries()) {
    const api = startEntryPoint(`api-${i + 1}`, 'workers/api.ts', { ...appEnv, PORT: String(port) });
    parts.push(api);
    await waitFor(`API on port ${port}`, () => fetchOk(`http://127.0.0.1:${port}/health`), {
      exited: api.exited,
    });
  }

  console.log(
    [
      '',
      'MotCua cluster running (Ctrl-C stops it):',
      `  REST API            ${apiPorts.map((p) => `http://localhost:${p}/api/v1`).join('  ')}`,
      `  Temporal server     ${temporalAddress} (${TEMPORAL_SERVER.version}, namespace ${config.TEMPORAL_NAMESPACE})`,
      `  Temporal Web UI     ${ui ? `http://localhost:${config.MOTCUA_TEMPORAL_UI_PORT}` : 'not built (npm run cluster:install)'}`,
      `  PostgreSQL          ${database.url} (databases temporal, temporal_visibility, motcua)`,
      `  Workers             ${WORKERS} on task queue ${config.TEMPORAL_TASK_QUEUE}`,
      `  Mail (SMTP sink)    ${mail.url}, messages in ${path.relative(ROOT, path.join(RUN_DIR, 'mail'))}/`,
      `  Logs                ${path.relative(ROOT, LOG_DIR)}/`,
      '',
    ].join('\n'),
  );
  // A part that dies on its own takes the cluster down rather than leaving it half up.
  await Promise.race(parts.flatMap((part) => (part.exited ? [part.exited] : [])));
}

function checkBinaries(): void {
  const stale = CLUSTER_BINARIES.filter((b) => b.required && builtVersion(b) !== b.version);
  if (stale.length) {
    throw new Error(
      `missing ${stale.map((b) => `${b.title} ${b.version}`).join(', ')}: run \`npm run cluster:install\` first`,
    );
  }
}

/**
 * The one place that says where the cluster's PostgreSQL comes from. Detached, so that Ctrl-C reaches
 * only this script, which stops the server last, after everything that uses it.
 */
function startDatabaseServer() {
  return startPostgres({ detached: true });
}

async function createRolesAndDatabases(superuserUrl: string): Promise<void> {
  const client = new PgClient({ connectionString: superuserUrl });
  await client.connect();
  try {
    // The schema tool creates Temporal's databases itself; MotCua's own is created here.
    await client.query(
      `CREATE ROLE ${TEMPORAL_ROLE.user} LOGIN CREATEDB PASSWORD '${TEMPORAL_ROLE.password}'`,
    );
    await client.query(`CREATE ROLE ${APP_ROLE.user} LOGIN PASSWORD '${APP_ROLE.password}'`);
    await client.query(`CREATE DATABASE ${APP_ROLE.database} OWNER ${APP_ROLE.user}`);
  } finally {
    await client.end();
  }
}

/** Creates one of Temporal's databases and brings it to the schema embedded in the pinned tool. */
async function setUpTemporalSchema(dbPort: string, database: string, schema: string): Promise<void> {
  const tool = binaryPath(TEMPORAL_SQL_TOOL);
  const connection = ['--plugin', TOPOLOGY.temporal.sqlPlugin, '--ep', '127.0.0.1', '--port', dbPort];
  const credentials = ['--user', TEMPORAL_ROLE.user, '--password', TEMPORAL_ROLE.password];
  const base = [...connection, ...credentials, '--database', database];
  for (const command of [
    ['create-database'],
    ['setup-schema', '--version', '0.0'],
    ['update-schema', '--schema-name', schema],
  ]) {
    await execFileAsync(tool, [...base, ...command]).catch((error: Error & { stderr?: string }) => {
      throw new Error(
        `temporal-sql-tool ${command[0]} ${database} failed:\n${error.stderr ?? error.message}`,
      );
    });
  }
  logger.info({ database, schema }, 'Temporal schema set up');
}

async function startTemporalServer(frontendPort: number, dbPort: string): Promise<Child> {
  const env = {
    ...process.env,
    TEMPORAL_DB_PLUGIN: TOPOLOGY.temporal.sqlPlugin,
    TEMPORAL_DB_PORT: dbPort,
    TEMPORAL_DB_USER: TEMPORAL_ROLE.user,
    TEMPORAL_DB_PASSWORD: TEMPORAL_ROLE.password,
    TEMPORAL_FRONTEND_PORT: String(frontendPort),
  };
  const server = spawnChild({
    name: 'Temporal server',
    command: binaryPath(TEMPORAL_SERVER),
    // No authorizer: the cluster listens on loopback only.
    args: ['--root', ROOT, '--config', 'cluster/temporal', '--env', 'motcua', '--allow-no-auth', 'start'],
    env,
    logFile: path.join(LOG_DIR, 'temporal-server.log'),
  });
  await waitFor(
    'Temporal server',
    async () => {
      const connection = await Connection.connect({
        address: `127.0.0.1:${frontendPort}`,
        connectTimeout: 1_000,
      });
      try {
        await connection.workflowService.getSystemInfo({});
      } finally {
        await connection.close();
      }
    },
    { exited: server.exited, timeoutMs: 120_000 },
  );
  logger.info({ port: frontendPort }, 'Temporal server ready');
  return server;
}

/** Registers the namespace and MotCua's search attributes, which the server alone does not have. */
async function prepareNamespace(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    await connection.workflowService
      .registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(RETENTION) })
      .catch((error: unknown) => {
        // The namespace is there when the database outlived an earlier start.
        if (!isGrpcServiceError(error) || error.code !== grpcStatus.ALREADY_EXISTS) throw error;
      });
    // The frontend learns of a new namespace at its next cache refresh.
    await waitFor('namespace', () =>
      registerSearchAttributes(connection, namespace, DOSSIER_SEARCH_ATTRIBUTES),
    );
  } finally {
    await connection.close();
  }
  logger.info({ namespace }, 'namespace and search attributes registered');
}

async function startUi(temporalAddress: string, port: number, apiOrigin: string): Promise<Child | undefined> {
  if (builtVersion(TEMPORAL_UI_SERVER) !== TEMPORAL_UI_SERVER.version) return undefined;
  const ui = spawnChild({
    name: 'Temporal Web UI',
    command: binaryPath(TEMPORAL_UI_SERVER),
    args: ['--root', ROOT, '--config', 'cluster/ui', '--env', 'motcua', 'start'],
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_UI_PORT: String(port),
      TEMPORAL_CORS_ORIGIN: new URL(apiOrigin).origin,
      TEMPORAL_CODEC_ENDPOINT: `${apiOrigin}/codec`,
    },
    logFile: path.join(LOG_DIR, 'temporal-ui.log'),
  });
  await waitFor(`Web UI on port ${port}`, () => fetchOk(`http://127.0.0.1:${port}/`), { exited: ui.exited });
  return ui;
}

/** One of the project's own entry points (`npm run worker`, `npm run api`), run with tsx. */
function startEntryPoint(name: string, file: string, env: NodeJS.ProcessEnv): Child {
  return spawnChild({
    name,
    command: process.execPath,
    args: [require.resolve('tsx/cli'), file],
    cwd: ROOT,
    env,
    logFile: path.join(LOG_DIR, `${name}.log`),
  });
}

/** Every worker polls the dossier task queue. */
async function waitForWorkers(address: string, config: Config, exited: Promise<never>): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    await waitFor(
      `${WORKERS} workers`,
      async () => {
        const { pollers } = await connection.workflowService.describeTaskQueue({
          namespace: config.TEMPORAL_NAMESPACE,
          taskQueue: { name: config.TEMPORAL_TASK_QUEUE },
        });
        if ((pollers?.length ?? 0) < WORKERS) throw new Error(`${pollers?.length ?? 0} polling`);
      },
      { timeoutMs: 180_000, exited },
    );
  } finally {
    await connection.close();
  }
}

async function fetchOk(url: string): Promise<void> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
}

/** Stops every part in the reverse order of starting; a second Ctrl-C kills what is left. */
async function stopAll(): Promise<void> {
  for (const part of parts.reverse()) {
    logger.info({ part: part.name }, 'stopping');
    await part.stop().catch((err: unknown) => logger.error({ err, part: part.name }, 'stop failed'));
  }
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    void stopAll().then(() => process.exit(0));
  });
}

main().catch(async (error: unknown) => {
  if (stopping) return;
  stopping = true;
  console.error(error instanceof Error ? error.message : error);
  await stopAll();
  process.exit(1);
});
