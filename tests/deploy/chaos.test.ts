import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { chaosPassed, formatChaos, runChaos } from '../../cluster/chaos';
import { startCluster, type Cluster } from '../../cluster/cluster';
import { freePort } from '../../platform/dev/ports';

/**
 * The chaos run in short, on the dev server: about 100 lives through two API processes while one worker
 * and one API are SIGKILLed and the Temporal server restarted; `npm run chaos` is the full run on the
 * Temporal server proper.
 */
let cluster: Cluster;
const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-chaos-'));
const failedHistoriesDir = path.join(runDir, 'histories-not-replaying');

beforeAll(async () => {
  cluster = await startCluster({
    temporal: 'dev',
    runDir,
    temporalPort: await freePort(),
    apiPorts: [await freePort(), await freePort()],
    workers: 2,
    namespace: 'default',
    taskQueue: 'chaos',
    logger: pino({ level: 'silent' }),
  });
}, 600_000);
afterAll(async () => {
  await cluster.stop();
  // Histories that did not replay stay for diagnosis; the failure names their files.
  if (!fs.existsSync(failedHistoriesDir)) fs.rmSync(runDir, { recursive: true, force: true });
}, 120_000);

test('dossiers live through a worker kill, an API kill and a Temporal restart, each e-mail sent once', async () => {
  const figures = await runChaos({
    cluster,
    lives: 100,
    concurrency: 10,
    disruptions: { workerKills: 1, apiKills: 1, temporalRestarts: 1 },
    logger: pino({ level: 'silent' }),
    failedHistoriesDir,
  });
  console.log(formatChaos(figures));
  expect(figures.disruptions.map((d) => d.kind).sort()).toEqual([
    'API SIGKILL',
    'Temporal restart',
    'worker SIGKILL',
  ]);
  expect(figures.lives).toBe(100);
  expect(figures.replay.failures).toEqual([]);
  expect(chaosPassed(figures)).toBe(true);
}, 1_200_000);
