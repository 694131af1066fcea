import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DossierWorkers } from '../../workers/dossier-workers';
import { actions } from '../../workflows/messages';
import {
  createWorker,
  dossierCode,
  recordingActivities,
  receiver,
  specialist,
  startDossierWorkflow,
} from '../harness/dossiers';
import { devServerEnvironment } from '../harness/temporal';

/** What ops see in the Temporal UI: the dev server's visibility store, queried the way the UI does. */
const TASK_QUEUE = 'search-attributes-test';
let env: TestWorkflowEnvironment;
let worker: DossierWorkers;
let running: Promise<void>;

beforeAll(async () => {
  env = await devServerEnvironment();
  worker = await createWorker(env, recordingActivities().activities, TASK_QUEUE);
  running = worker.run();
});

afterAll(async () => {
  worker.shutdown();
  await running;
  await env.teardown();
});

/** Visibility is eventually consistent: poll the list query until it answers what we expect. */
async function listCodes(query: string, expected: string[]): Promise<string[]> {
  let codes: string[] = [];
  for (let attempt = 0; attempt < 50; attempt += 1) {
    codes = [];
    for await (const wf of env.client.workflow.list({ query })) codes.push(wf.workflowId);
    if (expected.every((c) => codes.includes(c))) return codes;
    await new Promise((r) => setTimeout(r, 200));
  }
  return codes;
}

test('ops can filter dossiers by code, procedure, agency, status, channel and due date', async () => {
  const code = dossierCode();
  const handle = await startDossierWorkflow(env, '0.000001', { code, taskQueue: TASK_QUEUE });
  expect(
    await listCodes(
      `DossierCode = '${code}' AND ProcedureCode = '0.000001' AND DossierStatus = 'processing' AND AgencyCode = 'justice' AND Channel = 'counter' AND IsOverdue = false`,
      [code],
    ),
  ).toEqual([code]);
  const soon = new Date(Date.now() + 31 * 60_000).toISOString();
  expect(await listCodes(`DossierCode = '${code}' AND DueAt < '${soon}'`, [code])).toEqual([code]);

  await handle.executeUpdate(actions.completeStep, {
    args: [{ actor: specialist('justice'), payload: { stepId: 'review' } }],
  });
  expect(
    await listCodes(`DossierCode = '${code}' AND AgencyCode = 'land' AND AgencyCode = 'construction'`, [
      code,
    ]),
  ).toEqual([code]);
  await handle.executeUpdate(actions.withdraw, { args: [{ actor: receiver(), payload: {} }] });
  expect(await listCodes(`DossierCode = '${code}' AND DossierStatus = 'withdrawn'`, [code])).toEqual([code]);
  // No personal data: the attributes hold codes, status, dates and flags only.
  const description = await handle.describe();
  // Besides ours, the system's own: BuildIds, and TemporalChangeVersion that patched() sets.
  const allowed = [
    'AgencyCode',
    'BuildIds',
    'TemporalChangeVersion',
    'Channel',
    'DossierCode',
    'DossierStatus',
    'DueAt',
    'IsOverdue',
    'ProcedureCode',
  ];
  for (const { key } of description.typedSearchAttributes.getAll()) expect(allowed).toContain(key.name);
});
