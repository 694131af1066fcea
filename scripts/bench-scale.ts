/**
 * `npm run bench:scale [-- --dossiers N]`: the production topology (cluster/cluster.ts: the Temporal server on
 * PostgreSQL, worker processes) under many dossiers. Measures, in order:
 *
 * 1. whole lives (reception, four steps, approval, return) per second with one worker, then with two;
 * 2. the history of one whole life: events and bytes (whether a dossier ever needs continue-as-new);
 * 3. N demo dossiers opened and left waiting in processing, then each worker process's RSS with the sticky
 *    cache at MOTCUA_WORKER_CACHED_WORKFLOWS (`--cached-workflows`).
 *
 * Dossiers go straight through the workflow client (the API's own path is measured by bench:api).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { createLogger } from '../platform/config/logger';
import { encryptedDataConverter, parsePayloadKeys } from '../platform/temporal/encryption';
import { CLUSTER_DIR } from '../cluster/binaries';
import { startCluster, type Cluster } from '../cluster/cluster';
import { dossierLives } from './bench-api';

const TASK_QUEUE = 'bench-scale';

const { values } = parseArgs({
  options: {
    dossiers: { type: 'string', default: '100000' },
    lives: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '20' },
    'cached-workflows': { type: 'string', default: '2000' },
  },
});
const DOSSIERS = Number(values.dossiers);
const LIVES = Number(values.lives);
const CONCURRENCY = Number(values.concurrency);

/** Runs `task(0…count-1)` `CONCURRENCY` at a time; answers the count done per second. */
async function perSecond(count: number, task: (n: number) => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  let next = 0;
  const lane = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** RSS in MB of each worker process under this one (tsx runs the entry point in a child). */
function workerRss(): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Ended meanwhile.
    }
  }
  const rss: number[] = [];
  const visit = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      const cmdline = fs.readFileSync(`/proc/${child}/cmdline`, 'utf8');
      const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child}/status`, 'utf8'))?.[1];
      // The process that runs the worker itself, not the tsx launcher above it.
      if (cmdline.includes('workers/worker.ts') && !children.get(child)?.length && kb)
        rss.push(Number(kb) / 1024);
      visit(child);
    }
  };
  visit(process.pid);
  return rss;
}

async function main(): Promise<void> {
  const logger = createLogger('warn');
  process.env.MOTCUA_WORKER_CACHED_WORKFLOWS = values['cached-workflows'];
  const log = (message: string) => console.log(`[bench-scale] ${message}`);
  log('starting PostgreSQL, the Temporal server and two workers');
  const cluster: Cluster = await startCluster({
    temporal: 'server',
    runDir: path.join(CLUSTER_DIR, 'bench-scale'),
    // Membership ports lie 300 below the frontend's and must stay under 32768 (cluster/temporal/motcua.yaml).
    temporalPort: 24233,
    apiPorts: [],
    workers: 2,
    namespace: 'default',
    taskQueue: TASK_QUEUE,
    logger,
  });
  try {
    const connection = await Connection.connect({ address: cluster.temporalAddress });
    const client = new Client({
      connection,
      dataConverter: encryptedDataConverter(parsePayloadKeys(cluster.payloadKeys, 'cluster')),
    });
    const { open, finish } = dossierLives(client, TASK_QUEUE);
    let last: WorkflowHandle | undefined;
    const life = async (n: number) => {
      const handle = await open(n);
      await finish(handle);
      last = handle;
    };
    await cluster.workers[1].stop();
    log(`${LIVES} whole lives with one worker, ${CONCURRENCY} at a time`);
    const oneWorker = await perSecond(LIVES, life);
    await cluster.workers[1].restart();
    log(`${LIVES} whole lives with two workers`);
    const twoWorkers = await perSecond(LIVES, (n) => life(LIVES + n));
    const history = await last!.fetchHistory();
    const bytes = temporal.api.history.v1.History.encode(history).finish().length;

    log(`opening ${DOSSIERS} dossiers waiting in processing`);
    const opened = await perSecond(DOSSIERS, (n) => open(2 * LIVES + n));
    const rss = workerRss();

    console.log(`\nMotCua scale benchmark (Temporal server on PostgreSQL, cluster/cluster.ts)`);
    console.log(
      `whole lives: ${oneWorker.toFixed(1)}/s with one worker, ${twoWorkers.toFixed(1)}/s with two`,
    );
    console.log(
      `one whole life's history: ${history.events?.length ?? 0} events, ${bytes} bytes ` +
        `(continue-as-new is advised past 10,240 events or 10 MB)`,
    );
    console.log(
      `${DOSSIERS} dossiers waiting in processing, opened at ${opened.toFixed(1)}/s; worker RSS ` +
        `${rss.map((mb) => `${mb.toFixed(0)} MB`).join(', ')} with MOTCUA_WORKER_CACHED_WORKFLOWS=${values['cached-workflows']}`,
    );
    await connection.close();
  } finally {
    await cluster.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
