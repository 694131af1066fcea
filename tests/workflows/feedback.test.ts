/**
 * Feedback cases (`docs/rules.md` N1–N4) on the time-skipping server: every path, each limit's reminder
 * and escalation at its moment on the working calendar, every message asked for once.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkingCalendar } from '../../domain/calendar';
import type { FeedbackCommandName } from '../../domain/feedback/commands';
import { CITIZEN } from '../../domain/feedback/machine';
import { prepareFeedback } from '../../domain/feedback/start';
import type { FeedbackActor, FeedbackState } from '../../domain/feedback/types';
import type { DossierWorkers } from '../../workers/dossier-workers';
import type { feedbackWorkflow } from '../../workflows/feedback';
import {
  feedbackActions,
  feedbackStateQuery,
  type FeedbackActionArgs,
} from '../../workflows/feedback-messages';
import { eventually } from '../api/support';
import { createWorker, recordingActivities, refusal, skipToWorkingMorning } from '../harness/dossiers';
import { TASK_QUEUE, timeSkippingEnvironment } from '../harness/temporal';

let env: TestWorkflowEnvironment;
let worker: DossierWorkers;
let running: Promise<void>;
const recorded = recordingActivities();
let calendar: WorkingCalendar;

const staff = (role: FeedbackActor['role'], agencyCode: string): FeedbackActor => ({
  username: `${agencyCode}.${role}`,
  role,
  agencyCode,
});
const desk = staff('receiver', 'centre');

beforeAll(async () => {
  env = await timeSkippingEnvironment();
  worker = await createWorker(env, recorded.activities);
  running = worker.run();
});

afterAll(async () => {
  worker.shutdown();
  await running;
  await env.teardown();
});

let sequence = 0;
async function startCase(consentToPublish = true): Promise<WorkflowHandle<typeof feedbackWorkflow>> {
  await skipToWorkingMorning(env);
  sequence += 1;
  const code = `PAKN-261123-${String(sequence).padStart(4, '0')}`;
  const input = prepareFeedback({
    code,
    category: 'handling',
    channel: 'hotline',
    desk: 'centre',
    consentToPublish,
    receivedAt: new Date(await env.currentTimeMs()).toISOString(),
    receivedBy: desk,
  });
  calendar = new WorkingCalendar(input.calendar);
  return env.client.workflow.start<typeof feedbackWorkflow>('feedbackWorkflow', {
    taskQueue: TASK_QUEUE,
    workflowId: `${code}-${process.pid}-${Date.now()}`,
    args: [input],
  });
}

function act<K extends FeedbackCommandName>(
  handle: WorkflowHandle,
  name: K,
  args: FeedbackActionArgs<K>,
): Promise<FeedbackState> {
  return handle.executeUpdate(feedbackActions[name] as (typeof feedbackActions)['reject'], {
    args: [args as FeedbackActionArgs<'reject'>],
  });
}

async function skipPast(iso: string) {
  const now = await env.currentTimeMs();
  await env.sleep(Date.parse(iso) + 60_000 - now);
}

const sentFor = (code: string, occasion?: string) =>
  recorded.sent.filter((n) => n.dossierCode === code && (!occasion || n.occasion === occasion));
const delivered = (code: string, occasion: string, count = 1) =>
  eventually(() => {
    const sent = sentFor(code, occasion);
    if (sent.length < count) throw new Error(`${sent.length} ${occasion} messages yet`);
    return Promise.resolve(sent);
  });
const codeOf = async (handle: WorkflowHandle) => (await handle.query(feedbackStateQuery)).code;

test('taken on the hotline, routed, answered late, published, rated: each limit reminds, then escalates', async () => {
  const handle = await startCase();
  const code = await codeOf(handle);
  await delivered(code, 'feedback_received');
  let state = await handle.query(feedbackStateQuery);

  // Reject-or-route (2 working days): a reminder at the opening of the day before, the escalation at the limit.
  await skipPast(state.rejectBy);
  const [reminder] = await delivered(code, 'feedback_reminder');
  expect(reminder.data.limit).toBe('reject');
  expect(calendar.workingDaysBetween(reminder.at, new Date(state.rejectBy))).toBe(1);
  const escalations = await delivered(code, 'feedback_escalation', 2);
  expect(escalations.map((n) => n.audience)).toEqual([
    { kind: 'staff', agencyCode: 'centre', roles: ['leader'] },
    { kind: 'staff', agencyCode: 'centre', roles: ['receiver'] },
  ]);
  expect(Math.abs(escalations[0].at.getTime() - Date.parse(state.rejectBy))).toBeLessThan(1_000);

  state = await act(handle, 'assign', { actor: desk, payload: { agency: 'land' } });
  expect(state).toMatchObject({ status: 'processing', assignedAgency: 'land' });
  expect(
    await refusal(act(handle, 'answer', { actor: staff('specialist', 'justice'), payload: { answer: 'x' } })),
  ).toBe('FORBIDDEN');

  // Answer (15 working days): the holder is reminded, its leader and the desk hear when it passes.
  await skipPast(state.dueAt);
  const handling = await delivered(code, 'feedback_escalation', 4);
  expect(handling.slice(2).map((n) => n.audience)).toEqual([
    { kind: 'staff', agencyCode: 'land', roles: ['leader'] },
    { kind: 'staff', agencyCode: 'centre', roles: ['receiver', 'leader'] },
  ]);
  expect(sentFor(code, 'feedback_reminder').map((n) => n.data.limit)).toEqual([
    'reject',
    'supplement',
    'handling',
  ]);
  state = await handle.query(feedbackStateQuery);
  expect(state.overdue).toBe(true);

  state = await act(handle, 'answer', {
    actor: staff('specialist', 'land'),
    payload: { answer: 'Đã chấn chỉnh.' },
  });
  expect(state).toMatchObject({ status: 'answered', onTime: false });
  await delivered(code, 'feedback_answered');

  // Rated once, before the publication it still waits for.
  await act(handle, 'rate', { actor: CITIZEN, payload: { satisfied: true } });
  expect(await refusal(act(handle, 'rate', { actor: CITIZEN, payload: { satisfied: false } }))).toBe(
    'ALREADY_RATED',
  );

  // Publish (2 working days after the answer).
  await skipPast(state.publishBy!);
  expect(sentFor(code, 'feedback_reminder').at(-1)!.data.limit).toBe('publish');
  await delivered(code, 'feedback_escalation', 6);
  await act(handle, 'publish', { actor: staff('leader', 'centre'), payload: {} });
  await delivered(code, 'feedback_published');
  expect((await handle.result()).status).toBe('closed');
  // Exactly once: no occurrence of a message was asked for twice.
  const keys = sentFor(code).map((n) => `${n.occasion}:${n.occurrence}:${JSON.stringify(n.audience)}`);
  expect(new Set(keys).size).toBe(keys.length);
});

test('rejected within its limit: the citizen is told why and the case ends', async () => {
  const handle = await startCase();
  const code = await codeOf(handle);
  expect(
    await refusal(act(handle, 'reject', { actor: staff('specialist', 'centre'), payload: { reason: 'x' } })),
  ).toBe('FORBIDDEN');
  await act(handle, 'reject', { actor: desk, payload: { reason: 'Ngoài thẩm quyền.' } });
  expect((await handle.result()).status).toBe('rejected');
  const [told] = await delivered(code, 'feedback_rejected');
  expect(told.data.reason).toBe('Ngoài thẩm quyền.');
  expect(sentFor(code, 'feedback_escalation')).toHaveLength(0);
});

test('more is asked for once; a second request is refused before history is touched; a rating waits for the answer', async () => {
  const handle = await startCase(false);
  const code = await codeOf(handle);
  await act(handle, 'assign', { actor: desk, payload: { agency: 'land' } });
  expect(await refusal(act(handle, 'rate', { actor: CITIZEN, payload: { satisfied: true } }))).toBe(
    'INVALID_TRANSITION',
  );
  await act(handle, 'requestSupplement', {
    actor: staff('specialist', 'land'),
    payload: { reason: 'Số hồ sơ?' },
  });
  await delivered(code, 'feedback_supplement_requested');
  const accepted = async () =>
    ((await handle.fetchHistory()).events ?? []).filter(
      (e) => e.workflowExecutionUpdateAcceptedEventAttributes,
    ).length;
  const before = await accepted();
  expect(
    await refusal(act(handle, 'requestSupplement', { actor: desk, payload: { reason: 'Lần hai' } })),
  ).toBe('INVALID_TRANSITION');
  await env.sleep(2 * 86_400_000);
  let state = await act(handle, 'supplement', { actor: CITIZEN, payload: {} });
  expect(state.status).toBe('processing');
  expect(calendar.workingDaysBetween(new Date(state.supplement!.receivedAt!), new Date(state.dueAt))).toBe(
    15,
  );
  expect(
    await refusal(act(handle, 'requestSupplement', { actor: desk, payload: { reason: 'Lần hai' } })),
  ).toBe('SUPPLEMENT_ALREADY_REQUESTED');
  expect(await accepted()).toBe(before + 1);
  await delivered(code, 'feedback_supplement_received');

  state = await act(handle, 'answer', { actor: staff('leader', 'land'), payload: { answer: 'Đã trả lời.' } });
  expect(state.onTime).toBe(true);
  expect(await refusal(act(handle, 'publish', { actor: desk, payload: {} }))).toBe('NO_CONSENT_TO_PUBLISH');
  await act(handle, 'rate', { actor: CITIZEN, payload: { satisfied: false } });
  expect((await handle.result()).status).toBe('closed');
});

test('a request for more that is never answered closes the case; an unrated answer closes after its window', async () => {
  const silent = await startCase();
  const code = await codeOf(silent);
  const state = await act(silent, 'requestSupplement', { actor: desk, payload: { reason: 'Xin bổ sung.' } });
  await skipPast(state.supplement!.closeBy);
  expect((await silent.result()).status).toBe('closed');
  await delivered(code, 'feedback_closed');

  const unrated = await startCase(false);
  await act(unrated, 'assign', { actor: desk, payload: { agency: 'land' } });
  await act(unrated, 'answer', { actor: staff('specialist', 'land'), payload: { answer: 'Đã trả lời.' } });
  await env.sleep(40 * 86_400_000);
  expect((await unrated.result()).status).toBe('closed');
});
