/**
 * A worker killed mid-sync: a real worker process (sync-worker-child.ts) is sending a change to a slow
 * portal when it gets SIGKILL; another process takes over. Every change still arrives, in order, once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { PORTAL_SERVICES } from '../../domain/portal/transport';
import { startPortalSimulator, type PortalSimulator } from '../../platform/dev/portal-simulator';
import { portalSyncStatusQuery, portalSyncWorkflowId } from '../../workflows/portal-messages';
import { eventually } from '../api/support';
import { act, leader, receiver, specialist, startDossierWorkflow } from '../harness/dossiers';
import { devServerEnvironment } from '../harness/temporal';
import { accepted, range } from './support';

const DEMO = '0.000001';
const TASK_QUEUE = 'portal-killed-worker-test';
/** The child compiles and loads the whole worker first: slow on a busy 2-core machine. */
const CHILD_PATIENCE_MS = 60_000;

interface WorkerProcess {
  process: ChildProcess;
  exited: Promise<NodeJS.Signals | number | null>;
}

let env: TestWorkflowEnvironment;
let simulator: PortalSimulator;
const workers: WorkerProcess[] = [];

/** A worker process on the test's queue; resolves once it polls. */
async function startWorker(): Promise<WorkerProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(__dirname, 'sync-worker-child.ts'),
      process.env.MOTCUA_TEST_TEMPORAL_ADDRESS!,
      env.namespace ?? 'default',
      TASK_QUEUE,
      simulator.url,
      simulator.username,
      simulator.password,
    ],
    { cwd: path.join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const worker: WorkerProcess = {
    process: child,
    exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code))),
  };
  workers.push(worker);
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`the worker ended (${child.exitCode}):\n${output}`);
    expect(output).toContain('ready');
  }, CHILD_PATIENCE_MS);
  return worker;
}

beforeAll(async () => {
  env = await devServerEnvironment();
  simulator = await startPortalSimulator();
});

afterAll(async () => {
  for (const w of workers) {
    if (w.process.exitCode === null && w.process.signalCode === null) w.process.kill('SIGKILL');
    await w.exited;
  }
  await simulator.stop();
  await env.teardown();
});

test('a worker killed while the portal is slow: everything arrives in order, nothing twice', async () => {
  const first = await startWorker();
  simulator.delayMs = 1_500;
  const handle = await startDossierWorkflow(env, DEMO, { taskQueue: TASK_QUEUE, portalSync: true });
  const code = handle.workflowId;
  await act(handle, 'completeStep', { actor: specialist('justice'), payload: { stepId: 'review' } });
  await act(handle, 'completeStep', { actor: specialist('land'), payload: { stepId: 'land-opinion' } });
  // Killed while a call of this dossier waits for the portal's answer.
  await eventually(async () => {
    const inFlight = simulator.calls.filter(
      (c) => c.change?.startsWith(`${code}#`) && c.answer === undefined && !c.abandoned,
    );
    expect(inFlight).not.toHaveLength(0);
  }, CHILD_PATIENCE_MS);
  first.process.kill('SIGKILL');
  expect(await first.exited).toBe('SIGKILL');
  await eventually(async () => {
    expect(simulator.calls.some((c) => c.change?.startsWith(`${code}#`) && c.abandoned)).toBe(true);
  });

  await startWorker();
  simulator.delayMs = 200;
  await act(handle, 'completeStep', {
    actor: specialist('construction'),
    payload: { stepId: 'construction-opinion' },
  });
  await act(handle, 'approve', { actor: leader('justice'), payload: {} });
  const returned = await act(handle, 'returnResult', { actor: receiver(), payload: { method: 'counter' } });

  // The dead worker's call times out (30 s) before its retry, so the sync takes a while to catch up.
  const sync = env.client.workflow.getHandle(portalSyncWorkflowId(code));
  const done = await eventually(async () => {
    const status = await sync.query(portalSyncStatusQuery);
    expect(simulator.dossiers.get(code)?.TrangThaiHoSo).toBe('10');
    expect(status.state).toBe('synced');
    return status;
  }, 180_000);
  expect(accepted(simulator, code, PORTAL_SERVICES.syncDossier)).toEqual(range(done.syncedSeq));
  const progressed = accepted(simulator, code, PORTAL_SERVICES.addProgress);
  expect(progressed).toEqual([...new Set(progressed)].sort((a, b) => a - b));
  expect(simulator.progress.get(code)).toHaveLength(returned.events.length);
  // The dossier's workflow ends at the return (rules F9).
  expect((await handle.result()).status).toBe('returned');
}, 240_000);
