/**
 * Records the workflow histories that tests/workflows/replay.test.ts replays, one per shipped procedure, so
 * that a change to the workflow code that would break running dossiers fails the tests. Run it only when a
 * change is meant to start a new baseline (after guarding the change with patched()):
 * `npm run histories:record`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  act,
  createWorker,
  leader,
  procedure,
  receiver,
  recordingActivities,
  skipToWorkingMorning,
  specialist,
  startDossierWorkflow,
} from '../harness/dossiers';
import { timeSkippingEnvironment } from '../harness/temporal';

const OUT = __dirname;

type Scenario = (handle: WorkflowHandle, sleep: (ms: number) => Promise<void>) => Promise<void>;

/** Every kind of command a dossier issues: updates, parallel steps, supplement, timers, return. */
const demoFullLife: Scenario = async (handle, sleep) => {
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
};

const DAY = 24 * 3_600_000;

/**
 * A procedure's ordinary life: each step done by its agency a working day apart (the timers of each
 * step are scheduled and some fire), the leader's last step approves, the desk returns the result.
 */
function ordinaryLife(procedureCode: string): Scenario {
  const { steps, receivingAgency } = procedure(procedureCode);
  return async (handle, sleep) => {
    for (const step of steps.slice(0, -1)) {
      await sleep(DAY);
      await act(handle, 'completeStep', { actor: specialist(step.agency), payload: { stepId: step.id } });
    }
    await sleep(DAY);
    await act(handle, 'approve', { actor: leader(steps[steps.length - 1].agency), payload: {} });
    await act(handle, 'returnResult', { actor: receiver(receivingAgency), payload: { method: 'counter' } });
  };
}

/** One history per shipped procedure, named after its file under procedures/. */
const HISTORIES: { name: string; procedureCode: string; scenario?: Scenario }[] = [
  { name: 'demo-full-life', procedureCode: '0.000001', scenario: demoFullLife },
  { name: 'birth-registration', procedureCode: '1.001193' },
  { name: 'house-construction-permit', procedureCode: '1.013225' },
  { name: 'household-business-registration', procedureCode: '1.001612' },
  { name: 'judicial-record-certificate', procedureCode: '3.000333' },
  { name: 'land-first-registration', procedureCode: '1.013978' },
];

async function record(env: TestWorkflowEnvironment, { name, procedureCode, scenario }: (typeof HISTORIES)[number]) {
  // A counter receipt on a working morning moves on at once, whatever day the recording runs.
  await skipToWorkingMorning(env);
  const handle = await startDossierWorkflow(env, procedureCode, { code: `HISTORY-${name}` });
  await (scenario ?? ordinaryLife(procedureCode))(handle, (ms) => env.sleep(ms));
  await handle.result();
  const history = await handle.fetchHistory();
  fs.writeFileSync(path.join(OUT, `${name}.json`), historyToJSON(history));
  console.log(`recorded ${name}: ${history.events?.length} events`);
}

async function main() {
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows') });
  const bundlePath = path.join(fs.mkdtempSync('/tmp/motcua-record-'), 'workflows.js');
  fs.writeFileSync(bundlePath, code);
  process.env.MOTCUA_TEST_WORKFLOW_BUNDLE = bundlePath;
  const env = await timeSkippingEnvironment();
  const worker = await createWorker(env, recordingActivities().activities);
  await worker.runUntil(async () => {
    for (const history of HISTORIES) await record(env, history);
  });
  await env.teardown();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
