/**
 * Records the workflow histories that tests/workflows/replay.test.ts replays, so that a change to the
 * workflow code that would break running dossiers fails the tests. Run it only when a change is meant to
 * start a new baseline (after guarding the change with patched()): `npx tsx scripts/record-histories.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode } from '@temporalio/worker';
import {
  act,
  createWorker,
  leader,
  receiver,
  recordingActivities,
  specialist,
  startDossierWorkflow,
} from '../tests/harness/dossiers';
import { timeSkippingEnvironment } from '../tests/harness/temporal';

const OUT = path.join(__dirname, '..', 'tests', 'histories');

/** Every kind of command a dossier issues: updates, parallel steps, supplement, extension, timers, return. */
const SCENARIOS: Record<
  string,
  (handle: WorkflowHandle, sleep: (ms: number) => Promise<void>) => Promise<void>
> = {
  async 'demo-full-life'(handle, sleep) {
    await act(handle, 'completeStep', { actor: specialist('justice'), payload: { stepId: 'review' } });
    await act(handle, 'requestSupplement', {
      actor: specialist('land'),
      payload: { reason: 'Thiếu', documents: ['Bản vẽ'] },
    });
    await sleep(20 * 60_000);
    await act(handle, 'supplement', {
      actor: receiver(),
      payload: { documents: [{ name: 'Bản vẽ', form: 'copy' }] },
    });
    await act(handle, 'completeStep', { actor: specialist('land'), payload: { stepId: 'land-opinion' } });
    await sleep(40 * 60_000);
    await act(handle, 'completeStep', {
      actor: specialist('construction'),
      payload: { stepId: 'construction-opinion' },
    });
    await act(handle, 'approve', { actor: leader('justice'), payload: { note: 'Đồng ý' } });
    await act(handle, 'returnResult', { actor: receiver(), payload: { method: 'counter' } });
  },
};

async function main() {
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows') });
  const bundlePath = path.join(fs.mkdtempSync('/tmp/motcua-record-'), 'workflows.js');
  fs.writeFileSync(bundlePath, code);
  process.env.MOTCUA_TEST_WORKFLOW_BUNDLE = bundlePath;
  const env = await timeSkippingEnvironment();
  const worker = await createWorker(env, recordingActivities().activities);
  await worker.runUntil(async () => {
    for (const [name, scenario] of Object.entries(SCENARIOS)) {
      const handle = await startDossierWorkflow(env, '0.000001', { code: `HISTORY-${name}` });
      await scenario(handle, (ms) => env.sleep(ms));
      await handle.result();
      const history = await handle.fetchHistory();
      fs.writeFileSync(path.join(OUT, `${name}.json`), historyToJSON(history));
      console.log(`recorded ${name}: ${history.events?.length} events`);
    }
  });
  await env.teardown();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
