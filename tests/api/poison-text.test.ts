import { actions } from '../../workflows/messages';
import { startTestStack, type TestStack } from '../harness/stack';
import type request from 'supertest';
import { z } from 'zod';
import { APPLICANT, as, bodyOf, DEMO, DOCUMENTS, errorCode, errorOf, receive } from './support';

const StepsBody = z.object({ steps: z.array(z.object({ id: z.string(), state: z.string() })) });

/** PostgreSQL refuses NUL in text: such text must stop at the edge, and never hold a dossier still. */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ provider: 'postgresql', app: { temporalTimeoutMs: 8_000 } });
});
afterAll(() => stack.stop());

const fieldPaths = (res: request.Response) =>
  z
    .array(z.object({ path: z.string() }))
    .parse(errorOf(res).details)
    .map((d) => d.path);

test('control characters and lone surrogates in any text are refused with the field path', async () => {
  const receiver = as(stack, 'centre.receiver');
  const reception = {
    procedureCode: DEMO,
    channel: 'counter',
    applicant: { ...APPLICANT, fullName: 'Nguyễn\u0000An', address: 'Số 1\u007f' },
    documents: [{ name: 'Đơn\ud800', form: 'original' }],
  };
  const res = await receiver.post('/dossiers', reception);
  expect(res.status).toBe(400);
  expect(errorCode(res)).toBe('VALIDATION_FAILED');
  expect(fieldPaths(res)).toEqual(
    expect.arrayContaining(['body.applicant.fullName', 'body.applicant.address', 'body.documents[0].name']),
  );

  const code = await receive(stack, DEMO);
  const note = await as(stack, 'justice.specialist').post(`/dossiers/${code}/complete-step`, {
    stepId: 'review',
    note: 'Hợp lệ\u0000',
  });
  expect(note.status).toBe(400);
  expect(fieldPaths(note)).toEqual(['body.note']);
  // A name is one line; a note may have several.
  const name = await receiver.post('/dossiers', {
    procedureCode: DEMO,
    channel: 'counter',
    applicant: { ...APPLICANT, fullName: 'Nguyễn\nAn' },
    documents: DOCUMENTS,
  });
  expect(fieldPaths(name)).toEqual(['body.applicant.fullName']);
});

test('Vietnamese text is stored in NFC whatever the keyboard sent', async () => {
  const decomposed = 'Nguyễn Thị Hồng'.normalize('NFD');
  const code = await receive(stack, DEMO, { applicant: { ...APPLICANT, fullName: decomposed } });
  const row = await stack.db.dossier.findUniqueOrThrow({ where: { code } });
  expect(row.applicantName).toBe('Nguyễn Thị Hồng'.normalize('NFC'));
  expect(row.applicantName).not.toBe(decomposed);
});

test('a state the read model cannot store does not hold the clerks still', async () => {
  const code = await receive(stack, DEMO);
  // Past the API, straight at the workflow: a NUL that PostgreSQL will never accept in the audit trail.
  const poisoned = stack.client.workflow.getHandle(code).executeUpdate(actions.completeStep, {
    args: [
      {
        actor: { username: 'justice.specialist', role: 'specialist', agencyCode: 'justice' },
        payload: { stepId: 'review', note: 'Hợp lệ\u0000' },
      },
    ],
  });
  const first = await poisoned;
  expect(first.steps.find((s) => s.id === 'review')?.state).toBe('done');

  // The next action answers from the workflow at once, although its projection (of the same poison) fails.
  const res = await as(stack, 'land.specialist').post(`/dossiers/${code}/complete-step`, {
    stepId: 'land-opinion',
  });
  expect(res.status).toBe(200);
  expect(bodyOf(res, StepsBody).steps).toContainEqual(
    expect.objectContaining({ id: 'land-opinion', state: 'done' }),
  );
});
