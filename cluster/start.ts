/**
 * `npm run cluster`: MotCua's production topology on this machine, without Docker (cluster/cluster.ts):
 * the Temporal server proper on PostgreSQL with its Web UI when built, two workers, two API processes
 * and the mail catcher. Ctrl-C stops everything in the reverse order.
 */
import path from 'node:path';
import { loadConfig } from '../platform/config/config';
import { createLogger } from '../platform/config/logger';
import { CLUSTER_DIR, TEMPORAL_SERVER } from './binaries';
import { startCluster, type Cluster } from './cluster';
import { TOPOLOGY } from './topology';

const ROOT = path.resolve(__dirname, '..');
const logger = createLogger(process.env.LOG_LEVEL);
let cluster: Cluster | undefined;

async function main(): Promise<void> {
  const config = loadConfig();
  cluster = await startCluster({
    temporal: 'server',
    runDir: path.join(CLUSTER_DIR, 'run'),
    temporalPort: config.MOTCUA_TEMPORAL_PORT,
    uiPort: config.MOTCUA_TEMPORAL_UI_PORT,
    apiPorts: Array.from({ length: TOPOLOGY.app.apis }, (_, i) => config.PORT + i),
    workers: TOPOLOGY.app.workers,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    logger,
  });
  const c = cluster;
  console.log(
    [
      '',
      'MotCua cluster running (Ctrl-C stops it):',
      `  REST API            ${c.apiUrls.map((u) => `${u}/api/v1`).join('  ')}`,
      `  Temporal server     ${c.temporalAddress} (${TEMPORAL_SERVER.version}, namespace ${c.namespace})`,
      `  Temporal Web UI     ${c.uiUrl ?? 'not built (npm run cluster:install)'}`,
      `  PostgreSQL          ${c.postgresUrl} (databases temporal, temporal_visibility, motcua)`,
      `  Workers             ${c.workers.length} on task queue ${config.TEMPORAL_TASK_QUEUE}`,
      `  Mail (SMTP sink)    messages in ${path.relative(ROOT, c.mailDir)}/`,
      `  Logs                ${path.relative(ROOT, c.logDir)}/`,
      '',
    ].join('\n'),
  );
  // A part that dies on its own takes the cluster down rather than leaving it half up.
  await Promise.race([c.temporal, ...c.workers, ...c.apis].map((s) => s.ended()));
}

let stopping = false;
async function stopAndExit(code: number): Promise<void> {
  await cluster?.stop();
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    void stopAndExit(0);
  });
}

main().catch(async (error: unknown) => {
  if (stopping) return;
  stopping = true;
  console.error(error instanceof Error ? error.message : error);
  await stopAndExit(1);
});
