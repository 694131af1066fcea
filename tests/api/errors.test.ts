import { ServiceError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import crypto from 'node:crypto';
import { SignJWT } from 'jose';
import request from 'supertest';
import { z } from 'zod';
import { toApiError } from '../../api/errors';
import { startTestStack, type TestStack } from '../harness/stack';
import {
  APPLICANT,
  as,
  DEMO,
  DOCUMENTS,
  errorCode,
  errorOf,
  HOUSEHOLD,
  lastWorkingMorning,
  receive,
} from './support';

/** 400, 401, 404 and 413 in the contract's shape, with the field paths a client needs to fix its request. */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

function fieldsOf(res: request.Response): Record<string, string> {
  expect(res.status).toBe(400);
  expect(errorCode(res)).toBe('VALIDATION_FAILED');
  const details = z.array(z.object({ path: z.string(), message: z.string() })).parse(errorOf(res).details);
  return Object.fromEntries(details.map((d) => [d.path, d.message]));
}

test('a malformed body is answered with the path of every bad field', async () => {
  const res = await as(stack, 'centre.receiver').post('/dossiers', {
    procedureCode: DEMO,
    channel: 'fax',
    applicant: { fullName: '', idNumber: '12', email: 'not-an-email', nickname: 'An' },
    documents: [{ name: 'Đơn', form: 'photocopy' }],
    receivedAt: 'yesterday',
  });
  expect(Object.keys(fieldsOf(res)).sort()).toEqual(
    [
      'body.channel',
      'body.applicant.fullName',
      'body.applicant.idNumber',
      'body.applicant.email',
      'body.applicant.nickname',
      'body.documents[0].form',
      'body.receivedAt',
    ].sort(),
  );
  expect(Object.keys(fieldsOf(await as(stack, 'centre.receiver').post('/dossiers', {})))).toEqual(
    expect.arrayContaining(['body.procedureCode', 'body.applicant']),
  );
  const code = await receive(stack, DEMO);
  const action = await as(stack, 'justice.specialist').post(`/dossiers/${code}/complete-step`, { stepId: 7 });
  expect(Object.keys(fieldsOf(action))).toEqual(['body.stepId']);
  const future = await as(stack, 'centre.receiver').post('/dossiers', {
    procedureCode: DEMO,
    channel: 'counter',
    applicant: APPLICANT,
    documents: DOCUMENTS,
    receivedAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  expect(Object.keys(fieldsOf(future))).toEqual(['body.receivedAt']);
});

test('broken JSON, bad path parameters, queries and headers are 400 too', async () => {
  const token = await stack.login('centre.receiver');
  const broken = await request(stack.app)
    .post('/api/v1/dossiers')
    .set('Authorization', `Bearer ${token}`)
    .set('Content-Type', 'application/json')
    .send('{"procedureCode": ');
  expect(fieldsOf(broken)).toEqual({ body: 'malformed JSON' });
  expect(Object.keys(fieldsOf(await as(stack, 'centre.receiver').get('/dossiers/not-a-code')))).toEqual([
    'params.code',
  ]);
  expect(Object.keys(fieldsOf(await as(stack).get('/public/dossiers/000.00.01.H56-261399-0001')))).toEqual([
    'params.code',
  ]);
  expect(Object.keys(fieldsOf(await as(stack).get('/procedures/1.2')))).toEqual(['params.code']);
  const query = await as(stack, 'centre.receiver').get(
    '/dossiers?page=0&pageSize=101&overdue=maybe&dueBefore=soon&status=lost',
  );
  expect(Object.keys(fieldsOf(query)).sort()).toEqual(
    ['query.page', 'query.pageSize', 'query.overdue', 'query.dueBefore', 'query.status'].sort(),
  );
  const header = await as(stack, 'centre.receiver').post('/dossiers', {}, 'x'.repeat(300));
  expect(fieldsOf(header)).toHaveProperty(['headers.idempotency-key']);
});

test('a body over the limit is 413', async () => {
  const res = await as(stack, 'centre.receiver').post('/dossiers', {
    procedureCode: DEMO,
    documents: [{ name: 'x'.repeat(150_000), form: 'copy' }],
  });
  expect({ status: res.status, code: errorCode(res) }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
});

test('no token, a forged or expired token, a wrong password: 401 without telling which', async () => {
  const unauthenticated = async (res: request.Response | Promise<request.Response>) => {
    const r = await res;
    expect({ status: r.status, code: errorCode(r) }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    return r;
  };
  await unauthenticated(request(stack.app).get('/api/v1/dossiers'));
  await unauthenticated(request(stack.app).get('/api/v1/agencies').set('Authorization', 'Bearer nonsense'));
  const forged = await new SignJWT({ role: 'admin', agencyCode: 'centre' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('admin')
    .setIssuer('motcua')
    .setAudience('motcua-api')
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode('not the secret of this server at all'));
  await unauthenticated(request(stack.app).get('/api/v1/dossiers').set('Authorization', `Bearer ${forged}`));
  const expired = stack.appWith({ tokenTtl: '-1s' });
  const login = await request(expired)
    .post('/api/v1/auth/login')
    .send({ username: 'admin', password: 'demo' });
  await unauthenticated(
    request(expired)
      .get('/api/v1/dossiers')
      .set('Authorization', `Bearer ${z.object({ token: z.string() }).parse(login.body).token}`),
  );

  // An unknown user costs one password hash too, like a wrong password, so timing tells no user names:
  // counted in scrypt calls rather than measured in time.
  const scrypt = jest.spyOn(crypto, 'scrypt');
  const refused = async (username: string) => {
    scrypt.mockClear();
    const res = await unauthenticated(as(stack).post('/auth/login', { username, password: 'wrong' }));
    return { body: res.body as unknown, hashes: scrypt.mock.calls.length };
  };
  const wrong = await refused('admin');
  const unknown = await refused('nobody');
  scrypt.mockRestore();
  expect(wrong.hashes).toBe(1);
  expect(unknown).toEqual(wrong);
});

test('unknown dossiers, procedures and paths are 404', async () => {
  const notFound = (res: request.Response) =>
    expect({ status: res.status, code: errorCode(res) }).toEqual({ status: 404, code: 'NOT_FOUND' });
  const unknown = '000.00.01.H56-200101-9999';
  notFound(await as(stack, 'admin').get(`/dossiers/${unknown}`));
  notFound(await as(stack, 'justice.leader').post(`/dossiers/${unknown}/approve`));
  notFound(await as(stack).get(`/public/dossiers/${unknown}`));
  notFound(await as(stack).get('/public/procedures/9.999999'));
  notFound(
    await as(stack, 'centre.receiver').post('/dossiers', {
      procedureCode: '9.999999',
      channel: 'counter',
      applicant: APPLICANT,
      documents: DOCUMENTS,
    }),
  );
  notFound(await as(stack).get('/nothing-here'));
});

test('no error answer carries a stack trace, and every one has the contract shape', async () => {
  const answers = [
    await as(stack).get('/dossiers'),
    await as(stack, 'admin').get('/dossiers/bad'),
    await as(stack).get('/nothing'),
    await as(stack, 'justice.specialist').post('/dossiers', {
      procedureCode: DEMO,
      channel: 'counter',
      applicant: APPLICANT,
      documents: DOCUMENTS,
    }),
  ];
  expect(answers.map((a) => a.status)).toEqual([401, 400, 404, 403]);
  for (const a of answers) {
    expect(Object.keys(a.body as object)).toEqual(['error']);
    expect(Object.keys(errorOf(a)).sort()).toEqual(['code', 'details', 'message']);
    expect(JSON.stringify(a.body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(a.headers['content-type']).toMatch(/application\/json/);
  }
});

test('a dossier code whose day does not exist is a bad path, not an unknown dossier', async () => {
  const res = await as(stack, 'admin').get('/dossiers/000.00.01.H56-260230-0001');
  expect(res.status).toBe(400);
  const { code, details } = errorOf(res);
  expect(code).toBe('VALIDATION_FAILED');
  expect(JSON.stringify(details)).toContain('not a day of the calendar');
});

test('an extension beyond the years of the dossier calendar is 422 with the calendar code', async () => {
  const code = await receive(stack, HOUSEHOLD, { receivedAt: lastWorkingMorning().toISOString() });
  const res = await as(stack, 'commune.leader').post(`/dossiers/${code}/extend`, {
    reason: 'Xác minh',
    newDueAt: '2040-01-02',
  });
  expect({ status: res.status, code: errorCode(res) }).toEqual({ status: 422, code: 'NO_CALENDAR_DATA' });
});

test('a desk out of dossier codes for the day answers 503 DAILY_SEQUENCE_EXHAUSTED, not a 500', async () => {
  // Yesterday (the demo procedure counts every day): a receipt may be dated one working day back.
  const yesterday = new Date(Date.now() - 86_400_000);
  const day = new Date(yesterday.getTime() + 7 * 3_600_000).toISOString().slice(2, 10).replaceAll('-', '');
  await stack.db.codeCounter.create({ data: { agencyIdentifier: '000.00.01.H56', day, value: 9999 } });
  const res = await as(stack, 'centre.receiver').post('/dossiers', {
    procedureCode: DEMO,
    channel: 'counter',
    applicant: APPLICANT,
    documents: DOCUMENTS,
    receivedAt: yesterday.toISOString(),
  });
  expect({ status: res.status, code: errorCode(res) }).toEqual({
    status: 503,
    code: 'DAILY_SEQUENCE_EXHAUSTED',
  });
});

test('a workflow failure that is not a domain refusal is a 500, whatever type it names', () => {
  const failed = (type: string) =>
    toApiError(
      new WorkflowUpdateFailedError('update failed', ApplicationFailure.create({ type, message: 'boom' })),
    );
  expect([failed('TypeError').status, failed('TypeError').code]).toEqual([500, 'INTERNAL_ERROR']);
  expect([failed('STEP_NOT_CURRENT').status, failed('STEP_NOT_CURRENT').code]).toEqual([
    409,
    'STEP_NOT_CURRENT',
  ]);
  expect(failed('NO_CALENDAR_DATA').status).toBe(422);
});

test('an Update refused because its workflow task failed (a killed worker) is a 503 the client retries', () => {
  const refused = (details: string) =>
    toApiError(
      new ServiceError('Workflow Update failed', {
        cause: Object.assign(new Error(`9 FAILED_PRECONDITION: ${details}`), {
          code: 9,
          details,
          metadata: {},
        }),
      }),
    );
  // The dev server's wording of WorkflowNotReady, and the Temporal server's own.
  for (const details of [
    'Workflow state is not ready to handle the request.',
    'Unable to perform workflow execution update due to Workflow Task in failed state.',
  ]) {
    expect([refused(details).status, refused(details).code]).toEqual([503, 'TEMPORAL_UNAVAILABLE']);
  }
  expect(refused('Namespace is not active.').status).toBe(500);
});
