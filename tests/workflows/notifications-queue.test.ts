import { Context } from '@temporalio/activity';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createChannelPacer } from '../../activities/notifications/pace';
import type { DossierActivities } from '../../activities/types';
import type { DossierWorkers } from '../../workers/dossier-workers';
import { notificationTaskQueue } from '../../workflows/task-queues';
import { act, createWorker, specialist, startDossierWorkflow } from '../harness/dossiers';
import { TASK_QUEUE, timeSkippingEnvironment } from '../harness/temporal';
import { eventually } from '../api/support';

/** The demo procedure runs round the clock in minutes. */
const DEMO = '0.000001';
const RATE = 4;
const BURST = 12;

let env: TestWorkflowEnvironment;
let worker: DossierWorkers;
let running: Promise<void>;
const sends: { dossierCode: string; taskQueue: string; at: number }[] = [];

beforeAll(async () => {
  env = await timeSkippingEnvironment();
  // A provider that takes RATE messages per second, as the worker's pacer holds it to.
  const pace = createChannelPacer({ sms: RATE });
  const activities: DossierActivities = {
    async projectDossier() {},
    async projectFeedback() {},
    async projectCorrection() {},
    async notify(input) {
      await pace('sms');
      sends.push({
        dossierCode: input.dossierCode,
        taskQueue: Context.current().info.taskQueue,
        at: Date.now(),
      });
      return { sent: 1, skipped: 0, failed: 0 };
    },
  };
  worker = await createWorker(env, activities);
  running = worker.run();
});

afterAll(async () => {
  worker.shutdown();
  await running;
  await env.teardown();
});

test('a burst of messages drains through the paced notification queue while dossiers still answer', async () => {
  const handles = await Promise.all(Array.from({ length: BURST }, () => startDossierWorkflow(env, DEMO)));
  const codes = new Set(handles.map((h) => h.workflowId));
  const burst = () => sends.filter((s) => codes.has(s.dossierCode));
  await eventually(() => (burst().length ? Promise.resolve() : Promise.reject(new Error('no message yet'))));

  // A clerk's action answers while the burst has not drained yet: the paced messages hold no dossier slot.
  const state = await act(handles[0], 'completeStep', {
    actor: specialist('justice'),
    payload: { stepId: 'review' },
  });
  expect(state.steps.find((s) => s.id === 'review')?.state).toBe('done');
  expect(burst().length).toBeLessThan(BURST);

  await eventually(
    () => (burst().length >= BURST ? Promise.resolve() : Promise.reject(new Error('still draining'))),
    15_000,
  );
  const sent = burst();
  expect(new Set(sent.map((s) => s.taskQueue))).toEqual(new Set([notificationTaskQueue(TASK_QUEUE)]));
  // Spaced at the channel's rate (a few milliseconds of timer slack aside).
  const span = sent[sent.length - 1].at - sent[0].at;
  expect(span).toBeGreaterThanOrEqual(((sent.length - 1) * 1000) / RATE - 50);
});
