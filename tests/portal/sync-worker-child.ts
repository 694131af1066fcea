/**
 * A worker process for the dossier queue with the portal sync activities, for the test that kills it
 * mid-sync (killed-worker.test.ts):
 * `node --import tsx tests/portal/sync-worker-child.ts <temporal address> <namespace> <task queue> <portal url> <username> <password>`.
 * Prints "ready" once it polls; runs until killed.
 */
import { NativeConnection } from '@temporalio/worker';
import { createPortalClient } from '../../activities/portal/client';
import { createPortalSyncActivities } from '../../activities/portal/sync';
import { DEMO_AGENCIES } from '../../domain/agencies';
import { createDossierWorker } from '../../workers/dossier-workers';
import { recordingActivities } from '../harness/dossiers';
import { workflowBundle } from '../harness/temporal';

async function main([address, namespace, taskQueue, baseUrl, username, password]: string[]): Promise<void> {
  const connection = await NativeConnection.connect({ address });
  const portal = createPortalSyncActivities({
    // Far above the simulator's slowness: a call in flight stays in flight until the kill.
    client: createPortalClient({ baseUrl, username, password, unitCode: '000.00.01.H56', timeoutMs: 20_000 }),
    owner: async () => ({ fullName: 'Nguyễn Văn An', idNumber: '079123456789' }),
    agencyName: (code) => DEMO_AGENCIES.find((a) => a.code === code)?.name ?? code,
  });
  const worker = await createDossierWorker({
    connection,
    namespace,
    taskQueue,
    workflowBundle: workflowBundle(),
    activities: { ...recordingActivities().activities, ...portal },
  });
  const running = worker.run();
  console.log('ready');
  await running;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
