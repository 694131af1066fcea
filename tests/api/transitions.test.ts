import { z } from 'zod';
import { startTestStack, type TestStack } from '../harness/stack';
import {
  as,
  bodyOf,
  DEMO,
  errorCode,
  errorOf,
  eventually,
  HOUSEHOLD,
  holder,
  itemsOf,
  lastWorkingMorning,
  receipt,
  receive,
  submission,
} from './support';

const DueAt = z.object({ dueAt: z.string() });
const Corrections = z.object({
  corrections: z.array(
    z.object({
      seq: z.number(),
      reason: z.string(),
      requestedBy: z.string(),
      resultAgency: z.string(),
      status: z.string(),
      completedAt: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
});

/** Every 409 of the contract that the workflow produces, each through the API, each audited as rejected. */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

const act = (code: string, user: string, action: string, body = {}) =>
  as(stack, user).post(`/dossiers/${code}/${action}`, body);

async function expectRejected(code: string, res: Awaited<ReturnType<typeof act>>, expected: string) {
  expect({ status: res.status, code: errorCode(res) }).toEqual({ status: 409, code: expected });
  const { message } = errorOf(res);
  const events = await as(stack, 'admin').get(`/dossiers/${code}/events?pageSize=100`);
  expect(itemsOf(events, z.looseObject({}))).toContainEqual(
    expect.objectContaining({
      outcome: 'rejected',
      detail: { code: expected },
      reason: message,
    }),
  );
}

test('SUPPLEMENT_ALREADY_REQUESTED: one supplement request per dossier, and the deadline restarts', async () => {
  const code = await receive(stack, DEMO);
  const request = { reason: 'Thiếu bản vẽ', documents: ['Bản vẽ hiện trạng'] };
  let res = await act(code, 'justice.specialist', 'request-supplement', request);
  expect(res.body).toMatchObject({ status: { code: 5, key: 'awaiting_supplement' }, supplementCount: 1 });
  const dueBefore = bodyOf(res, DueAt).dueAt;
  res = await act(code, 'centre.receiver', 'supplement', {
    documents: [{ name: 'Bản vẽ hiện trạng', form: 'copy' }],
  });
  expect(res.body).toMatchObject({ status: { code: 4 } });
  expect(new Date(bodyOf(res, DueAt).dueAt).getTime()).toBeGreaterThan(new Date(dueBefore).getTime());
  await expectRejected(
    code,
    await act(code, 'justice.specialist', 'request-supplement', request),
    'SUPPLEMENT_ALREADY_REQUESTED',
  );
});

test('COMPLETION_ALREADY_REQUESTED: an online submission is returned for completion once', async () => {
  const { code, accessCode } = await submission(stack, DEMO);
  const request = { reason: 'Thiếu đơn', missingDocuments: ['Đơn đề nghị'] };
  let res = await act(code, 'centre.receiver', 'request-completion', request);
  expect(res.body).toMatchObject({ status: { code: 5 }, substate: 'awaiting_completion' });
  // The citizen completes it online, without an account.
  res = await holder(stack, accessCode).post(`/public/dossiers/${code}/supplement`, {
    documents: [{ name: 'Đơn đề nghị', form: 'original' }],
  });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: { code: 1 } });
  await expectRejected(
    code,
    await act(code, 'centre.receiver', 'request-completion', request),
    'COMPLETION_ALREADY_REQUESTED',
  );
});

test('EXTENSION_TOO_LATE: the demo deadline of 30 minutes has passed an hour after receipt', async () => {
  // Received just now, a deadline that crosses midnight would leave the whole of today for an extension.
  const code = await receive(stack, DEMO, { receivedAt: new Date(Date.now() - 3_600_000).toISOString() });
  const newDueAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
  await expectRejected(
    code,
    await act(code, 'justice.leader', 'extend', { reason: 'Chậm', newDueAt }),
    'EXTENSION_TOO_LATE',
  );
});

test('EXTENSION_ALREADY_USED: a due date is moved once', async () => {
  const code = await receive(stack, HOUSEHOLD, { receivedAt: lastWorkingMorning().toISOString() });
  const newDueAt = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  expect((await act(code, 'commune.leader', 'extend', { reason: 'Xác minh', newDueAt })).status).toBe(200);
  await expectRejected(
    code,
    await act(code, 'commune.leader', 'extend', { reason: 'Lại', newDueAt }),
    'EXTENSION_ALREADY_USED',
  );
});

test('DOSSIER_CLOSED: nothing happens to a withdrawn dossier', async () => {
  const code = await receive(stack, DEMO);
  const res = await act(code, 'centre.receiver', 'withdraw', { reason: 'Công dân rút hồ sơ' });
  expect(res.body).toMatchObject({ status: { code: 7, key: 'withdrawn' } });
  await expectRejected(
    code,
    await act(code, 'justice.specialist', 'complete-step', { stepId: 'review' }),
    'DOSSIER_CLOSED',
  );
});

test('STEP_NOT_CURRENT: a step waiting for an earlier one cannot be completed', async () => {
  const code = await receive(stack, DEMO);
  await expectRejected(
    code,
    await act(code, 'land.specialist', 'complete-step', { stepId: 'land-opinion' }),
    'STEP_NOT_CURRENT',
  );
  await expectRejected(code, await act(code, 'justice.leader', 'approve', {}), 'STEP_NOT_CURRENT');
});

test('INVALID_TRANSITION and PAYMENT_NOT_REQUIRED: actions the state or procedure does not allow', async () => {
  const { code, accessCode } = await receipt(stack, DEMO);
  await expectRejected(
    code,
    await act(code, 'centre.receiver', 'return-result', { method: 'counter' }),
    'INVALID_TRANSITION',
  );
  await expectRejected(code, await act(code, 'centre.receiver', 'accept'), 'INVALID_TRANSITION');
  await expectRejected(
    code,
    await act(code, 'justice.specialist', 'request-payment', { amountVnd: 10_000, reason: 'Lệ phí' }),
    'PAYMENT_NOT_REQUIRED',
  );
  // Rating before the result is returned.
  const res = await holder(stack, accessCode).post(`/public/dossiers/${code}/rating`, {
    scores: { resultTime: 3 },
  });
  await expectRejected(code, res, 'INVALID_TRANSITION');
});

test('a supplement sent on the public page is for online dossiers only', async () => {
  const { code, accessCode } = await receipt(stack, DEMO);
  await act(code, 'justice.specialist', 'request-supplement', { reason: 'Thiếu', documents: ['Bản sao'] });
  const res = await holder(stack, accessCode).post(`/public/dossiers/${code}/supplement`, {
    documents: [{ name: 'Bản sao', form: 'copy' }],
  });
  expect({ status: res.status, code: errorCode(res) }).toEqual({ status: 403, code: 'FORBIDDEN' });
  const events = await as(stack, 'admin').get(`/dossiers/${code}/events`);
  expect(itemsOf(events, z.looseObject({}))).toContainEqual(
    expect.objectContaining({ actor: 'citizen', outcome: 'denied' }),
  );
});

// Row F9: the receiving desk starts a correction of a returned result in a workflow of its own.
const correctionReport = { reason: 'Sai năm sinh của người được cấp' };

test('a returned result is corrected in a workflow of its own, one correction at a time', async () => {
  const code = await receive(stack, DEMO);
  // Not returned yet: nothing to correct.
  let res = await act(code, 'centre.receiver', 'request-correction', correctionReport);
  expect({ status: res.status, code: errorCode(res) }).toEqual({ status: 409, code: 'INVALID_TRANSITION' });

  await act(code, 'justice.specialist', 'complete-step', { stepId: 'review' });
  await act(code, 'land.specialist', 'complete-step', { stepId: 'land-opinion' });
  await act(code, 'construction.specialist', 'complete-step', { stepId: 'construction-opinion' });
  await act(code, 'justice.leader', 'approve', {});
  res = await act(code, 'centre.receiver', 'return-result', { method: 'counter' });
  expect(res.body).toMatchObject({ status: { key: 'returned' } });

  expect((await act(code, 'justice.specialist', 'request-correction', correctionReport)).status).toBe(403);
  res = await act(code, 'centre.receiver', 'request-correction', correctionReport);
  expect(res.status).toBe(202);
  expect(bodyOf(res, z.object({ correction: z.string() })).correction).toBe(`correction:${code}:1`);
  res = await act(code, 'centre.receiver', 'request-correction', correctionReport);
  expect({ status: res.status, code: errorCode(res) }).toEqual({ status: 409, code: 'INVALID_TRANSITION' });

  // The dossier's views list the correction from the read model, which its workflow keeps.
  const corrections = async () =>
    bodyOf(await as(stack, 'centre.receiver').get(`/dossiers/${code}`), Corrections).corrections;
  const [requested] = await eventually(async () => {
    const listed = await corrections();
    expect(listed).toHaveLength(1);
    return listed;
  });
  expect(requested).toMatchObject({
    seq: 1,
    reason: correctionReport.reason,
    requestedBy: 'centre.receiver',
    resultAgency: 'justice',
    status: 'correcting',
    completedAt: null,
  });
  const citizenReturns = async () => {
    const list = await as(stack, 'centre.receiver').get(`/dossiers/${code}/notifications?pageSize=100`);
    return itemsOf(list, z.object({ occasion: z.string(), audience: z.string(), status: z.string() })).filter(
      (n) => n.occasion === 'returned' && n.audience === 'citizen' && n.status === 'sent',
    ).length;
  };
  const toldOfReturn = await eventually(async () => {
    const told = await citizenReturns();
    expect(told).toBeGreaterThan(0);
    return told;
  });

  // Only the agency that issued the result completes it.
  const fixed = { note: 'Đã cấp lại phiếu đúng năm sinh' };
  res = await act(code, 'land.specialist', 'complete-correction', fixed);
  expect({ status: res.status, code: errorCode(res) }).toEqual({ status: 403, code: 'FORBIDDEN' });
  res = await act(code, 'justice.specialist', 'complete-correction', fixed);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ seq: 1, status: 'corrected', completedBy: 'justice.specialist' });
  await expectRejected(
    code,
    await act(code, 'justice.specialist', 'complete-correction', fixed),
    'INVALID_TRANSITION',
  );

  const [completed] = await corrections();
  expect(completed).toMatchObject({ seq: 1, status: 'corrected', note: fixed.note });
  expect(completed.completedAt).not.toBeNull();
  // The citizen is told once more, by each channel that told of the return.
  await eventually(async () => expect(await citizenReturns()).toBe(2 * toldOfReturn));
});
