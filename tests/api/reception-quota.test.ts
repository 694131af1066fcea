import pino from 'pino';
import request from 'supertest';
import { z } from 'zod';
import { dossierCodeDay } from '../../domain/dossier-code';
import { startTestStack, type TestStack } from '../harness/stack';
import { APPLICANT, DEMO, DOCUMENTS, errorOf, receive } from './support';

/** Finding 5: anonymous submissions cannot use up a desk's day, and a desk out of codes is a 503 and an alert. */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

const CENTRE = '000.00.01.H56';

/** An app on the stack's database and Temporal with these daily quotas, seeing clients by X-Forwarded-For from loopback. */
function appWithQuotas(perClient: number, perDesk: number) {
  const app = stack.appWith({ submissionQuotas: { perClient, perDesk }, trustProxy: 'loopback' });
  return (client: string) =>
    request(app)
      .post('/api/v1/public/submissions')
      .set('X-Forwarded-For', client)
      .send({ procedureCode: DEMO, applicant: APPLICANT, documents: DOCUMENTS });
}

async function onlineAtCentre(): Promise<number> {
  return stack.db.dossier.count({ where: { channel: 'online', receivingAgencyCode: 'centre' } });
}

test('one client address gets its daily quota of submissions, then 429 RATE_LIMITED until the next day', async () => {
  const submit = appWithQuotas(2, 100_000);
  expect((await submit('198.51.100.1')).status).toBe(202);
  expect((await submit('198.51.100.1')).status).toBe(202);
  const refused = await submit('198.51.100.1');
  expect(refused.status).toBe(429);
  expect(errorOf(refused).code).toBe('RATE_LIMITED');
  const retryAfter = z.coerce.number().int().parse(refused.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(86_400);
  // Another citizen is not held back by the first.
  expect((await submit('198.51.100.2')).status).toBe(202);
});

test('a desk gets its daily quota of anonymous submissions from all addresses; its counter still receives', async () => {
  const before = await onlineAtCentre();
  const submit = appWithQuotas(100_000, before + 3);
  for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
    expect((await submit(client)).status).toBe(202);
  }
  const refused = await submit('203.0.113.4');
  expect(refused.status).toBe(429);
  expect(errorOf(refused).code).toBe('RATE_LIMITED');
  expect(await onlineAtCentre()).toBe(before + 3);
  // The citizens at the counter are not turned away: the counter still draws codes.
  await expect(receive(stack, DEMO)).resolves.toMatch(/^000\.00\.01\.H56-/);
});

test('a desk out of codes answers 503 DAILY_SEQUENCE_EXHAUSTED and logs an error naming the desk', async () => {
  const lines: unknown[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const app = stack.appWith({ logger });
  const day = dossierCodeDay(new Date());
  await stack.db.codeCounter.upsert({
    where: { agencyIdentifier_day: { agencyIdentifier: CENTRE, day } },
    create: { agencyIdentifier: CENTRE, day, value: 9999 },
    update: { value: 9999 },
  });
  const res = await request(app)
    .post('/api/v1/public/submissions')
    .send({ procedureCode: DEMO, applicant: APPLICANT, documents: DOCUMENTS });
  expect(res.status).toBe(503);
  expect(errorOf(res).code).toBe('DAILY_SEQUENCE_EXHAUSTED');
  const alerts = z
    .array(z.looseObject({ level: z.number(), desk: z.string().optional() }))
    .parse(lines)
    .filter((line) => line.level >= 50);
  expect(alerts.map((a) => a.desk)).toContain(CENTRE);
});
