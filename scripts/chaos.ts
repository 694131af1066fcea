/**
 * `npm run chaos`: the production topology (`npm run cluster`'s Temporal server on PostgreSQL, two
 * workers, two APIs) under whole dossier lives while workers and APIs are SIGKILLed and the Temporal
 * server restarted; prints the checks' figures and fails when one does not hold.
 *
 *   npm run chaos [-- --lives 1000 --concurrency 20 --worker-kills 4 --api-kills 3]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CLUSTER_DIR } from '../cluster/binaries';
import { chaosPassed, formatChaos, runChaos } from '../cluster/chaos';
import { startCluster } from '../cluster/cluster';
import { TOPOLOGY } from '../cluster/topology';
import { loadConfig } from '../platform/config/config';
import { createLogger } from '../platform/config/logger';

async function main(): Promise<boolean> {
  const { values } = parseArgs({
    options: {
      lives: { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '20' },
      'worker-kills': { type: 'string', default: '4' },
      'api-kills': { type: 'string', default: '3' },
    },
  });
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL);
  const cluster = await startCluster({
    temporal: 'server',
    runDir: path.join(CLUSTER_DIR, 'chaos'),
    temporalPort: config.MOTCUA_TEMPORAL_PORT,
    apiPorts: Array.from({ length: TOPOLOGY.app.apis }, (_, i) => config.PORT + i),
    workers: TOPOLOGY.app.workers,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    logger,
  });
  // Ctrl-C stops the cluster too: its processes run in groups of their own, out of the terminal's reach.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cluster.stop().finally(() => process.exit(130)));
  }
  try {
    const figures = await runChaos({
      cluster,
      lives: Number(values.lives),
      concurrency: Number(values.concurrency),
      disruptions: {
        workerKills: Number(values['worker-kills']),
        apiKills: Number(values['api-kills']),
        temporalRestarts: 1,
      },
      logger,
      failedHistoriesDir: path.join(CLUSTER_DIR, 'chaos', 'histories-not-replaying'),
    });
    console.log(formatChaos(figures));
    return chaosPassed(figures);
  } finally {
    await cluster.stop();
  }
}

main().then(
  (passed) => process.exit(passed ? 0 : 1),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
