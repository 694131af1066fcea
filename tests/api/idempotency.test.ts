import { randomUUID } from 'node:crypto';
import { Client, type WorkflowClientInterceptor } from '@temporalio/client';
import pino from 'pino';
import request from 'supertest';
import { z } from 'zod';
import { sweepIdempotencyRecords } from '../../api/idempotency';
import { PROVIDERS } from '../harness/databases';
import { startTestStack, type TestStack } from '../harness/stack';
import { APPLICANT, as, codeOf, DEMO, DOCUMENTS, errorCode, eventually, itemsOf, receive } from './support';

/** Idempotency-Key: a retried request answers the first answer again and changes nothing more. */
let stack: TestStack;

// Production runs on PostgreSQL, development on SQLite: the suite proves both, one stack each.
describe.each(PROVIDERS)('on %s', (provider) => {
  beforeAll(async () => {
    stack = await startTestStack({ provider });
  });
  afterAll(() => stack.stop());

  const reception = (fullName: string) => ({
    procedureCode: DEMO,
    channel: 'postal',
    applicant: { ...APPLICANT, fullName },
    documents: DOCUMENTS,
  });
  const dossiersOf = (fullName: string) => stack.db.dossier.count({ where: { applicantName: fullName } });

  test('the same reception sent twice with one key is one dossier with one code', async () => {
    const key = randomUUID();
    const receiver = as(stack, 'centre.receiver');
    const first = await receiver.post('/dossiers', reception('Trần Thị Bình'), key);
    const second = await receiver.post('/dossiers', reception('Trần Thị Bình'), key);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await dossiersOf('Trần Thị Bình')).toBe(1);

    // Keys are the sender's own: another clerk's identical key is another request.
    const other = await as(stack, 'centre.receiver').post(
      '/dossiers',
      reception('Trần Thị Bình'),
      randomUUID(),
    );
    expect(codeOf(other)).not.toBe(codeOf(first));
  });

  test('copies racing each other still make one dossier', async () => {
    const key = randomUUID();
    const receiver = as(stack, 'centre.receiver');
    await stack.login('centre.receiver');
    const answers = await Promise.all(
      [1, 2, 3].map(() => receiver.post('/dossiers', reception('Lê Văn Cường'), key)),
    );
    const statuses = answers.map((a) => (a.status === 409 ? errorCode(a) : a.status));
    expect(statuses).toContain(201);
    expect(statuses.every((s) => s === 201 || s === 'IDEMPOTENCY_KEY_IN_PROGRESS')).toBe(true);
    expect(new Set(answers.filter((a) => a.status === 201).map(codeOf)).size).toBe(1);
    expect(await dossiersOf('Lê Văn Cường')).toBe(1);
  });

  test('the same key with another body is refused', async () => {
    const key = randomUUID();
    const receiver = as(stack, 'centre.receiver');
    expect((await receiver.post('/dossiers', reception('Phạm Thị Dung'), key)).status).toBe(201);
    const res = await receiver.post('/dossiers', reception('Phạm Thị Dung Khác'), key);
    expect({ status: res.status, code: errorCode(res) }).toEqual({
      status: 422,
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    expect(await dossiersOf('Phạm Thị Dung Khác')).toBe(0);
  });

  test('a retried action runs once and answers the same', async () => {
    const code = await receive(stack, DEMO);
    const key = randomUUID();
    const specialist = as(stack, 'justice.specialist');
    const first = await specialist.post(`/dossiers/${code}/complete-step`, { stepId: 'review' }, key);
    const second = await specialist.post(`/dossiers/${code}/complete-step`, { stepId: 'review' }, key);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    // Without the key the repeat is a new attempt, refused: the step is done.
    const third = await specialist.post(`/dossiers/${code}/complete-step`, { stepId: 'review' });
    expect(errorCode(third)).toBe('STEP_NOT_CURRENT');
    const events = await as(stack, 'admin').get(`/dossiers/${code}/events`);
    const applied = itemsOf(events, z.object({ action: z.string(), outcome: z.string() })).filter(
      (e) => e.action === 'completeStep' && e.outcome === 'applied',
    );
    expect(applied).toHaveLength(1);
  });

  test('a refusal is replayed too, and an online submission is submitted once', async () => {
    const code = await receive(stack, DEMO);
    const key = randomUUID();
    const receiver = as(stack, 'centre.receiver');
    const first = await receiver.post(`/dossiers/${code}/accept`, {}, key);
    const second = await receiver.post(`/dossiers/${code}/accept`, {}, key);
    expect([first.status, second.status]).toEqual([409, 409]);
    expect(second.body).toEqual(first.body);

    const submission = {
      procedureCode: DEMO,
      applicant: { ...APPLICANT, fullName: 'Võ Thị Én' },
      documents: DOCUMENTS,
    };
    const citizenKey = randomUUID();
    const a = await as(stack).post('/public/submissions', submission, citizenKey);
    const b = await as(stack).post('/public/submissions', submission, citizenKey);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(codeOf(b)).toBe(codeOf(a));
    expect(await dossiersOf('Võ Thị Én')).toBe(1);
  });

  /** An app whose Temporal start fails with a deadline, after starting the workflow or without. */
  const appWithTimedOutStart = (happened: boolean) => {
    const { connection, options } = stack.client;
    const interceptor: WorkflowClientInterceptor = {
      async startWithDetails(input, next) {
        if (happened) await next(input);
        throw Object.assign(new Error('deadline exceeded'), { code: 4, details: 'deadline', metadata: {} });
      },
    };
    const temporal = new Client({ ...options, connection, interceptors: { workflow: [interceptor] } });
    return stack.appWith({ temporal });
  };
  const post = (app: ReturnType<TestStack['appWith']>, body: object, key: string) =>
    stack.login('centre.receiver').then((token) =>
      request(app)
        .post('/api/v1/dossiers')
        .set({ Authorization: `Bearer ${token}`, 'Idempotency-Key': key })
        .send(body),
    );
  const counter = async () =>
    (await stack.db.codeCounter.findMany({ where: { agencyIdentifier: '000.00.01.H56' } })).reduce(
      (sum, c) => sum + c.value,
      0,
    );

  test('a start that timed out but happened keeps its dossier and applicant', async () => {
    const res = await post(appWithTimedOutStart(true), reception('Đặng Văn Giang'), randomUUID());
    expect(res.status).toBe(201);
    expect(await dossiersOf('Đặng Văn Giang')).toBe(1);
    const described = await stack.client.workflow.getHandle(codeOf(res)).describe();
    expect(described.status.name).toBe('RUNNING');
  });

  test('a retry after a failed start receives the dossier under the code first drawn', async () => {
    const key = randomUUID();
    const before = await counter();
    const failed = await post(appWithTimedOutStart(false), reception('Bùi Thị Hoa'), key);
    expect(failed.status).toBe(503);
    expect(await dossiersOf('Bùi Thị Hoa')).toBe(0);
    const retried = await post(stack.app, reception('Bùi Thị Hoa'), key);
    expect(retried.status).toBe(201);
    expect(await counter()).toBe(before + 1);
    expect(await dossiersOf('Bùi Thị Hoa')).toBe(1);
  });

  test('records older than the retention are swept', async () => {
    const scope = 'someone POST /api/v1/dossiers';
    await stack.db.idempotencyRecord.createMany({
      data: [
        { key: 'old', scope, requestHash: 'x', statusCode: 201, responseBody: {}, createdAt: new Date(0) },
        { key: 'new', scope, requestHash: 'x', statusCode: 201, responseBody: {} },
      ],
    });
    const stop = sweepIdempotencyRecords(stack.db, 3_600_000, pino({ level: 'silent' }));
    await eventually(async () =>
      expect((await stack.db.idempotencyRecord.findMany({ where: { scope } })).map((r) => r.key)).toEqual([
        'new',
      ]),
    );
    stop();
  });
});
