/**
 * `npm run bench:worker-memory [-- --dossiers N --cached-workflows C]`: a worker process's RSS, against a
 * Temporal dev server:
 *
 * 1. just after `Worker.create`, with the workflows bundled by webpack in the process (`workflowsPath`)
 *    and with the bundle built ahead of time (workers/workflow-bundle.ts), each in a fresh process;
 * 2. the production entry `workers/worker.ts` (every activity, SQLite read model) once running, then with N
 *    demo dossiers opened and left waiting in processing, the sticky cache at C (MOTCUA_WORKER_CACHED_WORKFLOWS).
 */
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { startDevServer } from '../platform/dev/temporal-dev-server';
import { freePort } from '../platform/dev/ports';
import { openDatabase } from '../platform/database/client';
import { encryptedDataConverter, parsePayloadKeys } from '../platform/temporal/encryption';
import { ensureWorkflowBundle } from '../workers/workflow-bundle';
import { DOSSIER_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { dossierLives } from './bench-api';

const TASK_QUEUE = 'bench-worker-memory';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    dossiers: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '10' },
    'cached-workflows': { type: 'string', default: '500' },
  },
});

const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/** RSS of a process by its id. */
function rssOf(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) * 1024;
}

/** In a child process of its own: creates a bare worker one way or the other and prints its RSS. */
async function bareWorker(address: string, bundling: string): Promise<void> {
  const connection = await NativeConnection.connect({ address });
  await Worker.create({
    connection,
    taskQueue: TASK_QUEUE,
    dataConverter: encryptedDataConverter([{ id: 'bench', key: crypto.randomBytes(32) }]),
    ...(bundling === 'prebuilt'
      ? { workflowBundle: ensureWorkflowBundle() }
      : { workflowsPath: require.resolve('../workflows') }),
  });
  console.log(process.memoryUsage().rss);
}

/** Starts workers/worker.ts (in this node, no tsx launcher between) and waits until it polls. */
async function productionWorker(env: NodeJS.ProcessEnv) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.resolve(__dirname, '../workers/worker.ts')],
    {
      env,
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('MotCua worker running')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`workers/worker.ts exited with ${code}`)));
  });
  return child;
}

async function main(): Promise<void> {
  if (positionals[0] === 'bare') return bareWorker(positionals[1], positionals[2]);
  const log = (message: string) => console.log(`[bench-worker-memory] ${message}`);
  const server = await startDevServer({
    port: await freePort(),
    searchAttributes: DOSSIER_SEARCH_ATTRIBUTES,
    logFile: path.join(os.tmpdir(), 'motcua-bench-worker-memory.log'),
  });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-worker-memory-'));
  try {
    ensureWorkflowBundle();
    const bare: string[] = [];
    for (const bundling of ['in-process', 'prebuilt']) {
      const rss = execFileSync(
        process.execPath,
        ['--import', 'tsx', __filename, 'bare', server.address, bundling],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
      );
      bare.push(`${megabytes(Number(rss.trim()))} bundled ${bundling}`);
    }

    const payloadKeys = `bench:${crypto.randomBytes(32).toString('base64')}`;
    const databaseUrl = `file:${path.join(dataDir, 'motcua.db')}`;
    const worker = await productionWorker({
      ...process.env,
      TEMPORAL_ADDRESS: server.address,
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      DATABASE_URL: databaseUrl,
      MOTCUA_DATA_DIR: dataDir,
      MOTCUA_SEED_DEMO: 'true',
      MOTCUA_JWT_SECRET: crypto.randomBytes(32).toString('hex'),
      MOTCUA_ACCESS_CODE_PEPPER: crypto.randomBytes(32).toString('hex'),
      MOTCUA_PAYLOAD_KEYS: payloadKeys,
      MOTCUA_WORKER_CACHED_WORKFLOWS: values['cached-workflows'],
      LOG_LEVEL: 'info',
    });
    try {
      const atStart = rssOf(worker.pid!);
      const connection = await Connection.connect({ address: server.address });
      const client = new Client({
        connection,
        dataConverter: encryptedDataConverter(parsePayloadKeys(payloadKeys, 'bench')),
      });
      // The worker has migrated it by the time it polls.
      const database = await openDatabase(databaseUrl);
      const { open } = dossierLives(client, TASK_QUEUE, database.prisma);
      const count = Number(values.dossiers);
      const cacheSize = Number(values['cached-workflows']);
      let next = 0;
      const lane = async () => {
        while (next < count) await open(next++);
      };
      log(`opening ${count} dossiers waiting in processing`);
      await Promise.all(Array.from({ length: Number(values.concurrency) }, lane));
      const withDossiers = rssOf(worker.pid!);
      await connection.close();
      await database.close();

      console.log(`\nMotCua worker memory (Temporal dev server, ${os.cpus().length} cores)`);
      console.log(`bare worker RSS after Worker.create: ${bare.join(', ')}`);
      console.log(`workers/worker.ts RSS once polling: ${megabytes(atStart)}`);
      const growth = (withDossiers - atStart) / 2 ** 20;
      // Past the cache, evicted workflows' heap is garbage V8 keeps until it collects: no per-workflow figure.
      const perCached = count <= cacheSize ? `, ${(growth / count).toFixed(2)} MB per cached workflow` : '';
      console.log(
        `with ${count} dossiers waiting, MOTCUA_WORKER_CACHED_WORKFLOWS=${cacheSize}: ` +
          `${megabytes(withDossiers)} (+${growth.toFixed(0)} MB)${perCached}`,
      );
    } finally {
      worker.kill('SIGTERM');
    }
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
