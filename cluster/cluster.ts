/**
 * MotCua's production topology on this machine, without Docker: PostgreSQL for Temporal and for the
 * read model, the Temporal server proper on it (schema set up with its SQL tool) and its Web UI when
 * built, or the dev server in tests, then workers and API processes on ports of their own, and a
 * loopback mail catcher as the notification sink. `npm run cluster` and the chaos run start it here.
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
import { loadConfig } from '../platform/config/config';
import type { Logger } from '../platform/config/logger';
import { startMailCatcher } from '../platform/dev/mail-catcher';
import { startPostgres } from '../platform/dev/postgres';
import { startDevServer } from '../platform/dev/temporal-dev-server';
import { registerSearchAttributes } from '../platform/temporal/search-attributes';
import { DOSSIER_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { prepareDatabase } from '../workers/runtime';
import { ensureWorkflowBundle } from '../workers/workflow-bundle';
import {
  binaryPath,
  builtVersion,
  CLUSTER_BINARIES,
  TEMPORAL_SERVER,
  TEMPORAL_SQL_TOOL,
  TEMPORAL_UI_SERVER,
} from './binaries';
import { spawnChild, waitFor, type Child, type Part } from './processes';
import { TOPOLOGY, WORKER_ENVIRONMENT, type AppEnvironment } from './topology';

const ROOT = path.resolve(__dirname, '..');
const TEMPORAL_ROLE = TOPOLOGY.temporal.role;
const APP_ROLE = TOPOLOGY.app.role;
/** Closed dossiers stay in Temporal this long; the read model and audit trail keep them for good. */
const RETENTION = '7 days';

const execFileAsync = promisify(execFile);

export interface ClusterOptions {
  /** The Temporal server proper on PostgreSQL, or the dev server on a SQLite file (tests). */
  temporal: 'server' | 'dev';
  /** Logs, the mail sink and the dev server's file go under it. */
  runDir: string;
  temporalPort: number;
  apiPorts: number[];
  workers: number;
  /** The Web UI's port; without it, no UI. */
  uiPort?: number;
  namespace: string;
  taskQueue: string;
  logger: Logger;
}

/** A process of the cluster that can be crashed, stopped and started again. */
export interface Service {
  name: string;
  /** SIGKILL, then the same process again, ready. */
  crash(): Promise<void>;
  /** A graceful stop, then the same process again, ready. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** Rejects when the running process ends by itself. */
  ended(): Promise<never>;
}

export interface Cluster {
  temporalAddress: string;
  namespace: string;
  apiUrls: string[];
  uiUrl?: string;
  postgresUrl: string;
  /** The read model as the workers and APIs reach it. */
  databaseUrl: string;
  /** The payload keys every process seals payloads with (MOTCUA_PAYLOAD_KEYS). */
  payloadKeys: string;
  mailDir: string;
  logDir: string;
  temporal: Service;
  workers: Service[];
  apis: Service[];
  /** Stops every part in the reverse order of starting. */
  stop(): Promise<void>;
}

export function checkBinaries(): void {
  const stale = CLUSTER_BINARIES.filter((b) => b.required && builtVersion(b) !== b.version);
  if (stale.length) {
    throw new Error(
      `missing ${stale.map((b) => `${b.title} ${b.version}`).join(', ')}: run \`npm run cluster:install\` first`,
    );
  }
}

export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const parts: Part[] = [];
  const stop = async () => {
    for (const part of parts.reverse()) {
      opts.logger.info({ part: part.name }, 'stopping');
      await part.stop().catch((err: unknown) => opts.logger.error({ err, part: part.name }, 'stop failed'));
    }
  };
  try {
    return { ...(await start(opts, parts)), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function start(opts: ClusterOptions, parts: Part[]): Promise<Omit<Cluster, 'stop'>> {
  if (opts.temporal === 'server') checkBinaries();
  const logDir = path.join(opts.runDir, 'logs');
  fs.rmSync(logDir, { recursive: true, force: true });
  // Detached, so that Ctrl-C reaches only the cluster script, which stops the database last.
  const database = await startPostgres({ detached: true });
  parts.push({ name: 'PostgreSQL', stop: database.stop });
  const dbPort = new URL(database.url).port;
  await createRolesAndDatabases(database.url);

  const temporalAddress = `127.0.0.1:${opts.temporalPort}`;
  const temporal =
    opts.temporal === 'server'
      ? await temporalServerService(opts, dbPort, logDir)
      : await devServerService(opts, path.join(opts.runDir, 'temporal-dev.db'), logDir);
  parts.push(temporal);
  await prepareNamespace(temporalAddress, opts.namespace, opts.logger);

  const mailDir = path.join(opts.runDir, 'mail');
  fs.rmSync(mailDir, { recursive: true, force: true });
  const mail = await startMailCatcher(mailDir);
  parts.push({ name: 'mail catcher', stop: mail.stop });

  const publicBaseUrl = process.env.MOTCUA_PUBLIC_BASE_URL ?? `http://localhost:${opts.apiPorts[0]}`;
  let uiUrl: string | undefined;
  if (opts.uiPort !== undefined && opts.temporal === 'server') {
    const ui = await startUi(temporalAddress, opts.uiPort, publicBaseUrl, logDir);
    if (ui) {
      parts.push(ui);
      uiUrl = `http://localhost:${opts.uiPort}`;
    }
  }
  const uiPort = opts.uiPort ?? TOPOLOGY.ui.port;
  const databaseUrl = `postgresql://${APP_ROLE.user}:${APP_ROLE.password}@127.0.0.1:${dbPort}/${APP_ROLE.database}`;
  const shared: AppEnvironment = {
    DATABASE_URL: databaseUrl,
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
  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...shared,
    TEMPORAL_NAMESPACE: opts.namespace,
    TEMPORAL_TASK_QUEUE: opts.taskQueue,
    MOTCUA_SEED_DEMO: 'false',
  };
  // Migrated and seeded once here, so that every process finds the read model ready.
  const readModel = await prepareDatabase(loadConfig({ ...appEnv, MOTCUA_SEED_DEMO: 'true' }), opts.logger);
  await readModel.close();
  // Built once here, not by each worker at its first start.
  ensureWorkflowBundle();

  // What is set in this environment wins, as for the secrets: a benchmark tries other cache sizes.
  const workerEnv = { ...WORKER_ENVIRONMENT, ...appEnv };
  const workers = Array.from({ length: opts.workers }, (_, i) =>
    entryPointService(`worker-${i + 1}`, 'workers/worker.ts', workerEnv, logDir, async () => undefined),
  );
  for (const worker of workers) {
    await worker.restart();
    parts.push(worker);
  }
  await waitForWorkers(temporalAddress, opts, Promise.race(workers.map((w) => w.ended())));
  const apis = opts.apiPorts.map((port, i) =>
    entryPointService(`api-${i + 1}`, 'workers/api.ts', { ...appEnv, PORT: String(port) }, logDir, (child) =>
      waitFor(`API on port ${port}`, () => fetchOk(`http://127.0.0.1:${port}/health`), {
        exited: child.exited,
      }),
    ),
  );
  for (const api of apis) {
    await api.restart();
    parts.push(api);
  }
  return {
    temporalAddress,
    namespace: opts.namespace,
    apiUrls: opts.apiPorts.map((port) => `http://127.0.0.1:${port}`),
    uiUrl,
    postgresUrl: database.url,
    databaseUrl,
    payloadKeys: shared.MOTCUA_PAYLOAD_KEYS,
    mailDir,
    logDir,
    temporal,
    workers,
    apis,
  };
}

/**
 * A service over a process that `launch` starts and `ready` waits for. Its first `restart()` starts it;
 * each later incarnation appends to the same log.
 */
function service(name: string, launch: () => Promise<Child>): Service {
  let current: Child | undefined;
  const relaunch = async () => {
    current = await launch();
  };
  return {
    name,
    async crash() {
      await current?.kill();
      await relaunch();
    },
    async restart() {
      await current?.stop();
      await relaunch();
    },
    async stop() {
      await current?.stop();
      current = undefined;
    },
    ended: () => current?.exited ?? new Promise<never>(() => undefined),
  };
}

/** One of the project's own entry points (`npm run worker`, `npm run api`), run with tsx. */
function entryPointService(
  name: string,
  file: string,
  env: NodeJS.ProcessEnv,
  logDir: string,
  ready: (child: Child) => Promise<void>,
): Service {
  let incarnation = 0;
  return service(name, async () => {
    incarnation += 1;
    const child = spawnChild({
      name,
      command: process.execPath,
      args: [require.resolve('tsx/cli'), file],
      cwd: ROOT,
      env,
      logFile: path.join(logDir, incarnation === 1 ? `${name}.log` : `${name}.${incarnation}.log`),
    });
    await ready(child);
    return child;
  });
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
async function setUpTemporalSchema(dbPort: string, database: string, schema: string, logger: Logger) {
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

async function temporalServerService(opts: ClusterOptions, dbPort: string, logDir: string): Promise<Service> {
  for (const [name, schema] of [
    ['temporal', 'postgresql/v12/temporal'],
    ['temporal_visibility', 'postgresql/v12/visibility'],
  ]) {
    await setUpTemporalSchema(dbPort, name, schema, opts.logger);
  }
  const env = {
    ...process.env,
    TEMPORAL_DB_PLUGIN: TOPOLOGY.temporal.sqlPlugin,
    TEMPORAL_DB_PORT: dbPort,
    TEMPORAL_DB_USER: TEMPORAL_ROLE.user,
    TEMPORAL_DB_PASSWORD: TEMPORAL_ROLE.password,
    TEMPORAL_FRONTEND_PORT: String(opts.temporalPort),
  };
  let incarnation = 0;
  const temporal = service('Temporal server', async () => {
    incarnation += 1;
    const server = spawnChild({
      name: 'Temporal server',
      command: binaryPath(TEMPORAL_SERVER),
      // No authorizer: the cluster listens on loopback only.
      args: ['--root', ROOT, '--config', 'cluster/temporal', '--env', 'motcua', '--allow-no-auth', 'start'],
      env,
      logFile: path.join(
        logDir,
        incarnation === 1 ? 'temporal-server.log' : `temporal-server.${incarnation}.log`,
      ),
    });
    await waitFor(
      'Temporal server',
      async () => {
        const connection = await Connection.connect({
          address: `127.0.0.1:${opts.temporalPort}`,
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
    opts.logger.info({ port: opts.temporalPort }, 'Temporal server ready');
    return server;
  });
  await temporal.restart();
  return temporal;
}

/** The dev server on a SQLite file, so that a restart finds every workflow again. */
async function devServerService(opts: ClusterOptions, dbFile: string, logDir: string): Promise<Service> {
  fs.rmSync(dbFile, { force: true });
  const temporal = service('Temporal dev server', async () => {
    const server = await startDevServer({
      port: opts.temporalPort,
      dbFile,
      namespace: opts.namespace,
      searchAttributes: DOSSIER_SEARCH_ATTRIBUTES,
      logFile: path.join(logDir, 'temporal-dev.log'),
      startTimeoutMs: 120_000,
    });
    return {
      name: 'Temporal dev server',
      exited: new Promise<never>(() => undefined),
      stop: server.stop,
      kill: server.stop,
    };
  });
  fs.mkdirSync(logDir, { recursive: true });
  await temporal.restart();
  return temporal;
}

/** Registers the namespace and MotCua's search attributes, which the server alone does not have. */
async function prepareNamespace(address: string, namespace: string, logger: Logger): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    await connection.workflowService
      .registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(RETENTION) })
      .catch((error: unknown) => {
        // The dev server made it, or the database outlived an earlier start.
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

async function startUi(
  temporalAddress: string,
  port: number,
  apiOrigin: string,
  logDir: string,
): Promise<Child | undefined> {
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
    logFile: path.join(logDir, 'temporal-ui.log'),
  });
  await waitFor(`Web UI on port ${port}`, () => fetchOk(`http://127.0.0.1:${port}/`), { exited: ui.exited });
  return ui;
}

/** Every worker polls the dossier task queue. */
async function waitForWorkers(address: string, opts: ClusterOptions, exited: Promise<never>): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    await waitFor(
      `${opts.workers} workers`,
      async () => {
        const { pollers } = await connection.workflowService.describeTaskQueue({
          namespace: opts.namespace,
          taskQueue: { name: opts.taskQueue },
        });
        if ((pollers?.length ?? 0) < opts.workers) throw new Error(`${pollers?.length ?? 0} polling`);
      },
      { timeoutMs: 300_000, exited },
    );
  } finally {
    await connection.close();
  }
}

async function fetchOk(url: string): Promise<void> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
}
