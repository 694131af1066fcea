import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DossierWorkers } from '../../workers/dossier-workers';
import { createPortalClient } from '../../activities/portal/client';
import { createPortalSyncActivities } from '../../activities/portal/sync';
import { DEMO_AGENCIES } from '../../domain/agencies';
import { PORTAL_SERVICES } from '../../domain/portal/transport';
import { startPortalSimulator, type PortalSimulator } from '../../platform/dev/portal-simulator';
import {
  portalSyncStatusQuery,
  portalSyncWorkflowId,
  type PortalSyncStatus,
} from '../../workflows/portal-messages';
import {
  act,
  createWorker,
  leader,
  receiver,
  recordingActivities,
  specialist,
  startDossierWorkflow,
} from '../harness/dossiers';
import { devServerEnvironment } from '../harness/temporal';
import { eventually } from '../api/support';
import { accepted as acceptedBy, range } from './support';
import { PortalSyncState } from '../../workflows/search-attributes';

/** The demo procedure runs round the clock, so a whole life fits in real seconds on the dev server. */
const DEMO = '0.000001';
const TASK_QUEUE = 'portal-sync-test';

let env: TestWorkflowEnvironment;
let worker: DossierWorkers;
let running: Promise<void>;
let simulator: PortalSimulator;

beforeAll(async () => {
  env = await devServerEnvironment();
  simulator = await startPortalSimulator();
  const portal = createPortalSyncActivities({
    client: createPortalClient({
      baseUrl: simulator.url,
      username: simulator.username,
      password: simulator.password,
      unitCode: '000.00.01.H56',
      timeoutMs: 2_000,
    }),
    owner: async () => ({ fullName: 'Nguyễn Văn An', idNumber: '079123456789' }),
    agencyName: (code) => DEMO_AGENCIES.find((a) => a.code === code)?.name ?? code,
  });
  worker = await createWorker(env, { ...recordingActivities().activities, ...portal }, TASK_QUEUE);
  running = worker.run();
});

afterAll(async () => {
  worker.shutdown();
  await running;
  await simulator.stop();
  await env.teardown();
});

async function syncStatus(code: string): Promise<PortalSyncStatus> {
  return env.client.workflow.getHandle(portalSyncWorkflowId(code)).query(portalSyncStatusQuery);
}

const waitFor = (check: () => Promise<boolean>, what: string, timeoutMs = 60_000) =>
  eventually(async () => {
    if (!(await check())) throw new Error(`timed out waiting for ${what}`);
  }, timeoutMs);

const accepted = (code: string, service: string) => acceptedBy(simulator, code, service);

test("a dossier's whole life arrives at the portal in order, each change once", async () => {
  const handle = await startDossierWorkflow(env, DEMO, { taskQueue: TASK_QUEUE, portalSync: true });
  const code = handle.workflowId;
  await act(handle, 'completeStep', { actor: specialist('justice'), payload: { stepId: 'review' } });
  await act(handle, 'completeStep', { actor: specialist('land'), payload: { stepId: 'land-opinion' } });
  await act(handle, 'completeStep', {
    actor: specialist('construction'),
    payload: { stepId: 'construction-opinion' },
  });
  await act(handle, 'approve', { actor: leader('justice'), payload: {} });
  const returned = await act(handle, 'returnResult', { actor: receiver(), payload: { method: 'counter' } });

  await waitFor(
    async () =>
      simulator.dossiers.get(code)?.TrangThaiHoSo === '10' && (await syncStatus(code)).state === 'synced',
    'the returned dossier at the portal',
  );
  const { syncedSeq } = await syncStatus(code);
  expect(accepted(code, PORTAL_SERVICES.syncDossier)).toEqual(range(syncedSeq));
  // The first change creates the dossier; every later one updates it.
  const creates = simulator.calls.filter(
    (c) => c.change?.startsWith(`${code}#`) && c.body.isUpdating === 'False',
  );
  expect(creates.map((c) => c.change)).toEqual([`${code}#1`]);
  // Only the first change looks the dossier up: once accepted, the portal holds it.
  const lookUps = simulator.calls.filter(
    (c) => c.service === PORTAL_SERVICES.lookUpDossier && c.body.mahoso === code,
  );
  expect(lookUps).toHaveLength(1);
  // Every event of the dossier became one progress entry, in order.
  const progress = simulator.progress.get(code) ?? [];
  expect(progress).toHaveLength(returned.events.length);
  expect(progress.map((p) => p.TrangThai)).toEqual(
    returned.events.map((e) =>
      String({ received: 2, processing: 4, processed: 9, returned: 10 }[e.to as string]),
    ),
  );
  // The dossier's workflow ends at the return (rules F9), its sync with it once the record is in.
  expect((await handle.result()).status).toBe('returned');
});

test('the portal down for a while, then up: everything arrives in order, nothing twice', async () => {
  simulator.behaviour = 'down';
  const handle = await startDossierWorkflow(env, DEMO, { taskQueue: TASK_QUEUE, portalSync: true });
  const code = handle.workflowId;
  await act(handle, 'completeStep', { actor: specialist('justice'), payload: { stepId: 'review' } });
  await act(handle, 'completeStep', { actor: specialist('land'), payload: { stepId: 'land-opinion' } });
  // The dossier goes on while the portal is down; the sync shows what failed.
  await waitFor(async () => (await syncStatus(code)).state === 'failing', 'the sync to fail');
  const failing = await syncStatus(code);
  expect(failing.syncedSeq).toBe(0);
  expect(failing.lastError).toMatch(/503/);
  const visible = await env.client.workflow.getHandle(portalSyncWorkflowId(code)).describe();
  expect(visible.typedSearchAttributes.get(PortalSyncState)).toBe('failing');
  await act(handle, 'withdraw', { actor: receiver(), payload: { reason: 'Công dân rút hồ sơ' } });

  simulator.behaviour = 'refuse-session';
  const sync = env.client.workflow.getHandle(portalSyncWorkflowId(code));
  const done = (await sync.result()) as PortalSyncStatus;
  expect(done.state).toBe('synced');
  expect(accepted(code, PORTAL_SERVICES.syncDossier)).toEqual(range(done.syncedSeq));
  expect(simulator.dossiers.get(code)?.TrangThaiHoSo).toBe('7');
  const final = await handle.result();
  expect((simulator.progress.get(code) ?? []).map((p) => p.ThoiDiemXuLy)).toHaveLength(final.events.length);
  const marked = simulator.calls.filter(
    (c) => c.change?.startsWith(`${code}#`) && c.answer?.error_code === 0,
  );
  expect(new Set(marked.map((c) => `${c.service}${c.change}`)).size).toBe(marked.length);
});

test('a change after an accepted record is an update without a look-up, whatever a look-up would answer', async () => {
  simulator.staleLookups = true;
  try {
    const handle = await startDossierWorkflow(env, DEMO, { taskQueue: TASK_QUEUE, portalSync: true });
    const code = handle.workflowId;
    // An action in the dossier's first task would fold the reception into change 1: let it be reported first.
    await waitFor(async () => (await syncStatus(code)).receivedSeq >= 1, 'the reception to reach the sync');
    await act(handle, 'withdraw', { actor: receiver(), payload: {} });
    const done = (await env.client.workflow
      .getHandle(portalSyncWorkflowId(code))
      .result()) as PortalSyncStatus;
    expect(done.syncedSeq).toBe(2);
    const calls = simulator.calls.filter(
      (c) => c.change === `${code}#2` && c.service === PORTAL_SERVICES.syncDossier,
    );
    expect(calls.map((c) => [c.body.isUpdating, c.answer?.error_code])).toEqual([['True', 0]]);
    expect(accepted(code, PORTAL_SERVICES.syncDossier)).toEqual([1, 2]);
  } finally {
    simulator.staleLookups = false;
  }
});

test('progress refused after the record was accepted: only the progress is sent again', async () => {
  simulator.refusing.add(PORTAL_SERVICES.addProgress);
  const handle = await startDossierWorkflow(env, DEMO, { taskQueue: TASK_QUEUE, portalSync: true });
  const code = handle.workflowId;
  await waitFor(async () => (await syncStatus(code)).state === 'failing', 'the progress to be refused');
  await act(handle, 'withdraw', { actor: receiver(), payload: {} });
  simulator.refusing.clear();
  const done = (await env.client.workflow.getHandle(portalSyncWorkflowId(code)).result()) as PortalSyncStatus;
  expect(done.syncedSeq).toBe(2);
  expect(accepted(code, PORTAL_SERVICES.syncDossier)).toEqual([1, 2]);
  expect(accepted(code, PORTAL_SERVICES.addProgress)).toEqual([1, 2]);
});
