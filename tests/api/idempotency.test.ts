import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { PROVIDERS } from '../harness/databases';
import { startTestStack, type TestStack } from '../harness/stack';
import { APPLICANT, as, codeOf, DEMO, DOCUMENTS, errorCode, itemsOf, receive } from './support';

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
      status: 409,
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
});
