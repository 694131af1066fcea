import type { WorkflowHandle } from '@temporalio/client';
import { readModelRow } from '../../activities/read-model';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DossierWorkers } from '../../workers/dossier-workers';
import { paymentConfirmedSignal, stateQuery, type ActionArgs } from '../../workflows/messages';
import {
  act,
  createWorker,
  leader,
  receiver,
  recordingActivities,
  refusal,
  specialist,
  skipToWorkingMorning,
  startDossierWorkflow,
} from '../harness/dossiers';
import { timeSkippingEnvironment } from '../harness/temporal';
import { eventually } from '../api/support';

/** The demo procedure runs round the clock in minutes: review → land ∥ construction → justice leader. */
const DEMO = '0.000001';
const MINUTE = 60_000;

let env: TestWorkflowEnvironment;
let worker: DossierWorkers;
let running: Promise<void>;
const recorded = recordingActivities();

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

const sentFor = (code: string, occasion?: string) =>
  recorded.sent.filter((n) => n.dossierCode === code && (!occasion || n.occasion === occasion));

/** Messages leave one after another once the Update has answered: wait until the occasion's is recorded. */
const delivered = (code: string, occasion: string) =>
  eventually(() => {
    const sent = sentFor(code, occasion);
    if (!sent.length) throw new Error(`no ${occasion} message yet`);
    return Promise.resolve(sent);
  });

async function throughReview(handle: WorkflowHandle) {
  await act(handle, 'completeStep', { actor: specialist('justice'), payload: { stepId: 'review' } });
}

test('a dossier lives from the counter to the returned result through parallel and sequential agencies', async () => {
  const handle = await startDossierWorkflow(env, DEMO);
  let state = await handle.query(stateQuery);
  expect(state.status).toBe('processing');
  expect(state.steps.find((s) => s.id === 'review')?.state).toBe('active');

  state = await act(handle, 'completeStep', { actor: specialist('justice'), payload: { stepId: 'review' } });
  const active = state.steps.filter((s) => s.state === 'active').map((s) => s.agency);
  expect(active.sort()).toEqual(['construction', 'land']);
  // Sending the consultation forward does not wait for the other agency of the group.
  state = await act(handle, 'completeStep', {
    actor: specialist('land'),
    payload: { stepId: 'land-opinion' },
  });
  expect(state.steps.find((s) => s.id === 'approve')?.state).toBe('waiting');
  state = await act(handle, 'completeStep', {
    actor: specialist('construction'),
    payload: { stepId: 'construction-opinion' },
  });
  expect(state.steps.find((s) => s.id === 'approve')?.state).toBe('active');

  state = await act(handle, 'approve', { actor: leader('justice'), payload: { note: 'Đồng ý' } });
  expect(state.status).toBe('processed');
  expect(state.onTime).toBe(true);
  state = await act(handle, 'returnResult', { actor: receiver(), payload: { method: 'counter' } });
  expect(state.status).toBe('returned');

  // One handoff row per step given, plus the result back to the One-stop: the process control slip.
  expect(state.handoffs.map((h) => `${h.fromAgency}>${h.toAgency}`)).toEqual([
    'centre>justice',
    'justice>land',
    'justice>construction',
    'construction>justice',
    'justice>centre',
  ]);
  expect(state.handoffs.every((h) => h.result === 'on_time' || h.result === 'early')).toBe(true);

  const final = await handle.result();
  expect(final.status).toBe('returned');
  const occasions = sentFor(handle.workflowId)
    .filter((n) => n.audience.kind === 'citizen')
    .map((n) => n.occasion);
  expect(occasions).toEqual([
    'received',
    'result_ready',
    'early_return_notice',
    'returned',
    'rating_invitation',
  ]);
});

test('an action the rules forbid is refused with its code and leaves no trace in history', async () => {
  const handle = await startDossierWorkflow(env, DEMO);
  expect(
    await refusal(
      act(handle, 'completeStep', { actor: specialist('land'), payload: { stepId: 'land-opinion' } }),
    ),
  ).toBe('STEP_NOT_CURRENT');
  expect(
    await refusal(act(handle, 'completeStep', { actor: specialist('land'), payload: { stepId: 'review' } })),
  ).toBe('FORBIDDEN');
  expect(await refusal(act(handle, 'approve', { actor: leader('justice'), payload: {} }))).toBe(
    'STEP_NOT_CURRENT',
  );
  expect(
    await refusal(act(handle, 'returnResult', { actor: receiver(), payload: { method: 'counter' } })),
  ).toBe('INVALID_TRANSITION');
  const history = await handle.fetchHistory();
  const updates = history.events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes) ?? [];
  expect(updates).toHaveLength(0);
  await act(handle, 'withdraw', { actor: receiver(), payload: { reason: 'Công dân rút hồ sơ' } });
});

test("a programming error in the rules is not passed off as the client's VALIDATION_FAILED", async () => {
  const handle = await startDossierWorkflow(env, DEMO);
  // No payload at all: the rules read a field of undefined, a TypeError no client request can cause.
  const broken = { actor: specialist('justice') } as unknown as ActionArgs<'completeStep'>;
  expect(await refusal(act(handle, 'completeStep', broken))).toBe('TypeError');
  await act(handle, 'withdraw', { actor: receiver(), payload: {} });
});

test('one supplement request at most, and the deadline restarts from zero when it arrives', async () => {
  const handle = await startDossierWorkflow(env, DEMO);
  await throughReview(handle);
  await env.sleep(5 * MINUTE);
  let state = await act(handle, 'requestSupplement', {
    actor: specialist('land'),
    payload: { reason: 'Thiếu bản vẽ', documents: ['Bản vẽ hiện trạng'] },
  });
  expect(state.status).toBe('awaiting_supplement');
  expect((await delivered(handle.workflowId, 'supplement_requested'))[0].data.documents).toEqual([
    'Bản vẽ hiện trạng',
  ]);

  await env.sleep(60 * MINUTE);
  const arrived = await env.currentTimeMs();
  state = await act(handle, 'supplement', {
    actor: receiver(),
    payload: { documents: [{ name: 'Bản vẽ hiện trạng', form: 'copy' }] },
  });
  expect(state.status).toBe('processing');
  // 30 minutes counted again from the supplement, not resumed from what was left.
  expect(Date.parse(state.dueAt!) - arrived).toBeGreaterThanOrEqual(30 * MINUTE);
  expect(Date.parse(state.dueAt!) - arrived).toBeLessThan(30 * MINUTE + 5_000);
  expect(state.overdue).toBe(false);

  expect(
    await refusal(
      act(handle, 'requestSupplement', {
        actor: specialist('land'),
        payload: { reason: 'Lần hai', documents: ['X'] },
      }),
    ),
  ).toBe('SUPPLEMENT_ALREADY_REQUESTED');
  await act(handle, 'withdraw', { actor: receiver(), payload: {} });
});

test('the dossier closes by itself 15 days after a supplement request that nobody answers', async () => {
  const handle = await startDossierWorkflow(env, DEMO);
  await throughReview(handle);
  await act(handle, 'requestSupplement', {
    actor: specialist('land'),
    payload: { reason: 'Thiếu', documents: ['Y'] },
  });
  const final = await handle.result();
  expect(final.status).toBe('stopped');
  expect(final.substate).toBe('closed_no_supplement');
  const closedAt = Date.parse(final.closedAt!);
  const requestedAt = Date.parse(final.supplement!.requestedAt);
  expect(closedAt - requestedAt).toBeGreaterThanOrEqual(15 * 24 * 60 * MINUTE - 24 * 60 * MINUTE);
  expect(closedAt - requestedAt).toBeLessThanOrEqual(16 * 24 * 60 * MINUTE);
  expect(sentFor(handle.workflowId, 'closed_no_supplement')).toHaveLength(1);
});

/** Household business registration: 3 working days at the commune, specialist then chairman. */
const HOUSEHOLD_BUSINESS = '1.001612';
const DAY = 24 * 60 * MINUTE;

test('one extension, refused a second time and refused when asked too late', async () => {
  await skipToWorkingMorning(env);
  const handle = await startDossierWorkflow(env, HOUSEHOLD_BUSINESS);
  let state = await handle.query(stateQuery);
  const due = Date.parse(state.dueAt!);
  state = await act(handle, 'extend', {
    actor: leader('commune'),
    payload: { reason: 'Cần xác minh thêm', newDueAt: new Date(due + 2 * DAY).toISOString() },
  });
  expect(state.extensionCount).toBe(1);
  expect(state.originalDueAt).toBe(new Date(due).toISOString());
  expect(Date.parse(state.dueAt!)).toBeGreaterThan(due);
  const apology = await delivered(handle.workflowId, 'extended');
  expect(apology).toHaveLength(1);
  expect(apology[0].audience).toEqual({ kind: 'citizen' });
  expect(
    await refusal(
      act(handle, 'extend', {
        actor: leader('commune'),
        payload: { reason: 'Lần hai', newDueAt: new Date(due + 4 * DAY).toISOString() },
      }),
    ),
  ).toBe('EXTENSION_ALREADY_USED');

  // The apology and new date must come no later than one day before the deadline (Art. 19(6)).
  const late = await startDossierWorkflow(env, HOUSEHOLD_BUSINESS);
  const lateDue = Date.parse((await late.query(stateQuery)).dueAt!);
  await env.sleep(lateDue - (await env.currentTimeMs()) - 60 * MINUTE);
  expect(
    await refusal(
      act(late, 'extend', {
        actor: leader('commune'),
        payload: { reason: 'Muộn', newDueAt: new Date(lateDue + 2 * DAY).toISOString() },
      }),
    ),
  ).toBe('EXTENSION_TOO_LATE');
  await act(handle, 'withdraw', { actor: receiver('commune'), payload: {} });
  await act(late, 'withdraw', { actor: receiver('commune'), payload: {} });
});

test('an overdue dossier is marked, the citizen gets an apology and the leader is told, and it still finishes', async () => {
  const handle = await startDossierWorkflow(env, DEMO);
  const due = Date.parse((await handle.query(stateQuery)).dueAt!);
  await env.sleep(due - (await env.currentTimeMs()) + MINUTE);
  let state = await handle.query(stateQuery);
  expect(state.overdue).toBe(true);
  const apology = sentFor(handle.workflowId, 'overdue_apology');
  expect(apology).toHaveLength(1);
  expect(Math.abs(apology[0].at.getTime() - due)).toBeLessThan(1_000);
  const alerts = sentFor(handle.workflowId, 'overdue_alert');
  // The review step ran late first (10 minutes in), then the dossier itself (30 minutes).
  expect(
    alerts.map((n) => [n.data.stepName ?? 'dossier', Math.round((n.at.getTime() - due) / MINUTE)]),
  ).toEqual([
    ['Thẩm định hồ sơ', -20],
    ['dossier', 0],
  ]);
  for (const alert of alerts)
    expect(alert.audience).toEqual({ kind: 'staff', agencyCode: 'justice', roles: ['leader'] });
  // Reminders went out before: 10 and 5 minutes ahead of the step and the dossier deadlines.
  const reminders = sentFor(handle.workflowId, 'dossier_reminder').map((n) =>
    Math.round((due - n.at.getTime()) / MINUTE),
  );
  expect(reminders).toEqual([10, 5]);

  await throughReview(handle);
  await act(handle, 'completeStep', { actor: specialist('land'), payload: { stepId: 'land-opinion' } });
  await act(handle, 'completeStep', {
    actor: specialist('construction'),
    payload: { stepId: 'construction-opinion' },
  });
  state = await act(handle, 'approve', { actor: leader('justice'), payload: {} });
  expect(state.onTime).toBe(false);
  expect(state.handoffs.at(-1)?.result).toBe('late');
});

test('the citizen may withdraw before the decision, not after', async () => {
  const handle = await startDossierWorkflow(env, DEMO);
  const state = await act(handle, 'withdraw', {
    actor: receiver(),
    payload: { reason: 'Không còn nhu cầu' },
  });
  expect(state.status).toBe('withdrawn');
  expect((await handle.result()).status).toBe('withdrawn');
  expect(
    await refusal(act(handle, 'withdraw', { actor: receiver(), payload: {} })).catch((e) => String(e)),
  ).toMatch(/DOSSIER_CLOSED|completed|not found/i);
});

test('an online submission is returned for completion once, then accepted or refused at the desk', async () => {
  const handle = await startDossierWorkflow(env, HOUSEHOLD_BUSINESS, { online: true });
  let state = await act(handle, 'requestCompletion', {
    actor: receiver('commune'),
    payload: { reason: 'Thiếu bản sao giấy tờ', missingDocuments: ['Bản sao CCCD'] },
  });
  expect(state).toMatchObject({ status: 'awaiting_supplement', substate: 'awaiting_completion' });
  expect(
    await refusal(
      act(handle, 'requestCompletion', {
        actor: receiver('commune'),
        payload: { reason: 'Lần hai', missingDocuments: ['X'] },
      }),
    ),
  ).toBe('COMPLETION_ALREADY_REQUESTED');
  state = await act(handle, 'supplement', {
    actor: receiver('commune'),
    payload: { documents: [{ name: 'Bản sao CCCD', form: 'copy' }] },
  });
  expect(state).toMatchObject({ status: 'submitted', substate: 'awaiting_acceptance' });
  state = await act(handle, 'refuse', {
    actor: receiver('commune'),
    payload: { reason: 'Không thuộc thẩm quyền' },
  });
  expect(state.status).toBe('not_accepted');
  expect((await handle.result()).refusal?.stage).toBe('reception');

  const accepted = await startDossierWorkflow(env, HOUSEHOLD_BUSINESS, { online: true });
  expect(await refusal(act(accepted, 'accept', { actor: receiver('centre'), payload: {} }))).toBe(
    'FORBIDDEN',
  );
  state = await act(accepted, 'accept', { actor: receiver('commune'), payload: {} });
  expect(['received', 'processing']).toContain(state.status);
  expect(state.dueAt).toBeDefined();
  await act(accepted, 'withdraw', { actor: receiver('commune'), payload: {} });
  await accepted.result();
  expect(await delivered(accepted.workflowId, 'submission_accepted')).toHaveLength(1);
});

/** A land dossier on a working morning, verified and surveyed, whose tax office asked for payment. */
async function landAwaitingPayment() {
  await skipToWorkingMorning(env);
  const handle = await startDossierWorkflow(env, '1.013978');
  await act(handle, 'completeStep', { actor: specialist('commune'), payload: { stepId: 'verify' } });
  await act(handle, 'completeStep', { actor: specialist('land'), payload: { stepId: 'cadastre' } });
  const state = await act(handle, 'requestPayment', {
    actor: specialist('tax'),
    payload: { amountVnd: 1_250_000, reason: 'Lệ phí trước bạ' },
  });
  return { handle, state };
}

test('a financial obligation waits for the payment gateway, and a refusal after appraisal is returned as a result', async () => {
  const asked = await landAwaitingPayment();
  const { handle } = asked;
  let { state } = asked;
  expect(state.status).toBe('awaiting_payment');
  expect((await delivered(handle.workflowId, 'payment_requested'))[0].data.amountVnd).toBe(1_250_000);
  await handle.signal(paymentConfirmedSignal, { reference: 'VNPAY-0001' });
  for (let i = 0; i < 50 && state.status !== 'processing'; i += 1) state = await handle.query(stateQuery);
  expect(state.status).toBe('processing');
  expect(state.payment?.reference).toBe('VNPAY-0001');

  state = await act(handle, 'refuse', {
    actor: specialist('tax'),
    payload: { reason: 'Đất đang tranh chấp' },
  });
  expect(state).toMatchObject({
    status: 'processed',
    decision: { kind: 'refused' },
    refusal: { stage: 'appraisal' },
  });
  // The facts indicators 3.6 and the refusal count read from the row.
  expect(readModelRow(state, '')).toMatchObject({
    paymentRequestedAt: new Date(state.payment!.requestedAt),
    paidOnline: true,
    refused: true,
    supplementRequestedAt: null,
  });
  state = await act(handle, 'returnResult', { actor: receiver('commune'), payload: { method: 'counter' } });
  expect(state.status).toBe('returned');
});

test("the land procedure's deadline stands still while the citizen pays (rows I4)", async () => {
  const { handle, state: asked } = await landAwaitingPayment();
  // Forty days: well past the 20 working days, had the wait counted.
  await env.sleep(40 * 24 * 60 * MINUTE);
  expect(await handle.query(stateQuery)).toMatchObject({ status: 'awaiting_payment', overdue: false });
  await handle.signal(paymentConfirmedSignal, { reference: 'DVCQG-0002' });
  const paid = await eventually(async () => {
    const state = await handle.query(stateQuery);
    expect(state.status).toBe('processing');
    return state;
  });
  expect(paid.overdue).toBe(false);
  expect(paid.payment!.excludedWorkingDays).toBeGreaterThanOrEqual(20);
  expect(new Date(paid.dueAt!) > new Date(paid.payment!.paidAt!)).toBe(true);
  expect(new Date(paid.dueAt!) > new Date(asked.dueAt!)).toBe(true);
  await handle.terminate('test over');
});

test('an action sent right after the start, before any query, is kept', async () => {
  const handle = await startDossierWorkflow(env, DEMO);
  const state = await act(handle, 'completeStep', {
    actor: specialist('justice'),
    payload: { stepId: 'review' },
  });
  expect(state.steps.find((s) => s.id === 'review')?.state).toBe('done');
  expect((await handle.query(stateQuery)).steps.find((s) => s.id === 'review')?.state).toBe('done');
  await act(handle, 'withdraw', { actor: receiver(), payload: {} });
});
